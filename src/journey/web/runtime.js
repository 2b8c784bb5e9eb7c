/* journey's rules in JavaScript: plays a scenario exported by journey/frontend/scenario_data.py
 * exactly as the Python engine (src/journey/engine/rules.py) does, draw for draw, so a page
 * needs no Python. One file, no dependencies, no build step: in node, require() it; in a
 * browser, inline it and use the global `JourneyRuntime`.
 *
 *   const game = JourneyRuntime.load(data);   // data: scenario_data(scenario), parsed
 *   let state = game.newGame(seed);           // seed: an integer, a BigInt or a decimal string
 *   game.choiceViews(state);                  // open choices, and closed ones with a reason
 *   game.nodeText(state);                     // the scene's text (an ending's: text, context)
 *   game.visible(slot, value);                // whether the status panel shows a value
 *   ({state, events} = game.step(state, index));
 *
 * Integers are BigInts throughout (values, expressions, the generator), so nothing is rounded
 * where Python's integers are exact; `//` rounds towards minus infinity as Python's does;
 * booleans are 0n and 1n, as the engine stores flags. Expressions are trees interpreted here,
 * never source text: there is no eval. The tests play the same seeds and choices through both
 * engines and compare every state and event (tests/web/test_runtime_parity.py).
 */
(function (root, factory) {
  "use strict";
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.JourneyRuntime = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function () {
  "use strict";

  const FORMAT = 1;       // the data's format: journey.frontend.scenario_data.FORMAT

  // --- the generator: SplitMix64, as engine/rng.py --------------------------------------------
  const MASK = (1n << 64n) - 1n;
  const GAMMA = 0x9E3779B97F4A7C15n;

  function seedState(seed) {
    return (toInteger(seed, "the seed") * 0xBF58476D1CE4E5B9n + GAMMA) & MASK;
  }

  /** [a 64-bit random value, the next state] */
  function nextU64(state) {
    state = (state + GAMMA) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK;
    return [z ^ (z >> 31n), state];
  }

  /** [a value uniform in [0, bound), the next state], by multiply-shift */
  function below(state, bound) {
    const [value, next] = nextU64(state);
    return [(value * bound) >> 64n, next];
  }

  function toInteger(value, what) {
    if (typeof value === "bigint") return value;
    if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === "string" && /^-?[0-9]+$/.test(value)) return BigInt(value);
    throw new TypeError(`${what} must be a whole number, not ${String(value)}`);
  }

  // --- expressions: the trees of engine/expressions.py ----------------------------------------
  const COMPARE = {
    "<": (a, b) => a < b, "<=": (a, b) => a <= b, ">": (a, b) => a > b,
    ">=": (a, b) => a >= b, "==": (a, b) => a === b, "!=": (a, b) => a !== b,
  };

  function floorDivide(a, b) {
    const quotient = a / b;  // BigInt division rounds towards zero
    return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? quotient - 1n : quotient;
  }

  function arithmetic(op, a, b) {
    switch (op) {
      case "+": return a + b;
      case "-": return a - b;
      case "*": return a * b;
      case "//": return floorDivide(a, b);
    }
    throw new Error(`unknown operator ${op}`);
  }

  /** The value of `tree` for `values` (BigInts, by slot): a BigInt, booleans as 0n or 1n. */
  function evaluate(tree, values) {
    if (typeof tree === "number") return BigInt(tree);
    const op = tree[0];
    switch (op) {
      case "get": return values[tree[1]];
      case "not": return evaluate(tree[1], values) === 0n ? 1n : 0n;
      case "neg": return -evaluate(tree[1], values);
      case "and":
        for (let i = 1; i < tree.length; i++) if (evaluate(tree[i], values) === 0n) return 0n;
        return 1n;
      case "or":
        for (let i = 1; i < tree.length; i++) if (evaluate(tree[i], values) !== 0n) return 1n;
        return 0n;
      case "arith": {
        let value = evaluate(tree[1], values);
        for (let i = 2; i < tree.length; i += 2) {
          value = arithmetic(tree[i], value, evaluate(tree[i + 1], values));
        }
        return value;
      }
      case "min": case "max": {
        let value = evaluate(tree[1], values);
        for (let i = 2; i < tree.length; i++) {
          const other = evaluate(tree[i], values);
          if (op === "min" ? other < value : other > value) value = other;
        }
        return value;
      }
      case "if":
        return evaluate(evaluate(tree[1], values) !== 0n ? tree[2] : tree[3], values);
    }
    if (Object.prototype.hasOwnProperty.call(COMPARE, op)) {
      return COMPARE[op](evaluate(tree[1], values), evaluate(tree[2], values)) ? 1n : 0n;
    }
    throw new Error(`unknown expression node ${JSON.stringify(op)}`);
  }

  // --- how a value reads: VariableSpec.display and FlagSpec.display ---------------------------
  function grouped(number) {
    const digits = (number < 0n ? -number : number).toString();
    const groups = [];
    for (let end = digits.length; end > 0; end -= 3) {
      groups.unshift(digits.slice(Math.max(0, end - 3), end));
    }
    return (number < 0n ? "-" : "") + groups.join(",");
  }

  // --- text as it reads in a state: engine/text.py ------------------------------------------
  /** A part's words without spaces, tabs and line breaks at either end (str.strip(" \t\n")). */
  function trimmed(words) {
    return words.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
  }

  /** Raised when a choice or a forced outcome cannot be taken in a state (rules.InvalidChoice). */
  class InvalidChoice extends Error {
    constructor(message) {
      super(message);
      this.name = "InvalidChoice";
    }
  }

  // --- a game: one scenario's rules -----------------------------------------------------------
  class Game {
    constructor(data) {
      if (data === null || typeof data !== "object" || data.format !== FORMAT) {
        throw new Error(`this runtime reads scenario data of format ${FORMAT}, not ` +
                        `${data === null || typeof data !== "object" ? typeof data : data.format}`);
      }
      this.data = data;
      this.names = data.variables.map(spec => new Map(Object.entries(spec.names)));
      this.slots = data.variables.length + data.flags.length;
    }

    newGame(seed = 0) {
      return makeState(this.data.start, this.data.values.map(v => BigInt(v)), 0, [],
                       seedState(seed));
    }

    node(state) {
      return this.data.nodes[state.node];
    }

    isOver(state) {
      return this.node(state).ending === true;
    }

    /** Indices of the choices a player can take (none at an ending). */
    available(state) {
      const node = this.node(state);
      if (node.ending) return [];
      const open = [];
      node.choices.forEach((choice, i) => {
        if (!("if" in choice) || evaluate(choice.if, state.values) !== 0n) open.push(i);
      });
      return open;
    }

    /** The choices to show: open ones, and closed ones that have a reason to display. */
    choiceViews(state) {
      const node = this.node(state);
      if (node.ending) return [];
      const open = new Set(this.available(state));
      const views = [];
      node.choices.forEach((choice, i) => {
        const enabled = open.has(i);
        if (enabled || "unavailable" in choice) {
          views.push({index: i, label: this.shown(choice.label, state.values), enabled,
                      reason: enabled ? null : choice.unavailable, risky: "outcomes" in choice});
        }
      });
      return views;
    }

    /** How the value in `slot` reads: its name, or the number with its unit, or yes/no. */
    valueText(slot, value) {
      const variables = this.data.variables;
      if (slot >= variables.length) {
        return this.data.flags[slot - variables.length].shown[Number(value)];
      }
      const spec = variables[slot];
      const name = this.names[slot].get(value.toString());
      return name !== undefined ? name : grouped(value * BigInt(spec.scale)) + spec.suffix;
    }

    /** A text (a string, or parts: see scenario_data.py) as it reads with `values`
     * (text.shown). */
    shown(text, values) {
      if (typeof text === "string") return text;
      const words = part => part.text.map(piece => typeof piece === "string" ? piece
                                          : this.valueText(piece, values[piece])).join("");
      if (text.join === null) return words(text.parts[0]);
      return text.parts.filter(part => !("if" in part) || evaluate(part.if, values) !== 0n)
        .map(part => trimmed(words(part))).filter(found => found !== "").join(text.join);
    }

    /** What the player reads at the journey's node now: a scene's text, or an ending's text
     * and context, on the values there. */
    nodeText(state) {
      const node = this.node(state);
      const text = {text: this.shown(node.text, state.values)};
      if (node.ending) text.context = this.shown(node.context, state.values);
      return text;
    }

    /** Whether the status panel shows the value in `slot` (text.visible). */
    visible(slot, value) {
      const show = this.spec(slot).show;
      return show === "always" || (show === "when-set" && value !== 0n);
    }

    spec(slot) {
      const variables = this.data.variables;
      return slot < variables.length ? variables[slot] : this.data.flags[slot - variables.length];
    }

    /** Every result of a choice with positive weight: {weight, outcome, target, values}
     * (rules.results). */
    results(state, choiceIndex) {
      const choice = this.node(state).choices[choiceIndex];
      const afterChoice = applyEffects(choice.effects, state.values);
      if (!("outcomes" in choice)) {
        return [{weight: 1n, outcome: 0, target: destination(choice.goto, afterChoice),
                 values: afterChoice}];
      }
      const found = [];
      choice.outcomes.forEach((outcome, k) => {
        const weight = evaluate(outcome.weight, afterChoice);
        if (weight > 0n) {
          const after = applyEffects(outcome.effects, afterChoice);
          found.push({weight, outcome: k, target: destination(outcome.goto, after), values: after});
        }
      });
      return found;
    }

    /** Take a choice: {state, events}. `outcome` forces a result (for replaying a journey);
     * otherwise it is drawn. Throws InvalidChoice if the choice or outcome cannot be taken. */
    step(state, choiceIndex, outcome = null) {
      if (!this.available(state).includes(choiceIndex)) {
        throw new InvalidChoice(`choice ${choiceIndex} is not available here`);
      }
      const choice = this.node(state).choices[choiceIndex];
      const found = this.results(state, choiceIndex);
      const total = found.reduce((sum, branch) => sum + branch.weight, 0n);
      let generator = state.rng, picked = found[0];
      if (found.length > 1) {
        // Draw even when the outcome is forced, so a replay leaves the generator where play did.
        let draw;
        [draw, generator] = below(generator, total);
        for (picked of found) {
          draw -= picked.weight;
          if (draw < 0n) break;
        }
      }
      if (outcome !== null && outcome !== undefined) {
        picked = found.find(branch => branch.outcome === outcome);
        if (picked === undefined) throw new InvalidChoice(`outcome ${outcome} cannot happen here`);
      }
      const events = [{type: "ChoiceTaken", label: this.shown(choice.label, state.values)}];
      if ("outcomes" in choice) {
        // Weights and totals stay below 2^53 (engine/limits.py), so these are exact doubles and
        // each quotient is the correctly rounded one, as Python's. Each outcome's text reads
        // on the values it would arrive with.
        const share = branch => Number(branch.weight) / Number(total);
        const said = branch => this.shown(choice.outcomes[branch.outcome].text, branch.values);
        const chosen = choice.outcomes[picked.outcome];
        events.push({type: "RiskResolved", text: said(picked), probability: share(picked),
                     odds: found.map(b => [said(b), share(b)]),
                     sources: chosen.sources.slice()});
      }
      for (let slot = 0; slot < this.slots; slot++) {
        const before = state.values[slot], after = picked.values[slot];
        const spec = this.spec(slot);
        if (before !== after && spec.show !== "never") {
          events.push({type: "ValueChanged", id: spec.id, label: spec.label,
                       before: this.valueText(slot, before), after: this.valueText(slot, after)});
        }
      }
      const target = this.data.nodes[picked.target];
      events.push({type: "Arrived", nodeId: target.id, isEnding: target.ending === true});
      const next = makeState(picked.target, picked.values, state.step + 1,
                             [...state.history, [choiceIndex, picked.outcome]], generator);
      return {state: next, events};
    }

    /** Rebuild a journey from its seed and the [choice, outcome] pairs taken (rules.replay). */
    replay(seed, history) {
      let state = this.newGame(seed);
      for (const [choiceIndex, outcome] of history) {
        state = this.step(state, choiceIndex, outcome).state;
      }
      return state;
    }

    /** The state as GameState.to_json writes it, so Python can read it back. */
    saveState(state) {
      return {node: state.node, values: state.values.map(v => Number(v)),
              step: state.step, history: state.history.map(pair => pair.slice()),
              rng: state.rng.toString()};
    }

    /** A state from saveState's (or GameState.to_json's) data; throws an Error saying what is
     * wrong if it does not fit this scenario. */
    loadState(saved) {
      const fail = what => { throw new Error(`malformed game state: ${what}`); };
      if (saved === null || typeof saved !== "object") fail("not an object");
      const count = (n, limit) => Number.isSafeInteger(n) && n >= 0 && n < limit;
      if (!count(saved.node, this.data.nodes.length)) fail("no such node");
      if (!Array.isArray(saved.values) || saved.values.length !== this.slots ||
          !saved.values.every(Number.isSafeInteger)) fail(`values must be ${this.slots} integers`);
      if (!count(saved.step, Infinity)) fail("step must be a whole number");
      if (!Array.isArray(saved.history) || !saved.history.every(pair => Array.isArray(pair) &&
          pair.length === 2 && pair.every(n => count(n, Infinity)))) fail("history must be pairs");
      if (typeof saved.rng !== "string" || !/^[0-9]+$/.test(saved.rng) ||
          BigInt(saved.rng) > MASK) fail("rng must be a 64-bit number written in decimal");
      return makeState(saved.node, saved.values.map(v => BigInt(v)), saved.step,
                       saved.history.map(pair => pair.slice()), BigInt(saved.rng));
    }
  }

  function makeState(node, values, step, history, rng) {
    return Object.freeze({node, values: Object.freeze(values), step,
                          history: Object.freeze(history.map(pair => Object.freeze(pair))), rng});
  }

  /** Effects computed together from the values before them, then clamped (model.Effects). */
  function applyEffects(effects, values) {
    if (effects.length === 0) return values;
    const changed = values.slice();
    for (const effect of effects) {
      let value = evaluate("add" in effect ? effect.add : effect.set, values);
      if ("add" in effect) value += values[effect.slot];
      const low = BigInt(effect.min), high = BigInt(effect.max);
      changed[effect.slot] = value < low ? low : value > high ? high : value;
    }
    return changed;
  }

  function destination(goto, values) {
    if (!Array.isArray(goto)) return goto;
    for (const route of goto) {
      if (!("if" in route) || evaluate(route.if, values) !== 0n) return route.goto;
    }
    throw new Error("a list of destinations must end with a default");
  }

  return {
    load: data => new Game(data), InvalidChoice, evaluate, FORMAT,
    rng: {seedState, nextU64, below},
  };
});
