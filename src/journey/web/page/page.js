/* The page: renders what the game controller (game.js) decides, as real text (headings,
 * paragraphs, an ordered list of buttons), keeps the journey in the browser after every step,
 * and, when `journey serve` gives the page, talks to the class server (docs/web-page.md).
 * Scenario text only ever goes into the page as text (textContent), never as markup. */
(function () {
  "use strict";

  const embedded = id => JSON.parse(document.getElementById(id).textContent);
  const story = JourneyGame.load({rules: embedded("journey-rules"),
                                  figures: embedded("journey-figures"),
                                  words: embedded("journey-words")});
  const config = embedded("journey-config") || {};
  const rules = story.rules.data;
  const words = story.words;
  const say = (msgid, values) => words.say(msgid, values);
  /** The seed every new journey of the class starts with (`journey serve --seed N`), or null. */
  const classSeed = config.served && config.seed !== null && config.seed !== undefined
    ? JourneyGame.parseSeed(String(config.seed), words) : null;
  const CODE_LENGTH = config.codeLength || 6;
  const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // frontend/classroom.py's
  const SAVE_FORMAT = 1;
  const SAVE_KEY = `journey:${rules.id}`;
  const shown = document.getElementById("screen");  // where each screen goes
  const where = document.getElementById("where");
  const page = document.getElementById("page");
  const happened = document.getElementById("happened");
  let journey = null;
  let served = "";        // what the class server last said of this journey
  let table = null;       // the chance table, once unpacked
  const unpacking = story.chances().then(found => { table = found; }, () => {});

  // --- small helpers for elements, always filled with text --------------------------------
  function element(tag, attributes = {}, ...children) {
    const made = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== false) made.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        made.append(typeof child === "string" ? document.createTextNode(child) : child);
      }
    }
    return made;
  }

  /** Text with its "◀" marks hidden from screen readers (the words beside them say it) and
   * its web addresses as links. */
  function rich(text) {
    const found = document.createDocumentFragment();
    for (const piece of text.split(/(https?:\/\/[^\s]+|\u25c0)/)) {
      if (piece === "\u25c0") found.append(element("span", {"aria-hidden": "true"}, piece));
      else if (/^https?:\/\//.test(piece)) found.append(element("a", {href: piece}, piece));
      else if (piece) found.append(piece);
    }
    return found;
  }

  /** A scenario text as paragraphs: blank lines part them; line breaks inside stay. */
  function paragraphs(text) {
    return text.split(/\n[ \t]*\n/).map(part => part.replace(/^\n+|\n+$/g, ""))
      .filter(part => part !== "").map(part => element("p", {class: "written"}, part));
  }

  function button(label, action, attributes = {}) {
    const made = element("button", {type: "button", ...attributes}, label);
    made.addEventListener("click", action);
    return made;
  }

  /** Put a screen in place; the page's data-screen and data-steps say which, and after how
   * many steps (for tests, which wait for them). */
  function show(screen, ...children) {
    shown.replaceChildren(...children.filter(child => child !== null));
    page.dataset.screen = screen;
    page.dataset.steps = journey === null ? "" : String(journey.steps.length);
    where.replaceChildren();
    if (journey !== null) {
      where.append(element("h1", {}, rules.title),
                   element("p", {}, say("seed {seed}", {seed: journey.seed}), " ",
                           element("span", {id: "served", role: "status"}, served)));
    }
  }

  /** Focus on the new text; the page shows it from the top, what happened first. */
  function focus(target) {
    target.setAttribute("tabindex", "-1");
    target.focus({preventScroll: true});
    window.scrollTo(0, 0);
  }

  function notice(text, role = "status") {
    return text ? element("p", {class: "notice", role}, text) : null;
  }

  // --- saves: the seed and the history, replayed through the rules on load ------------------
  let storage = null;
  let storageProblem = "";
  try {
    storage = window.localStorage;
    storage.getItem(SAVE_KEY);
  } catch (error) {
    storage = null;
    storageProblem = say("This browser does not let the page keep your journey ({reason}), so " +
                         "it is lost if the page is closed or reloaded.",
                         {reason: error.message || error.name});
  }

  function save() {
    if (storage === null) return;
    try {
      if (journey.over) storage.removeItem(SAVE_KEY);
      else {
        storage.setItem(SAVE_KEY, JSON.stringify({
          format: SAVE_FORMAT, scenario: rules.id, contentHash: rules.contentHash,
          seed: journey.seed.toString(), history: journey.history, code: journey.code || null}));
      }
    } catch (error) {
      storageProblem = say("Your journey could not be kept in this browser: {reason}",
                           {reason: error.message || error.name});
    }
  }

  /** The saved journey ({journey, notice}: its resume code on journey.code), or {notice}
   * when there is none that can be used: a save that cannot be read is set aside under a key
   * of its own, never deleted. */
  function findSave() {
    if (storage === null) return {notice: storageProblem};
    const raw = storage.getItem(SAVE_KEY);
    if (raw === null) return {notice: ""};
    try {
      const saved = JSON.parse(raw);
      if (saved === null || typeof saved !== "object" || saved.format !== SAVE_FORMAT) {
        throw new Error(say("it is not a save this page can read"));
      }
      if (saved.scenario !== rules.id) {
        throw new Error(say("it belongs to another scenario"));
      }
      if (typeof saved.seed !== "string" || !Array.isArray(saved.history)) {
        throw new Error(say("it is not a save this page can read"));
      }
      const seed = JourneyGame.parseSeed(saved.seed, words);
      if (classSeed !== null && seed !== classSeed) {
        throw new Error(say("it was played with the seed {seed}, and this class plays every " +
                            "journey with the seed {classSeed}", {seed, classSeed}));
      }
      const found = story.replay(seed, saved.history);
      if (found.over) throw new Error(say("it has already ended"));
      const earlier = saved.contentHash !== rules.contentHash;
      found.code = typeof saved.code === "string" ? saved.code : null;
      return {journey: found,
              notice: earlier ? say("This journey was saved under an earlier version of the " +
                                    "scenario; its {steps} still fit, so it goes on under the " +
                                    "version you have now.",
                                    {steps: words.plural("{count} step", found.steps.length,
                                                         {count: found.steps.length})}) : ""};
    } catch (error) {
      const aside = `${SAVE_KEY}:set-aside:${new Date().toISOString()}`;
      try {
        storage.setItem(aside, raw);
        storage.removeItem(SAVE_KEY);
      } catch (ignored) { /* kept where it is: it is read again, and said again, next time */ }
      return {notice: say("The journey saved in this browser could not be used ({reason}). " +
                          "It is kept aside, and a new journey can begin.",
                          {reason: error.message})};
    }
  }

  // --- the class server, when `journey serve` gives the page ---------------------------------
  /** An answer of the class server, or an Error with its plain reason: on it `status` (0 when
   * the server was not reached) and `retry`, the seconds to wait before asking again when the
   * server is busy or cannot take it just now (429 with its Retry-After, 503, no answer). */
  async function call(method, path, body) {
    const refused = (status, text, retry) => Object.assign(new Error(text), {status, retry});
    const answer = await fetch(config.api + path, {
      method, headers: body ? {"Content-Type": "application/json"} : {},
      body: body ? JSON.stringify(body) : undefined, credentials: "same-origin"})
      .catch(() => { throw refused(0, say("The class server could not be reached."), 15); });
    const data = await answer.json().catch(() => ({}));
    if (!answer.ok) {
      const waiting = Number.parseInt(answer.headers.get("Retry-After") || "", 10);
      const retry = answer.status === 429 ? (waiting > 0 ? waiting : 5)
        : answer.status === 503 ? (waiting > 0 ? waiting : 60) : null;
      throw refused(answer.status, typeof data.error === "string" ? data.error
                    : say("The class server answered {status}.", {status: answer.status}), retry);
    }
    return data;
  }

  /** The journey as the server reads it: the seed as a number while a number can carry it
   * exactly, else as decimal text; the history as [choice, outcome] pairs. */
  function journeyBody(played) {
    const seed = played.seed;
    const exact = seed >= -9007199254740991n && seed <= 9007199254740991n;
    return {seed: exact ? Number(seed) : seed.toString(), history: played.history};
  }

  function tellServer(played, said) {
    if (played !== journey) return;
    served = said;
    const place = document.getElementById("served");
    if (place) place.textContent = said;
  }

  /** After a step (or at the start): tell the class server, in order, one call after the
   * other, what the journey is now; a journey's resume code is kept on it (`played.code`). */
  let told = Promise.resolve();
  function keepOnServer(played = journey) {
    if (!config.served) return;
    const body = journeyBody(played), over = played.over;
    const stage = over ? null : rules.stages[played.node.stage].id;
    told = told.then(() => tellOnce(played, body, over, stage));
  }

  async function tellOnce(played, body, over, stage) {
    if (played.recorded) return;  // a call made again after a wait, no longer needed
    try {
      if (over) {
        keepToRecord(played, true);
        await call("POST", "/journeys", played.code ? {...body, code: played.code} : body);
        keepToRecord(played, false);
        played.code = null;
        played.recorded = true;
        tellServer(played, say("Your journey is added to the class record."));
        return;
      }
      let answer = null, moved = null;
      if (played.code) {
        answer = await call("POST", `/codes/${played.code}`, body).catch(error => {
          if (error.status === 404) return null;  // the server keeps it no longer: a new one
          if (error.status === 409) {  // continued on another computer: this one goes its way
            moved = played.code;
            return null;
          }
          throw error;
        });
      }
      if (answer === null) answer = await call("POST", "/codes", body);
      played.code = answer.code;
      if (played === journey) save();
      tellServer(played, moved === null
        ? say("Your code: {code}. With it, this journey goes on from another computer.",
              {code: played.code})
        : say("The code {moved} was taken further on another computer, so this journey goes " +
              "on here under a code of its own. Your code: {code}.",
              {moved, code: played.code}));
      await call("POST", "/progress", {code: played.code, stage});
    } catch (error) {
      if (over && !error.retry) keepToRecord(played, false);  // it would be refused again
      if (error.retry) {
        tellLater(played, error.retry);
        tellServer(played, say("The class server did not take this step: {reason} Your " +
                               "journey is kept in this browser, and the server is told " +
                               "again in {wait}.",
                               {reason: error.message,
                                wait: words.plural("{count} second", error.retry,
                                                   {count: error.retry})}));
      } else {
        tellServer(played, say("The class server did not take this step: {reason} Your " +
                               "journey is kept in this browser.", {reason: error.message}));
      }
    }
  }

  /** Tell the server again, once, after `seconds`, where `played` is by then: a journey in
   * progress while it is still the one on screen, a finished one until it is recorded. */
  function tellLater(played, seconds) {
    if (played.later) return;
    played.later = setTimeout(() => {
      played.later = null;
      if (played.over ? !played.recorded : played === journey) keepOnServer(played);
    }, seconds * 1000);
  }

  /** Finished journeys the class server has not taken yet ({seed, history, code}), kept in
   * the browser until it does: a page closed meanwhile hands them in when it opens again. */
  const RECORD_KEY = `${SAVE_KEY}:to-record`;
  function toRecord() {
    try {
      const found = storage === null ? [] : JSON.parse(storage.getItem(RECORD_KEY) || "[]");
      return Array.isArray(found) ? found : [];
    } catch (error) {
      return [];
    }
  }

  function keepToRecord(played, keep) {
    if (storage === null) return;
    const same = item => item && item.seed === played.seed.toString() &&
      JSON.stringify(item.history) === JSON.stringify(played.history);
    const kept = toRecord().filter(item => !same(item));
    if (keep) kept.push({seed: played.seed.toString(), history: played.history,
                         code: played.code || null});
    writeToRecord(kept);
  }

  function writeToRecord(kept) {
    try {
      if (kept.length) storage.setItem(RECORD_KEY, JSON.stringify(kept));
      else storage.removeItem(RECORD_KEY);
    } catch (ignored) { /* the page still tells the server while it is open */ }
  }

  /** When the page opens: hand in the finished journeys kept for the record, one by one (one
   * that is no finished journey of this scenario now can never be recorded, and is let go). */
  function handInKept() {
    if (!config.served || storage === null) return;
    const ended = [], kept = [];
    for (const item of toRecord()) {
      try {
        const found = story.replay(JourneyGame.parseSeed(String(item.seed), words), item.history);
        if (!found.over) continue;
        found.code = typeof item.code === "string" ? item.code : null;
        ended.push(found);
        kept.push(item);
      } catch (error) { /* let go, as said above */ }
    }
    writeToRecord(kept);
    for (const found of ended) keepOnServer(found);
  }

  /** A code as a person types it, in capitals without spaces, dashes, dots or underscores
   * (as frontend/classroom.py reads one), or null when it cannot be a code of this server. */
  function readCode(typed) {
    const code = typed.toUpperCase().replace(/[\s._-]/g, "");
    return code.length === CODE_LENGTH && [...code].every(ch => CODE_ALPHABET.includes(ch))
      ? code : null;
  }

  async function continueWithCode(typed, problem, field) {
    const wanted = readCode(typed);
    field.setAttribute("aria-invalid", wanted === null ? "true" : "false");
    if (wanted === null) {
      problem.textContent = say("A code is {length} letters and digits (no 0, 1, I, L or O); " +
                                "\u201c{typed}\u201d is not one.",
                                {length: CODE_LENGTH, typed: typed.trim()});
      return;
    }
    try {
      const found = await call("GET", `/codes/${encodeURIComponent(wanted)}`);
      const seed = JourneyGame.parseSeed(String(found.seed), words);
      const continued = story.replay(seed, found.history);
      continued.code = wanted;
      begin(continued, "");
    } catch (error) {
      problem.textContent = error.message;
    }
  }

  // --- the title: the content note first ----------------------------------------------------
  function addressSeed() {
    const typed = new URLSearchParams(window.location.search).get("seed");
    if (typed === null) return {seed: null, problem: ""};
    try {
      return {seed: JourneyGame.parseSeed(typed, words), problem: ""};
    } catch (error) {
      return {seed: null, problem: say("The page's address asks for the seed \u201c{typed}\u201d, " +
                                       "which cannot be used: {reason}",
                                       {typed, reason: error.message})};
    }
  }

  /** The seed of a new journey: the class's, else the one asked for, else a fresh one. */
  function newSeed(asked = null) {
    return classSeed !== null ? classSeed : asked !== null ? asked : JourneyGame.newSeed();
  }

  function title() {
    journey = null;
    happened.replaceChildren();
    const found = findSave();
    const asked = addressSeed();
    const seed = newSeed(asked.seed);
    if (classSeed !== null && asked.seed !== null && asked.seed !== classSeed) {
      asked.problem = say("This class plays every journey with the seed {classSeed}, which " +
                          "the teacher chose; the seed {seed} in the page's address is not used.",
                          {classSeed, seed: asked.seed});
    }
    const heading = element("h1", {}, rules.title);
    const actions = element("div", {class: "actions"});
    if (found.journey) {
      actions.append(button(say("Continue your journey ({steps}, seed {seed})", {
        steps: words.plural("{count} step", found.journey.steps.length,
                            {count: found.journey.steps.length}),
        seed: found.journey.seed}), () => {
        begin(found.journey, found.notice);
      }, {class: "primary", id: "continue"}));
    }
    actions.append(button(say("Begin a new journey (seed {seed})", {seed}),
                          () => begin(story.newJourney(seed), ""),
                          {class: found.journey ? null : "primary", id: "new"}));
    const parts = [heading, rules.summary ? element("p", {}, rules.summary) : null,
                   element("section", {class: "content-note", "aria-labelledby": "note-heading"},
                           element("h2", {id: "note-heading"}, say("Content note")),
                           element("p", {}, rules.contentNote)),
                   notice(asked.problem, "alert"), notice(found.journey ? "" : found.notice),
                   actions,
                   element("p", {class: "quiet"}, classSeed !== null
                     ? say("The teacher chose the seed {seed} for the whole class: everyone " +
                           "meets the same luck, and only the choices differ.", {seed: classSeed})
                     : say("The same seed and the same choices give the same journey. To " +
                           "choose the seed, add ?seed= and a number to the page's " +
                           "address."))];
    if (config.served) parts.push(codeForm());
    show("title", ...parts);
    const first = actions.querySelector("button");
    if (first) first.focus();
  }

  function codeForm() {
    const problem = element("p", {class: "notice", role: "alert"});
    const field = element("input", {id: "code", name: "code", autocomplete: "off",
                                    autocapitalize: "characters", spellcheck: "false",
                                    "aria-describedby": "code-rules",
                                    maxlength: String(CODE_LENGTH * 2 + 4)});
    const form = element("form", {class: "code-form"},
                         element("h2", {}, say("Continue with a code")),
                         element("label", {for: "code"},
                                 say("The code of a journey started on another computer")),
                         element("p", {id: "code-rules", class: "quiet"},
                                 say("{length} letters and digits, as the page showed it " +
                                     "beside the journey.", {length: CODE_LENGTH})),
                         field, element("button", {type: "submit"}, say("Continue")), problem);
    form.addEventListener("submit", event => {
      event.preventDefault();
      continueWithCode(field.value, problem, field);
    });
    return form;
  }

  // --- the journey ---------------------------------------------------------------------------
  function begin(chosen, said) {
    journey = chosen;
    served = "";
    save();
    keepOnServer();
    happened.replaceChildren();
    if (journey.over) debrief();
    else scene(said || storageProblem);
  }

  function choose(number) {
    if (journey === null || journey.over) return;
    const open = journey.choices().some(choice => choice.number === number);
    if (!open) return;
    const step = journey.choose(number);
    save();
    keepOnServer();
    tell(step);
    if (journey.over) debrief();
    else scene(storageProblem);
  }

  /** What the step did, in the live region: a screen reader says it without moving. */
  function tell(step) {
    happened.replaceChildren(
      element("h2", {}, say("What happened")),
      ...story.narrate(step, !!config.showOdds).map(text => element("p", {}, text)));
  }

  function statusList(items) {
    const list = element("dl", {class: "status"});
    for (const item of items) {
      const value = element("dd", {}, item.limit
        ? say("{shown} (of {limit})", item) : item.shown);
      if (item.fraction !== null) {
        const filled = element("span");
        filled.style.width = `${(100 * item.fraction).toFixed(1)}%`;
        value.append(element("span", {class: "bar", "aria-hidden": "true"}, filled));
      }
      list.append(element("dt", {}, item.label), value);
    }
    return list;
  }

  function sourcesPart(ids, summary) {
    const cited = story.citations(ids);
    const part = element("details", {class: "sources"}, element("summary", {}, summary));
    part.append(cited.length ? element("ul", {}, ...cited.map(c => element("li", {}, rich(c))))
                             : element("p", {}, say("This scene cites no sources.")));
    return part;
  }

  function journal() {
    const part = element("details", {class: "journal"},
                         element("summary", {}, say("Journal")));
    if (journey.steps.length === 0) part.append(element("p", {}, say("Nothing has happened yet.")));
    for (const step of journey.steps) {
      const [heading, ...lines] = story.journalEntry(step, !!config.showOdds);
      part.append(element("h3", {}, heading), ...lines.map(text => element("p", {}, text)));
    }
    return part;
  }

  function scene(said) {
    const view = journey.view();
    const heading = element("h2", {id: "scene-heading"},
                            say("{stage} ({place}), step {step}",
                                {stage: view.stage.title, place: view.stage.place,
                                 step: view.step}));
    const list = element("ol", {class: "choices", "aria-labelledby": "choices-heading"});
    for (const choice of view.choices) {
      if (choice.number === null) {
        list.append(element("li", {class: "closed"},
                            say("Not available: {label}. {reason}", choice)));
      } else {
        list.append(element("li", {}, button(choice.text, () => choose(choice.number),
                                             {"data-number": choice.number})));
      }
    }
    const open = view.choices.filter(choice => choice.number !== null).length;
    show("scene", notice(said),
         element("article", {"aria-labelledby": "scene-heading"}, heading,
                 ...paragraphs(view.text)),
         element("h3", {id: "choices-heading"}, say("What do you do?")),
         element("p", {class: "quiet"}, open > 9 ? say("Choose with Tab and Enter.")
                 : say("Press a number from 1 to {count}, or choose with Tab and Enter.",
                       {count: open})),
         list,
         view.status.length ? element("h3", {}, say("Status")) : null,
         view.status.length ? statusList(view.status) : null,
         sourcesPart(journey.sourcesHere(), say("Sources for this scene")),
         journal());
    focus(heading);
  }

  // --- the debrief -------------------------------------------------------------------------
  /** Debrief lines as paragraphs and lists: a numbered lead opens an item of an ordered
   * list, "-" a bullet (inside the numbered item above it, if any), "" goes on in the item. */
  function lines(found) {
    const made = document.createDocumentFragment();
    let list = null, item = null, inner = null;
    const close = () => { list = item = inner = null; };
    for (const line of found) {
      const text = line.marked ? element("strong", {}, rich(line.text)) : rich(line.text);
      if (line.text === "") close();
      else if (line.lead === null) {
        close();
        made.append(element("p", {}, text));
      } else if (/^[0-9]+\.$/.test(line.lead)) {
        if (list === null || list.tagName !== "OL") {
          list = element("ol");
          made.append(list);
        }
        item = element("li", {value: line.lead.slice(0, -1)}, element("p", {}, text));
        list.append(item);
        inner = null;
      } else if (line.lead === "-") {
        if (item !== null && list.tagName === "OL") {
          if (inner === null) item.append(inner = element("ul"));
          inner.append(element("li", {}, text));
        } else {
          if (list === null) made.append(list = element("ul"));
          list.append(item = element("li", {}, text));
        }
      } else {
        (item || made).append(element("p", {}, text));
        inner = null;
      }
    }
    return made;
  }

  function chart({rows, top, columns}, heading) {
    const largest = top || Math.max(...rows.map(row => row.value)) || 1;
    const body = element("tbody");
    for (const row of rows) {
      const filled = element("span");
      filled.style.width = `${(100 * Math.min(Math.max(row.value / largest, 0), 1)).toFixed(1)}%`;
      const value = element("td", {}, element("span", {class: "figure"}, row.shown),
                            element("span", {class: "bar", "aria-hidden": "true"}, filled),
                            row.note ? element("span", {class: "note"}, rich(row.note)) : null);
      body.append(element("tr", {class: row.marked || row.note ? "marked" : null},
                          element("th", {scope: "row"}, row.label), value));
    }
    return element("table", {class: "chart"}, element("caption", {class: "hidden"}, heading),
                   element("thead", {}, element("tr", {},
                     ...columns.map(name => element("th", {scope: "col"}, name)))), body);
  }

  async function debrief() {
    const ended = journey;
    await unpacking;
    if (ended !== journey) return;
    const sections = story.debrief(journey, table);
    const parts = [];
    for (const section of sections) {
      const id = `${section.key}-heading`;
      const part = element("section", {"aria-labelledby": id, class: section.key},
                           element("h2", {id}, section.heading));
      for (const block of section.blocks) {
        part.append(block.chart ? chart(block.chart, section.heading) : lines(block.lines));
      }
      parts.push(part);
    }
    const hopeful = !story.harmful(journey);
    const seed = journey.seed;
    parts.push(element("div", {class: "actions"},
      button(say("Play again with the same seed"), () => begin(story.newJourney(seed), ""),
             {class: hopeful ? "primary" : null}),
      classSeed === null
        ? button(say("A new journey"), () => begin(story.newJourney(newSeed()), "")) : null,
      button(say("Back to the title"), title)));
    show("debrief", ...parts);
    focus(document.getElementById("ending-heading"));
  }

  document.addEventListener("keydown", event => {
    if (event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) return;
    if (event.target instanceof HTMLInputElement) return;
    if (journey !== null && !journey.over) {
      event.preventDefault();
      choose(Number(event.key));
    }
  });

  handInKept();
  title();
})();
