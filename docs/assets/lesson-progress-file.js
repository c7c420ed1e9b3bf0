// Save and Load progress, for the panel of lesson-progress.js (loaded by it on first use; it reads the
// panel's state through root.lessonProgress). "Save progress" downloads one versioned JSON file;
// "Load progress" merges it by the later review of each card or part, drops ids this page does not
// have, and rejects a bad file with a message, changing nothing.
(function () {
  "use strict";
  var root = document.querySelector("[data-lesson-progress]"), panel = root.lessonProgress;
  var FORMAT = "lesson-progress", VERSION = 1, PRACTICE = "lesson-practice";  // lesson-practice.js's key
  var slug = panel.slug, study = panel.study, parts = panel.parts, say = panel.say, practice = panel.practice;
  var CARDS = study && study.key;  // lesson-cards.js's

  function object(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function whole(x, low, high) { return typeof x === "number" && x % 1 === 0 && x >= low && x <= high; }
  function later(x) { return x === undefined || (typeof x === "number" && isFinite(x)); }

  function save() {
    var data = { format: FORMAT, version: VERSION, lesson: slug, saved: new Date().toISOString(),
                 cards: study ? study.state.cards : {}, exercises: practice().parts,
                 practiceKey: practice().key };  // the exercises' numbers, as lesson-practice.js keys them
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
    var exercises = JSON.parse(JSON.stringify(practice().parts)), sameNumbers = data.practiceKey === practice().key;
    var n = cards ? merge(cards.cards, data.cards, Object.keys(study.byId)) : 0;
    var m = sameNumbers ? merge(exercises, data.exercises, parts) : 0;
    var cardsBefore = study && localStorage.getItem(CARDS);
    try {
      if (study) localStorage.setItem(CARDS, JSON.stringify(cards));
      if (practice().key) {
        localStorage.setItem(PRACTICE, JSON.stringify({ key: practice().key, parts: exercises }));
      }
    } catch (e) {  // the second write refused (storage full, say): the first one is undone
      try {
        if (study && cardsBefore === null) localStorage.removeItem(CARDS);
        else if (study) localStorage.setItem(CARDS, cardsBefore);
      } catch (e2) { /* the cards' write itself was refused: nothing to undo */ }
      return say("error", "This browser does not let the site keep progress. Nothing was changed.");
    }
    // The page starts again from what is kept, as after a reload; the panel says what came in.
    sessionStorage.setItem(panel.said, "Progress loaded: " + n + (n === 1 ? " card" : " cards") + " and " + m +
      (m === 1 ? " exercise part" : " exercise parts") + " taken from the file" +
      (sameNumbers ? "." : "; its exercises were for other numbers and were left out."));
    location.reload();
  }

  root.lessonProgressFile = { save: save, load: load };
})();
