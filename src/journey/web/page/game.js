/* The page's game controller: what the Python front end (frontend/session.py, playthrough.py,
 * narration.py, debrief.py) decides for the terminal, decided here for the page, on top of the
 * rules in runtime.js. It numbers the open choices, reads the status, tells what a step did,
 * keeps the journal and builds the debrief. No DOM here: page.js only renders what this gives,
 * and the same file runs in node, so tests/web/test_page_parity.py proves every text equal to
 * the Python front end's on many journeys.
 *
 *   const story = JourneyGame.load({rules, figures, words});   // rules: scenario_data.py;
 *                                                             // figures: frontend/page_data.py
 *   const journey = story.newJourney(seed);                    // or story.replay(seed, history)
 *   journey.view();                     // {stage, step, text, choices, status, last}
 *   const step = journey.choose(1);     // the open choice numbered 1
 *   story.narrate(step, showOdds);      // what the step did, as lines
 *   await story.chances();              // the chance table, unpacked once
 *   story.debrief(journey, table);      // the sections, each of blocks (see `flatten`)
 *
 * Every word the page shows is a message of the words table (words.json), looked up by its
 * English text with {named} values, so a catalogue can give another language.
 * Figures that do not depend on the journey (the era's odds, the funnel lines, the arrivals,
 * the questions, the citations) come worked out from Python; this file only picks them.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.JourneyGame = factory(root.JourneyRuntime);
})(typeof globalThis !== "undefined" ? globalThis : this, function (runtime) {
  "use strict";

  const FORMAT = 1;  // the figures' format: journey.frontend.page_data.FORMAT
  const CHART_WIDTH = 24;  // frontend.debrief.CHART_WIDTH
  const AT_RANDOM = "If you had chosen at random every time, in this game, journeys would end " +
    "like this. These are the game's odds, worked out exactly from its choices; they are not " +
    "real-world statistics.";
  const AT_RANDOM_IN_ERA = "If you had chosen at random every time, in this game, journeys " +
    "{era} would end like this. These are the game's odds, worked out exactly from its " +
    "choices; they are not real-world statistics.";
  const GAME_NOT_WORLD = "These are the game's odds, not the world's. At each step, the figure " +
    "is the chance inside this game that a journey from there ends in {goal}, if every choice " +
    "after it were made at random; beside each option, the chance once that option is taken. " +
    "Nobody on a real journey can see odds like these.";
  const NOT_A_JUDGEMENT = "This describes chance inside the game. It does not say that any " +
    "choice was good or bad: people on these journeys choose without knowing such odds, often " +
    "between few options, and much is decided by money, timing and other people.";

  // --- words: one table, keyed by the English text ------------------------------------------
  class Words {
    constructor(table) {
      this.table = table;
    }

    /** The message `msgid` with its {named} values in place (values are never read as
     * templates themselves: one pass). */
    say(msgid, values = {}) {
      const found = this.table[msgid];
      if (typeof found !== "string") throw new Error(`no message ${JSON.stringify(msgid)}`);
      return fill(found, values);
    }

    /** The message for `count`: the table gives [one, other] for it. */
    plural(msgid, count, values = {}) {
      const found = this.table[msgid];
      if (!Array.isArray(found)) throw new Error(`no plural message ${JSON.stringify(msgid)}`);
      return fill(found[Number(count) === 1 ? 0 : 1], values);
    }
  }

  function fill(template, values) {
    return template.replace(/\{([A-Za-z]+)\}/g, (all, name) => {
      if (!Object.prototype.hasOwnProperty.call(values, name)) {
        throw new Error(`no value for {${name}} in ${JSON.stringify(template)}`);
      }
      return String(values[name]);
    });
  }

  // --- numbers as Python writes them ---------------------------------------------------------
  /** A double as an exact fraction [numerator, power of two below it]: Fraction(x). */
  function exact(x) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const high = view.getUint32(0), low = view.getUint32(4);
    const sign = high >>> 31 ? -1n : 1n, exponent = (high >>> 20) & 0x7ff;
    let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
    if (exponent === 0x7ff) throw new RangeError(`${x} is not a finite number`);
    if (exponent !== 0) mantissa |= 1n << 52n;
    const power = BigInt(Math.max(exponent, 1) - 1075);  // x = mantissa * 2^power
    return power >= 0n ? [sign * (mantissa << power), 0n] : [sign * mantissa, -power];
  }

  /** Exact fractions whose denominators are powers of two, kept over 2^SHIFT: sums and
   * differences of doubles without any rounding. */
  const SHIFT = 1100n;
  function scaled(x) {
    const [numerator, power] = exact(x);
    return numerator << (SHIFT - power);
  }

  /** round(numerator / denominator), halves to even, as Python rounds. */
  function roundHalfEven(numerator, denominator) {
    let quotient = numerator / denominator, rest = numerator % denominator;
    if (rest < 0n) { quotient -= 1n; rest += denominator; }  // floor division
    const twice = 2n * rest;
    if (twice > denominator || (twice === denominator && quotient % 2n !== 0n)) quotient += 1n;
    return quotient;
  }

  /** round(x) for a double, as Python: to the nearest whole number, halves to even. */
  function pyRound(x) {
    const [numerator, power] = exact(x);
    return Number(roundHalfEven(numerator, 1n << power));
  }

  /** f"{x:.{digits}f}": the exact value of the double rounded halves to even. */
  function fixed(x, digits) {
    const [numerator, power] = exact(x);
    const rounded = roundHalfEven(numerator * 10n ** BigInt(digits), 1n << power);
    const sign = rounded < 0n || Object.is(x, -0) || (rounded === 0n && x < 0) ? "-" : "";
    const text = (rounded < 0n ? -rounded : rounded).toString().padStart(digits + 1, "0");
    return sign + (digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text);
  }

  const PY_SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  /** str.strip(): the characters Python counts as white space, at either end. */
  function pyStrip(text) {
    return text.replace(PY_SPACE, "");
  }

  /** How many characters Python counts in `text` (code points, not UTF-16 units). */
  function length(text) {
    return [...text].length;
  }

  function padEnd(text, width) {
    return text + " ".repeat(Math.max(0, width - length(text)));
  }

  function padStart(text, width) {
    return " ".repeat(Math.max(0, width - length(text))) + text;
  }

  // --- charts: frontend/charts.py -----------------------------------------------------------
  const EIGHTHS = " ▏▎▍▌▋▊▉";

  function bar(fraction, width) {
    fraction = Math.min(Math.max(fraction, 0), 1);
    const eighths = pyRound(fraction * width * 8);
    const full = Math.floor(eighths / 8), part = eighths % 8;
    const text = "█".repeat(full) + (part ? EIGHTHS[part] : "");
    return text + "░".repeat(width - length(text));
  }

  /** One line per row {label, value, shown, note}: label, bar scaled to `top` (by default
   * the largest value), the value, the note. */
  function barChart(rows, width, top = null) {
    if (rows.length === 0) return [];
    top = top || Math.max(...rows.map(row => row.value)) || 1;
    const labelWidth = Math.max(...rows.map(row => length(row.label)));
    const shownWidth = Math.max(...rows.map(row => length(row.shown)));
    return rows.map(row => (`${padEnd(row.label, labelWidth)}  ${bar(row.value / top, width)}  ` +
                            `${padStart(row.shown, shownWidth)}` +
                            (row.note ? `  ${row.note}` : "")).replace(/\s+$/, ""));
  }

  // --- seeds ----------------------------------------------------------------------------------
  const ASCII_SPACE = /^[\t\n\x0b\x0c\r ]+|[\t\n\x0b\x0c\r ]+$/g;

  /** A seed typed in the page's address, read as Python's int() reads decimal text: spaces at
   * either end, a sign, digits with single underscores between them. Anything else throws a
   * RangeError whose message says what a seed must be. */
  function parseSeed(text, words) {
    const found = /^([+-]?)([0-9](?:_?[0-9])*)$/.exec(text.replace(ASCII_SPACE, ""));
    if (found === null) {
      throw new RangeError(words.say("The seed must be a whole number, such as 42, not " +
                                     "\u201c{text}\u201d.", {text}));
    }
    const value = BigInt(found[2].replace(/_/g, ""));
    return found[1] === "-" ? -value : value;
  }

  /** A fresh seed, as frontend.playthrough.new_seed makes one: below a million, so it is easy
   * to write down. */
  function newSeed() {
    const bytes = new Uint32Array(1);
    globalThis.crypto.getRandomValues(bytes);
    return BigInt(bytes[0] % 1000000);
  }

  // --- a journey: frontend/playthrough.py and session.py --------------------------------------
  class ReplayStopped extends Error {
    /** A history that does not fit: step `number` (from 1) cannot be taken. */
    constructor(number, reason, journey) {
      super(`step ${number} is not possible (${reason.message})`);
      this.name = "ReplayStopped";
      this.number = number;
      this.reason = reason;
      this.journey = journey;
    }
  }

  class Journey {
    constructor(story, seed) {
      this.story = story;
      this.rules = story.rules;
      this.seed = typeof seed === "bigint" ? seed : BigInt(seed);
      this.state = this.rules.newGame(this.seed);
      this.steps = [];
    }

    get node() {
      return this.rules.data.nodes[this.state.node];
    }

    get over() {
      return this.rules.isOver(this.state);
    }

    /** The history as [choice, outcome] pairs of plain numbers, for a save or the server. */
    get history() {
      return this.state.history.map(pair => [pair[0], pair[1]]);
    }

    /** Take a choice by the engine's index (`outcome` forces the result, in a replay). */
    take(choiceIndex, outcome = null) {
      const scene = this.state.node;
      const {state, events} = this.rules.step(this.state, choiceIndex, outcome);
      this.state = state;
      const step = {number: this.steps.length + 1, scene, events};
      this.steps.push(step);
      return step;
    }

    /** The open choice numbered `number` (from 1), taken; throws a RangeError if none is. */
    choose(number) {
      const choice = this.over ? undefined : this.choices().find(c => c.number === number);
      if (choice === undefined) throw new RangeError(`no open choice is numbered ${number}`);
      return this.take(choice.index);
    }

    /** The choices to list: open ones numbered from 1 in the scene's order, closed ones with
     * their reason and no number (session.numbered_choices), each with its text. */
    choices() {
      const words = this.story.words;
      let number = 0;
      return this.rules.choiceViews(this.state).map(view => {
        const choice = {index: view.index, label: view.label, number: null, reason: view.reason,
                        risky: view.risky};
        if (view.enabled) choice.number = ++number;
        choice.text = choice.number === null
          ? words.say("-  Not available: {label}. {reason}", choice)
          : words.say(choice.risky ? "{number}. {label} (a risk)" : "{number}. {label}",
                      choice);
        return choice;
      });
    }

    /** Every value the status panel shows now (Playthrough.status): label and value as text,
     * and for a variable with room for a bar, its fraction of the range and its maximum. */
    status() {
      const data = this.rules.data, values = this.state.values, bars = this.story.bars;
      const items = [];
      values.forEach((value, slot) => {
        if (!this.rules.visible(slot, value)) return;
        const spec = this.rules.spec(slot);
        const item = {label: spec.label, shown: this.rules.valueText(slot, value),
                      fraction: null, limit: ""};
        if (bars.has(slot)) {
          item.fraction = Number(value - BigInt(spec.min)) / Number(spec.max - spec.min);
          item.limit = this.rules.valueText(slot, BigInt(spec.max));
        }
        items.push(item);
      });
      return items;
    }

    /** Source ids behind what the player reads now: the scene's, and the risk just drawn's. */
    sourcesHere() {
      const ids = [...this.node.sources];
      const last = this.steps[this.steps.length - 1];
      const risk = last && last.events.find(e => e.type === "RiskResolved");
      if (risk) ids.push(...risk.sources);
      return ids;
    }

    /** What the player sees before a step (session.View): the scene's stage, the number of
     * the step about to be taken, the text, the choices, the status and the last step. */
    view() {
      const node = this.node;
      if (node.ending) throw new Error("the journey is over: show the debrief instead");
      return {stage: this.rules.data.stages[node.stage], step: this.state.step + 1,
              text: this.rules.nodeText(this.state).text, choices: this.choices(),
              status: this.status(), last: this.steps[this.steps.length - 1] || null};
    }
  }

  // --- the chance table: summary.ChanceTable, unpacked in the browser ----------------------------
  async function unpack(text, count, Kind) {
    const bytes = Uint8Array.from(atob(text), c => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    const raw = new Uint8Array(await new Response(stream).arrayBuffer());
    if (raw.length !== count * 8) throw new Error("a column of the chance table is damaged");
    const view = new DataView(raw.buffer), found = new Kind(count);
    for (let i = 0; i < count; i++) {
      found[i] = Kind === Float64Array ? view.getFloat64(8 * i, true)
                                       : view.getBigInt64(8 * i, true);
    }
    return found;
  }

  class ChanceTable {
    constructor(codes, hopeful, harmful) {
      this.codes = codes;
      this.hopeful = hopeful;
      this.harmful = harmful;
    }

    static async unpack(packed) {
      const count = packed.states;
      const steps = await unpack(packed.codes, count, BigInt64Array);
      for (let i = 1; i < count; i++) steps[i] += steps[i - 1];
      return new ChanceTable(steps, await unpack(packed.hopeful, count, Float64Array),
                             await unpack(packed.harmful, count, Float64Array));
    }

    /** {hopeful, harmful} from the state with this code, or null. */
    at(code) {
      let low = 0, high = this.codes.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.codes[middle] < code) low = middle + 1; else high = middle;
      }
      return low < this.codes.length && this.codes[low] === code
        ? {hopeful: this.hopeful[low], harmful: this.harmful[low]} : null;
    }
  }

  // --- the story: one scenario, its figures and words ------------------------------------------
  class Story {
    constructor({rules, figures, words}) {
      if (figures === null || typeof figures !== "object" || figures.format !== FORMAT) {
        throw new Error(`this page reads figures of format ${FORMAT}`);
      }
      this.rules = runtime.load(rules);
      this.figures = figures;
      this.words = new Words(words);
      this.bars = new Set(figures.bars);
      this.table = null;
    }

    newJourney(seed) {
      return new Journey(this, seed);
    }

    /** The journey played again from its seed, each step forced to the [choice, outcome] of
     * `history`; throws ReplayStopped at the first step that is not possible. */
    replay(seed, history) {
      const journey = new Journey(this, seed);
      history.forEach(([choice, outcome], i) => {
        try {
          journey.take(choice, outcome);
        } catch (error) {
          if (!(error instanceof runtime.InvalidChoice)) throw error;
          throw new ReplayStopped(i + 1, error, journey);
        }
      });
      return journey;
    }

    /** The chance table, unpacked once (null when the figures have none). */
    async chances() {
      const packed = this.figures.turning.table;
      if (this.table === null && packed) this.table = await ChanceTable.unpack(packed);
      return this.table;
    }

    stageTitle(node) {
      return this.rules.data.stages[this.rules.data.nodes[node].stage].title;
    }

    // --- what a step did: frontend/narration.py ---------------------------------------------
    percent(probability) {
      const value = 100 * probability;
      return this.words.say("{number}%", {number: value >= 10 || Number.isInteger(value)
                                                   ? fixed(value, 0) : fixed(value, 1)});
    }

    /** The journal's words for one step; with `showOdds`, the odds that were in play; with
     * `compact`, only the chance of what happened and no changes. */
    narrate(step, showOdds, compact = false) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const taken = step.events.find(e => e.type === "ChoiceTaken");
      const lines = [say("You chose: {label}", taken)];
      for (const event of step.events) {
        if (event.type === "RiskResolved") {
          lines.push(compact && showOdds
            ? say("What happened ({chance} chance): {text}",
                  {chance: this.percent(event.probability), text: event.text})
            : say("What happened: {text}", event));
          if (showOdds && !compact) lines.push(...this.oddsLines(event));
        } else if (event.type === "ValueChanged" && !compact) {
          lines.push(say("{label}: was {before}, now {after}", event));
        }
      }
      return lines;
    }

    oddsLines(risk) {
      const lines = [this.words.say("The odds were:")];
      let happened = false;
      for (const [text, probability] of risk.odds) {
        let line = `  ${padStart(this.percent(probability), 5)}  ${text}`;
        if (!happened && text === risk.text && probability === risk.probability) {
          line = this.words.say("{odds} (this happened)", {odds: line});
          happened = true;
        }
        lines.push(line);
      }
      return lines;
    }

    /** One step of the journal: its heading, then what it did. */
    journalEntry(step, showOdds) {
      return [this.words.say("Step {number}, {stage}",
                             {number: step.number, stage: this.stageTitle(step.scene)}),
              ...this.narrate(step, showOdds)];
    }

    /** A citation per source id, in the order given, without repeats. */
    citations(ids) {
      const cited = this.figures.citations;
      return [...new Set(ids)].filter(id => Object.prototype.hasOwnProperty.call(cited, id))
        .map(id => cited[id]);
    }

    // --- the debrief: frontend/debrief.py ---------------------------------------------------
    /** Whether the ending calls for care: after it, the debrief opens on its words and
     * questions, and nothing invites the player to try again before she has read them. */
    harmful(journey) {
      return this.figures.endings[String(journey.state.node)].harmful;
    }

    /** The era of the journey: [its value, its name], or null without eras. */
    era(journey) {
      const eras = this.figures.eras;
      if (eras === null) return null;
      const value = journey.state.values[eras.slot];
      return [value, this.rules.valueText(eras.slot, value)];
    }

    /** The whole debrief of an ended journey, as sections {key, heading, blocks}. A block is
     * {lines: [LINE]} or a chart {chart: {rows, top, columns}}; `flatten` reads a section as
     * the terminal's lines. `table` is what `chances()` gave. */
    debrief(journey, table) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const node = journey.node;
      const text = this.rules.nodeText(journey.state);
      const meaning = this.figures.kinds[node.kind].meaning;
      const found = [section("ending", say("The journey ends: {title}", node),
                             [line(pyStrip(text.text)),
                              ...(meaning ? [line(""), line(meaning)] : [])])];
      const reality = [line(pyStrip(text.context))];
      const cited = this.citations(node.sources);
      if (cited.length) {
        reality.push(line(""), line(say("Sources:")), ...cited.map(c => line(c, "-")));
      }
      found.push(section("reality", say("What happens in reality"), reality));
      const questions = this.figures.questions[node.kind] || [];
      if (questions.length) {
        found.push(section("questions", say("Questions for reflection"), questions));
      }
      found.push(this.oddsSection(journey), this.arrivalsSection(journey),
                 section("route", say("Your route"),
                         this.timeline(journey).map(([lead, words]) => line(words, lead))),
                 this.turningSection(journey, table));
      return found;
    }

    oddsSection(journey) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const era = this.era(journey);
      const heading = say("The game's odds");
      const odds = this.figures.odds;
      if (odds.problem !== null) {
        return section("odds", heading,
                       [line(say("The odds could not be worked out: {reason}.",
                                 {reason: odds.problem}))]);
      }
      const figures = (era !== null && odds.byEra[String(era[0])]) || odds.all;
      const kind = journey.node.kind, kinds = this.figures.kinds;
      const atRandom = era === null ? say(AT_RANDOM) : say(AT_RANDOM_IN_ERA, {era: era[1]});
      const blocks = [{lines: [line(atRandom), line("")]},
                      {chart: {rows: figures.rows, top: null,
                               columns: [say("Ending"), say("Chance")]}}];
      // her ending named plainly; each other kind in the chart explained where it first appears
      const named = [line(""), line(kinds[kind].ended)];
      const meanings = figures.rows.filter(row => row.kind !== kind && kinds[row.kind].meaning)
        .map(row => line(kinds[row.kind].meaning, "-"));
      if (meanings.length) named.push(line(say("What the other endings mean:")), ...meanings);
      blocks.push({lines: named});
      const reached = this.furthestStage(journey);
      const funnel = reached !== null && figures.funnel[reached];
      if (funnel) blocks.push({lines: [line(""), line(funnel[kind])]});
      return {key: "odds", heading, blocks};
    }

    /** The id of the furthest stage along the route that the journey reached. */
    furthestStage(journey) {
      const nodes = this.rules.data.nodes;
      if (journey.steps.length === 0) return null;
      const stage = Math.max(...journey.steps.map(step => nodes[step.scene].stage));
      return this.rules.data.stages[stage].id;
    }

    arrivalsSection(journey) {
      const arrivals = this.figures.arrivals, era = this.era(journey);
      const figures = (era !== null && arrivals.byEra[String(era[0])]) || arrivals.all;
      return {key: "arrivals", heading: arrivals.heading, blocks: [
        {lines: figures.header},
        {chart: {rows: figures.rows.map(row => ({...row, marked: row.note !== ""})), top: null,
                 columns: [this.words.say("Year"), this.words.say("People who arrived")]}},
        {lines: arrivals.tail}]};
    }

    /** The route as [lead, text] rows: each step, what happened, and the end. */
    timeline(journey) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const rows = [];
      for (const step of journey.steps) {
        const taken = step.events.find(e => e.type === "ChoiceTaken");
        rows.push([`${step.number}.`, say("{stage}: {choice}", {
          stage: this.stageTitle(step.scene), choice: taken.label})]);
        const risk = step.events.find(e => e.type === "RiskResolved");
        if (risk) rows.push(["", say("What happened: {text}", risk)]);
      }
      if (journey.over) rows.push(["", say("End: {title}", journey.node)]);
      return rows;
    }

    // --- turning points: engine/turning.py and the debrief's turning section ----------------
    turningSection(journey, table) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const heading = say("Turning points: choice and luck");
      const turning = this.figures.turning;
      let points;
      try {
        if (turning.problem !== null) throw new Error(turning.problem);
        if (table === null) throw new Error("the chance table is not unpacked");
        points = this.turningPoints(journey, table);
      } catch (error) {
        return section("turning", heading,
                       [line(say("The turning points could not be worked out: {reason}.",
                                 {reason: error.message}))]);
      }
      const {measure, goal} = turning;
      const lines = [];
      for (const turn of points.turns) lines.push(...this.turnLines(turn, measure, goal));
      const blocks = [
        {lines: [line(say(GAME_NOT_WORLD, {goal})), line(""),
                 line(say("The chance of {goal}, at the start and after each step:", {goal}))]},
        {chart: {rows: this.routeRows(journey, points, measure), top: 1.0,
                 columns: [say("Step"), say("Chance of {goal}", {goal})]}},
        {lines: [line(""), ...lines, line(""), ...this.splitLines(points, measure, goal)]}];
      const moved = this.biggestMove(points, measure);
      const last = blocks[blocks.length - 1].lines;
      if (moved) last.push(line(""), line(moved));
      last.push(line(""), line(say(NOT_A_JUDGEMENT)));
      return {key: "turning", heading, blocks};
    }

    /** The turns of the journey, from the table: for each step, the chances before it, each
     * open option's once taken, the draw, and the chances after it. */
    turningPoints(journey, table) {
      const rules = this.rules, coder = this.figures.turning.coder;
      const strides = coder.strides.map(BigInt), nodeStride = BigInt(coder.nodeStride);
      const at = (node, values) => {
        const here = rules.data.nodes[node];
        if (here.ending) {
          const harmful = this.figures.endings[String(node)].harmful;
          return {hopeful: harmful ? 0 : 1, harmful: harmful ? 1 : 0};
        }
        let code = BigInt(node) * nodeStride;
        values.forEach((value, slot) => {
          code += (value - BigInt(coder.lows[slot])) * strides[slot];
        });
        const found = table.at(code);
        if (found !== null) return found;
        if (rules.available({node, values}).length === 0) return {hopeful: 0, harmful: 0};
        throw new Error(`the chance table has no entry for a state in scene ${here.id}; it ` +
                        "was worked out for another version of the scenario");
      };
      const option = (state, position) => {
        const branches = rules.results(state, position);
        const total = Number(branches.reduce((sum, branch) => sum + branch.weight, 0n));
        let hopeful = 0, harmful = 0;
        for (const branch of branches) {
          const chance = Number(branch.weight) / total;
          const found = at(branch.target, branch.values);
          hopeful += chance * found.hopeful;
          harmful += chance * found.harmful;
        }
        return {hopeful, harmful};
      };
      let state = rules.newGame(journey.seed);
      const start = at(state.node, state.values);
      let before = start;
      const turns = journey.state.history.map(([choice, outcome], i) => {
        const scene = rules.data.nodes[state.node];
        const options = rules.available(state).map(k => ({
          position: k, label: rules.shown(scene.choices[k].label, state.values),
          outlook: option(state, k), taken: k === choice}));
        const taken = rules.step(state, choice, outcome);
        state = taken.state;
        const risk = taken.events.find(e => e.type === "RiskResolved") || null;
        const after = at(state.node, state.values);
        const turn = {number: i + 1, scene, before, options, risk, after,
                      chosen: options.find(o => o.taken).outlook};
        before = after;
        return turn;
      });
      return {start, turns, outcome: turns.length ? turns[turns.length - 1].after : start};
    }

    routeRows(journey, points, measure) {
      const stages = this.rules.data.stages;
      const rows = [{label: this.words.say("Start"), value: points.start[measure],
                     shown: this.whole(points.start[measure]), note: ""}];
      for (const turn of points.turns) {
        rows.push({label: `${padStart(String(turn.number), 2)}. ${stages[turn.scene.stage].title}`,
                   value: turn.after[measure], shown: this.whole(turn.after[measure]), note: ""});
      }
      if (journey.over) rows[rows.length - 1].note = this.words.say("\u25c0 the end");
      return rows;
    }

    /** A chance in whole percent, never rounded to a certainty it is not. */
    whole(p) {
      if (p > 0 && p < 0.005) return this.words.say("under 1%");
      if (p > 0.995 && p < 1) return this.words.say("over 99%");
      return this.words.say("{number}%", {number: pyRound(100 * p)});
    }

    pointsText(change) {
      const value = 100n * change;
      const shown = Number(roundHalfEven(value, 1n << SHIFT));
      if (shown === 0) {
        return this.words.say(value > 0n ? "under 1 point up" : "under 1 point down");
      }
      return this.words.plural("{points} point", Math.abs(shown),
                               {points: (shown > 0 ? "+" : "") + shown});
    }

    turnLines(turn, measure, goal) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const stage = this.rules.data.stages[turn.scene.stage].title;
      const before = turn.before[measure];
      const chance = measure === "hopeful"
        ? say("{goal} {chance}, harmful ending {harmful}",
              {goal, chance: this.whole(before), harmful: this.whole(turn.before.harmful)})
        : say("{goal} {chance}", {goal, chance: this.whole(before)});
      const number = `${turn.number}.`;
      const choiceChange = scaled(turn.chosen[measure]) - scaled(before);
      const luckChange = scaled(turn.after[measure]) - scaled(turn.chosen[measure]);
      const taken = turn.options.find(o => o.taken).label;
      if (turn.options.every(o => o.outlook[measure] === before) && luckChange === 0n) {
        const still = turn.options.length === 1 ? say("The only way on: {label}.", {label: taken})
          : say("None of the options here changed it (you chose: {label}).", {label: taken});
        return [line(say("{stage}. Chance: {chance}. {still}", {stage, chance, still}), number)];
      }
      const lines = [line(say("{stage}. Chance before this step: {chance}.", {stage, chance}),
                          number)];
      if (turn.options.length === 1) {
        lines.push(line(say("The only way on: {label}.", turn.options[0]), ""));
      } else {
        for (const option of turn.options) {
          const text = say("{label}: {chance}", {label: option.label,
                                                 chance: this.whole(option.outlook[measure])});
          lines.push(line(option.taken ? say("{option}  \u25c0 your choice", {option: text})
                                       : text, "-", option.taken));
        }
        lines.push(line(this.changed("choice", choiceChange, before, turn.chosen[measure]),
                        ""));
      }
      if (turn.risk !== null) {
        lines.push(line(say("What happened, {odds}: {text}",
                            {odds: this.oddsWords(turn.risk.probability), text: turn.risk.text}),
                        ""),
                   line(this.changed("draw", luckChange, turn.chosen[measure],
                                     turn.after[measure]), ""));
      }
      return lines;
    }

    changed(what, change, before, after) {
      const choice = what === "choice";
      if (change === 0n) {
        return this.words.say(choice ? "Your choice did not change the chance."
                                     : "That draw did not change the chance.");
      }
      return this.words.say(choice
        ? "Your choice changed the chance by {points}, from {before} to {after}."
        : "That draw changed the chance by {points}, from {before} to {after}.",
                            {points: this.pointsText(change), before: this.whole(before),
                             after: this.whole(after)});
    }

    oddsWords(probability) {
      return probability === 1 ? this.words.say("which was certain")
        : this.words.say("with a chance of {chance}", {chance: this.whole(probability)});
    }

    /** The journey's change split into choice and luck, in whole points that add up to where
     * it ended: the larger part takes up the rounding. */
    splitLines(points, measure, goal) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const start = pyRound(100 * points.start[measure]);
      const end = pyRound(100 * points.outcome[measure]);
      let choices = 0n, luck = 0n;
      for (const turn of points.turns) {
        choices += scaled(turn.chosen[measure]) - scaled(turn.before[measure]);
        luck += scaled(turn.after[measure]) - scaled(turn.chosen[measure]);
      }
      const unit = 1n << SHIFT, abs = n => n < 0n ? -n : n;
      let byChoice, byLuck;
      if (abs(choices) <= abs(luck)) {
        byChoice = Number(roundHalfEven(100n * choices, unit));
        byLuck = end - start - byChoice;
      } else {
        byLuck = Number(roundHalfEven(100n * luck, unit));
        byChoice = end - start - byLuck;
      }
      const sum = n => n ? this.words.plural("{points} point", Math.abs(n),
                                             {points: (n > 0 ? "+" : "") + n})
                         : say("0 points");
      const signed = n => `${n >= 0 ? "+" : "-"} ${Math.abs(n)}`;
      const ended = points.outcome[measure] === 1;
      return [
        line(say("Choice and luck, added up. At the start, the chance of {goal} was {start}%. " +
                 "Your choices changed it by {choices} in all, and the draws, which were luck, " +
                 "by {luck}.", {goal, start, choices: sum(byChoice), luck: sum(byLuck)})),
        line(say(ended ? "{start} {choices} {luck} = {end}: your journey ended in {goal}. " +
                         "(Rounded to whole points; unrounded, they add up exactly.)"
                       : "{start} {choices} {luck} = {end}: your journey did not end in {goal}. " +
                         "(Rounded to whole points; unrounded, they add up exactly.)",
                 {start, choices: signed(byChoice), luck: signed(byLuck), end, goal}))];
    }

    /** Where the chance moved most, by a choice or by a draw ("" if it never moved); the
     * first of equal moves, choices before draws, as Python's max() picks. */
    biggestMove(points, measure) {
      const say = (msgid, values) => this.words.say(msgid, values);
      const abs = n => n < 0n ? -n : n;
      let best = null;
      for (const byDraw of [false, true]) {
        for (const turn of points.turns) {
          const size = abs(byDraw ? scaled(turn.after[measure]) - scaled(turn.chosen[measure])
                                  : scaled(turn.chosen[measure]) - scaled(turn.before[measure]));
          if (best === null || size > best.size) best = {size, byDraw, turn};
        }
      }
      if (best === null || best.size === 0n) return "";
      const {turn} = best;
      const where = {number: turn.number,
                     stage: this.rules.data.stages[turn.scene.stage].title};
      if (best.byDraw && turn.risk !== null) {
        return say("Your chance moved most at step {number} ({stage}), by a draw {odds}, from " +
                   "{before} to {after}: {text}",
                   {...where, odds: this.oddsWords(turn.risk.probability),
                    before: this.whole(turn.chosen[measure]),
                    after: this.whole(turn.after[measure]), text: turn.risk.text});
      }
      return say("Your chance moved most at step {number} ({stage}), by a choice, from " +
                 "{before} to {after}: {label}.",
                 {...where, before: this.whole(turn.before[measure]),
                  after: this.whole(turn.chosen[measure]),
                  label: turn.options.find(o => o.taken).label});
    }
  }

  function line(text, lead = null, marked = false) {
    return {text, lead, marked};
  }

  function section(key, heading, lines) {
    return {key, heading, blocks: [{lines}]};
  }

  /** A section as the terminal's debrief lines: charts drawn with text bars. */
  function flatten(section) {
    const lines = [];
    for (const block of section.blocks) {
      if (block.lines) lines.push(...block.lines);
      else {
        const texts = barChart(block.chart.rows, CHART_WIDTH, block.chart.top);
        block.chart.rows.forEach((row, i) => lines.push(line(texts[i], null, !!row.marked)));
      }
    }
    return lines;
  }

  return {
    load: pages => new Story(pages), FORMAT, Words, ReplayStopped, flatten, parseSeed, newSeed,
    numbers: {pyRound, fixed, exact, pyStrip}, charts: {bar, barChart},
  };
});
