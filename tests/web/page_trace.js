/* The page controller's side of the parity tests (tests/web/test_page_parity.py): plays
 * journeys through JourneyGame (src/journey/web/page/game.js) and answers with plain JSON,
 * BigInts as decimal strings. The same file runs in node (page_driver.js) and in Chromium
 * (loaded into a blank page after runtime.js and game.js). What each answer holds is mirrored
 * in Python by page_parity.py. */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.PageTrace = factory(root.JourneyGame);
})(typeof globalThis !== "undefined" ? globalThis : this, function (game) {
  "use strict";

  function view(journey, story) {
    const seen = journey.view();
    return {stage: seen.stage.id, step: seen.step, text: seen.text, choices: seen.choices,
            status: seen.status, sources: story.citations(journey.sourcesHere())};
  }

  function told(story, step) {
    return {plain: story.narrate(step, false), odds: story.narrate(step, true),
            compact: story.narrate(step, true, true), quiet: story.narrate(step, false, true),
            journal: story.journalEntry(step, true)};
  }

  /** One journey: what the page shows before each step and what the step did, then, at an
   * ending, the debrief as the terminal's lines. */
  async function play(story, {seed, numbers}) {
    const journey = story.newJourney(seed);
    const steps = [];
    for (const number of numbers) {
      const before = view(journey, story);
      steps.push({view: before, told: told(story, journey.choose(number))});
    }
    const answer = {steps, over: journey.over, history: journey.history};
    if (journey.over) {
      const table = await story.chances();
      answer.debrief = story.debrief(journey, table).map(section => ({
        key: section.key, heading: section.heading, lines: game.flatten(section)}));
      answer.harmful = story.harmful(journey);
      answer.sources = story.citations(journey.sourcesHere());
    }
    return answer;
  }

  function seeds(texts, words) {
    return texts.map(text => {
      try {
        return {value: game.parseSeed(text, words).toString()};
      } catch (error) {
        return {refused: error.message};
      }
    });
  }

  async function handle(request) {
    switch (request.kind) {
      case "page": {
        const story = game.load(request.pages);
        const found = [];
        for (const journey of request.cases) found.push(await play(story, journey));
        return found;
      }
      case "seeds":
        return seeds(request.texts, new game.Words(request.words));
      case "fixed":
        return request.cases.map(([x, digits]) => game.numbers.fixed(x, digits));
      case "round":
        return request.cases.map(x => game.numbers.pyRound(x));
    }
    throw new Error(`unknown request ${request.kind}`);
  }

  return {handle};
});
