// The progress panel: cards due and known (lesson-cards.js), each exercise part's state
// (lesson-practice.js, where a part's schedule is written), one Continue link to the first thing
// not done in page order, and the learner's own copy of it all: "Save progress" and "Load
// progress" load lesson-progress-file.js, where the file is written and read, on first use only.
(function () {
  "use strict";
  var root = document.querySelector("[data-lesson-progress]");
  if (!root) return;
  var SAID = "lesson-progress:said", fileScript = document.currentScript.src.replace(/\.js$/, "-file.js");
  var slug = root.getAttribute("data-lesson-progress"), deck = document.querySelector(".lesson-study");
  var study = deck && deck.lessonStudy, practice = { key: null, parts: {} }, asked = false, loading;
  var links = [].slice.call(root.querySelectorAll("[data-lesson-progress-part]"));
  var parts = links.map(function (a) { return a.getAttribute("data-lesson-progress-part"); });
  var go = root.querySelector("[data-lesson-progress-continue]");
  var file = root.querySelector("[data-lesson-progress-file]");

  function say(name, text) {
    root.querySelector("[data-lesson-progress-say='" + name + "']").textContent = text;
  }
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

  // Then, with lesson-progress-file.js loaded: it reads the panel's state through root.lessonProgress.
  function withFile(then) {
    if (root.lessonProgressFile) return then(root.lessonProgressFile);
    if (!loading) {
      loading = document.head.appendChild(document.createElement("script"));
      loading.src = fileScript;
    }
    loading.addEventListener("load", function () { then(root.lessonProgressFile); });
    loading.addEventListener("error", function () { say("error", "Could not load this: reload the page."); });
  }
  root.lessonProgress = { slug: slug, study: study, parts: parts, say: say, said: SAID,
                          practice: function () { return practice; } };

  root.querySelector("[data-lesson-progress-do='fold']").addEventListener("click", function () {
    var open = this.getAttribute("aria-expanded") !== "true";
    this.setAttribute("aria-expanded", String(open));
    root.querySelector("#lesson-progress-file").hidden = !open;
    if (open) withFile(function () {});  // ready before Save or Load is pressed
  });
  root.querySelector("[data-lesson-progress-do='save']").addEventListener("click", function () {
    withFile(function (file) { file.save(); });
  });
  root.querySelector("[data-lesson-progress-do='load']").addEventListener("click", function () {
    file.click();
  });
  file.addEventListener("change", function () {
    var chosen = file.files[0];
    file.value = "";
    if (chosen) chosen.text().then(function (text) { withFile(function (f) { f.load(text); }); });
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
