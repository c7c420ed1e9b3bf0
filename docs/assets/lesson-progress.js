// The progress panel: cards due and known (lesson-study.js), each exercise part's state
// (lesson-practice.js, where a part's schedule is written), one Continue link to the first thing
// not done in page order, and the learner's own copy of it all. "Save progress" downloads one
// versioned JSON file; "Load progress" merges it by the later review of each card or part, drops
// ids this page does not have, and rejects a bad file with a message, changing nothing.
(function () {
  "use strict";
  var root = document.querySelector("[data-lesson-progress]");
  if (!root) return;
  var FORMAT = "lesson-progress", VERSION = 1, PRACTICE = "lesson-practice", SAID = "lesson-progress:said";
  var slug = root.getAttribute("data-lesson-progress"), deck = document.querySelector(".lesson-study");
  var CARDS = "lesson-study:" + slug;  // lesson-study.js's key
  var study = deck && deck.lessonStudy, practice = { key: null, parts: {} }, asked = false;
  var links = [].slice.call(root.querySelectorAll("[data-lesson-progress-part]"));
  var parts = links.map(function (a) { return a.getAttribute("data-lesson-progress-part"); });
  var go = root.querySelector("[data-lesson-progress-continue]");
  var file = root.querySelector("[data-lesson-progress-file]");

  function say(name, text) {
    root.querySelector("[data-lesson-progress-say='" + name + "']").textContent = text;
  }
  function object(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function whole(x, low, high) { return typeof x === "number" && x % 1 === 0 && x >= low && x <= high; }
  function later(x) { return x === undefined || (typeof x === "number" && isFinite(x)); }
  function days(due) {
    var n = due - study.today();
    return n <= 0 ? "due today" : n === 1 ? "back tomorrow" : "back in " + n + " days";
  }

  // A part's state, from its current numbers: done (every box right), tried, or not tried.
  function state(name) {
    var p = practice.parts[name];
    var boxes = document.querySelectorAll("#lesson-check-" + name + " [data-lesson-box]");
    var right = p ? Object.keys(p.right[p.variant] || {}).length : 0;
    if (p && p.done) return ["done", "all " + boxes.length + " boxes right, " + days(p.due)];
    if (p && (p.slip || right)) return ["tried", "tried, " + right + " of " + boxes.length + " boxes right"];
    return ["new", p && p.back ? "due again, with new numbers" : "not tried"];
  }

  function render() {
    var due = study ? study.cards.filter(study.isDue).length : 0, next = null;
    if (study) say("cards", due + " due today, " + (study.cards.length - due) + " known");
    links.forEach(function (link, i) {
      var found = state(parts[i]);
      link.parentNode.setAttribute("data-state", found[0]);
      say(parts[i], found[1]);
      if (found[0] !== "done" && !next) next = link;
    });
    if (!next && due) next = root.querySelector("[data-lesson-progress-cards]");
    go.hidden = !next;
    if (next) go.href = next.getAttribute("href");
    say("next", next ? next.textContent : "");
    say("rest", next ? "" : "Nothing is due today.");
    // Once there is progress to keep, ask the browser not to erase it (granted or not, silently).
    var kept = (study && Object.keys(study.state.cards).length) ||
      Object.keys(practice.parts).some(function (name) { return practice.parts[name].last; });
    if (!asked && kept && navigator.storage && navigator.storage.persist) {
      asked = true;
      navigator.storage.persist().catch(function () { /* kept as long as the browser keeps it */ });
    }
  }

  function save() {
    var data = { format: FORMAT, version: VERSION, lesson: slug, saved: new Date().toISOString(),
                 cards: study ? study.state.cards : {}, exercises: practice.parts,
                 practiceKey: practice.key };  // the exercises' numbers, as lesson-practice.js keys them
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: "application/json" }));
    a.download = slug + "-progress.json";
    document.body.appendChild(a).click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 6e4);  // the download has its bytes by then
    say("error", "");
    say("file", "Progress saved as " + a.download + ".");
  }

  // What is wrong with a loaded file, in one sentence, or "" when nothing is.
  function wrong(data) {
    if (!object(data) || data.format !== FORMAT) return "This file is not a progress file of this site.";
    if (data.version !== VERSION) {
      return "This progress file has version " + data.version + "; this site reads version " + VERSION + ".";
    }
    if (data.lesson !== slug) return "This progress file is for another lesson (" + data.lesson + ").";
    if (!object(data.cards) || !object(data.exercises)) return "This progress file lacks its cards or exercises.";
    for (var id in data.cards) {
      var c = data.cards[id];
      if (!object(c) || !whole(c.box, 0, 5) || !whole(c.due, 0, 1e7) || !later(c.last)) {
        return "Card " + id + ": its schedule is not valid.";
      }
    }
    for (var part in data.exercises) {
      var p = data.exercises[part];
      if (!object(p) || !whole(p.variant, 0, 1e3) || !object(p.right) || !later(p.last) ||
          (p.done && (!whole(p.box, 0, 4) || !whole(p.due, 0, 1e7)))) {
        return "Exercise " + part + ": its state is not valid.";
      }
    }
    return "";
  }

  // Into mine, each of theirs that this page knows and that was reviewed later; how many came in.
  function merge(mine, theirs, known) {
    return Object.keys(theirs).filter(function (id) {
      if (known.indexOf(id) < 0 || (mine[id] && (mine[id].last || 0) >= (theirs[id].last || 0))) return false;
      mine[id] = theirs[id];
      return true;
    }).length;
  }

  function load(text) {
    var data = null;
    try { data = JSON.parse(text); } catch (e) { /* said below */ }
    var problem = data === null ? "This file is not JSON: not a progress file." : wrong(data);
    if (problem) {
      say("file", "");
      return say("error", problem + " Nothing was changed.");
    }
    // Merged into copies: what is kept changes only once all of it is known to be good.
    var cards = study ? JSON.parse(JSON.stringify(study.state)) : null;
    var exercises = JSON.parse(JSON.stringify(practice.parts)), sameNumbers = data.practiceKey === practice.key;
    var n = cards ? merge(cards.cards, data.cards, Object.keys(study.byId)) : 0;
    var m = sameNumbers ? merge(exercises, data.exercises, parts) : 0;
    var cardsBefore = study && localStorage.getItem(CARDS);
    try {
      if (study) localStorage.setItem(CARDS, JSON.stringify(cards));
      if (practice.key) {
        localStorage.setItem(PRACTICE, JSON.stringify({ key: practice.key, parts: exercises }));
      }
    } catch (e) {  // the second write refused (storage full, say): the first one is undone
      try {
        if (study && cardsBefore === null) localStorage.removeItem(CARDS);
        else if (study) localStorage.setItem(CARDS, cardsBefore);
      } catch (e2) { /* the cards' write itself was refused: nothing to undo */ }
      return say("error", "This browser does not let the site keep progress. Nothing was changed.");
    }
    // The page starts again from what is kept, as after a reload; the panel says what came in.
    sessionStorage.setItem(SAID, "Progress loaded: " + n + (n === 1 ? " card" : " cards") + " and " + m +
      (m === 1 ? " exercise part" : " exercise parts") + " taken from the file" +
      (sameNumbers ? "." : "; its exercises were for other numbers and were left out."));
    location.reload();
  }

  root.querySelector("[data-lesson-progress-do='fold']").addEventListener("click", function () {
    var open = this.getAttribute("aria-expanded") !== "true";
    this.setAttribute("aria-expanded", String(open));
    root.querySelector("#lesson-progress-file").hidden = !open;
  });
  root.querySelector("[data-lesson-progress-do='save']").addEventListener("click", save);
  root.querySelector("[data-lesson-progress-do='load']").addEventListener("click", function () {
    file.click();
  });
  file.addEventListener("change", function () {
    var chosen = file.files[0];
    file.value = "";
    if (chosen) chosen.text().then(load);
  });
  document.addEventListener("lesson-practice", function (event) { practice = event.detail; render(); });
  if (deck) deck.addEventListener("lesson-study", render);
  try {
    say("file", sessionStorage.getItem(SAID) || "");
    sessionStorage.removeItem(SAID);
  } catch (e) { /* nothing to say */ }
  render();
  root.hidden = false;
})();
