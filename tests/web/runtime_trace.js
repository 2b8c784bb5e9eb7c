/* The runtime's side of the parity tests (tests/web/test_runtime_parity.py): plays requests
 * through JourneyRuntime and answers with plain JSON, BigInts as decimal strings. The same file
 * runs in node (runtime_driver.js) and in Chromium (loaded into a blank page), so both answer
 * from one code. What each answer holds is mirrored in Python by runtime_parity.py. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.JourneyTrace = factory(root.JourneyRuntime);
})(typeof globalThis !== "undefined" ? globalThis : this, function (runtime) {
  "use strict";

  function snapshot(game, state) {
    return {state: game.saveState(state), over: game.isOver(state),
            available: game.available(state), views: game.choiceViews(state),
            text: game.nodeText(state),
            visible: state.values.map((value, slot) => game.visible(slot, value))};
  }

  /** One journey: the state after each move (saved and loaded back between moves), with its
   * events, or the refusal of a move that cannot be taken; then the journey replayed. */
  function play(game, {seed, moves}) {
    let state = game.newGame(seed);
    const trace = [snapshot(game, state)];
    for (const [choice, outcome] of moves) {
      let taken;
      try {
        taken = game.step(state, choice, outcome);
      } catch (error) {
        if (!(error instanceof runtime.InvalidChoice)) throw error;
        trace.push({refused: [choice, outcome], message: error.message});
        continue;
      }
      state = game.loadState(JSON.parse(JSON.stringify(game.saveState(taken.state))));
      trace.push({...snapshot(game, state), events: taken.events});
    }
    const replayed = game.replay(seed, state.history);
    return {trace, replayed: game.saveState(replayed)};
  }

  function draws({seed, bounds}) {
    let state = runtime.rng.seedState(seed);
    const found = [state.toString()];
    for (const bound of bounds) {
      let value;
      [value, state] = runtime.rng.below(state, BigInt(bound));
      found.push(value.toString(), state.toString());
    }
    return found;
  }

  function handle(request) {
    switch (request.kind) {
      case "play": {
        const game = runtime.load(request.data);
        return request.cases.map(journey => play(game, journey));
      }
      case "evaluate":
        return request.rows.map(row => runtime.evaluate(request.tree, row.map(BigInt)).toString());
      case "draws":
        return request.cases.map(draws);
      case "load":
        try {
          runtime.load(request.data).newGame(request.seed);
          return "loaded";
        } catch (error) {
          return `${error.name}: ${error.message}`;
        }
    }
    throw new Error(`unknown request ${request.kind}`);
  }

  return {handle};
});
