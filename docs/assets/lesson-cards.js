// The flashcards on a page, in two parts. The grid's controls: "Show all" and "Hide all" above the
// grid; "Print flashcards" and "Print worksheet" in the page's downloads. The cards themselves are
// native <details>, so they open and close without this script. Study mode: progress ("3 due · 6
// known"), Shuffle, "Reset progress", and Study, which loads the dialog (lesson-cards-view.js, where
// the schedule is written) on first use only. Each card's {box, due day} is kept in localStorage,
// keyed by its stable id; cards gone are dropped.
(function () {
  "use strict";
  var saved = null;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function cards(deck) {
    return all(deck, "details.lesson-card");
  }

  // Print in a mode ("lesson-print-cards" or "lesson-print-worksheet") set on <html>, remembering
  // what the reader had open so printing leaves the page as it was.
  function printAs(mode, deck) {
    saved = all(document, "article details").map(function (details) { return details.open; });
    document.documentElement.classList.add(mode);
    if (mode === "lesson-print-cards") cards(deck).forEach(function (card) { card.open = true; });
    window.print();
  }

  function restore() {
    if (!saved) return;
    document.documentElement.classList.remove("lesson-print-cards", "lesson-print-worksheet");
    all(document, "article details").forEach(function (details, i) { details.open = saved[i]; });
    saved = null;
  }

  function mount() {
    var deck = document.querySelector("[data-lesson-deck]");
    if (!deck) return;
    all(document, "[data-lesson-action]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-lesson-action");
        if (action === "print") return printAs("lesson-print-cards", deck);
        if (action === "print-worksheet") return printAs("lesson-print-worksheet", deck);
        cards(deck).forEach(function (card) { card.open = action === "show-all"; });
      });
    });
    window.addEventListener("afterprint", restore);
  }

  mount();  // deferred, as every script of the page: the page is parsed by now
})();

(function () {
  "use strict";
  var root = document.querySelector(".lesson-study");
  if (!root) return;
  var key = "lesson-study:" + root.getAttribute("data-lesson-study");
  var view = document.currentScript.src.replace(/\.js$/, "-view.js");
  var study = root.lessonStudy = { key: key, byId: {}, today: today, isDue: isDue, save: save, $: $ };
  study.cards = [].map.call(document.querySelectorAll(".lesson-deck__item"), function (li) {
    return (study.byId[li.id.slice(5)] = { id: li.id.slice(5), li: li });
  });

  function $(name) { return document.querySelector(".lesson-study__" + name); }
  function today() { var d = new Date(); return Math.floor((d - d.getTimezoneOffset() * 6e4) / 864e5); }
  function isDue(card) { var s = study.state.cards[card.id]; return !s || s.due <= today(); }

  function save() {
    try { localStorage.setItem(key, JSON.stringify(study.state)); } catch (e) { /* blocked */ }
    var due = study.cards.filter(isDue).length;
    $("progress").textContent = due + " due · " + (study.cards.length - due) + " known";
    root.dispatchEvent(new Event("lesson-study"));  // the progress panel counts them too
  }

  var s = null;
  try { s = JSON.parse(localStorage.getItem(key)); } catch (e) { /* this visit only */ }
  if (!s || typeof s.cards !== "object") {
    s = { cards: {}, seed: Math.floor(Math.random() * 4e9), round: 0, shuffle: true };
  }
  Object.keys(s.cards).forEach(function (id) { if (!study.byId[id]) delete s.cards[id]; });
  study.state = s;

  // The click says how Study was pressed (its pointerType), and so which hint the dialog shows.
  $("open").addEventListener("click", function (event) {
    if (study.open) return study.open(event);
    var script = document.createElement("script");
    script.src = view;
    script.onload = function () { study.open(event); };
    document.body.appendChild(script);
  });
  $("shuffle").checked = s.shuffle;
  $("shuffle").addEventListener("change", function () { s.shuffle = this.checked; save(); });
  $("reset").addEventListener("click", function () {
    if (!window.confirm("Forget your progress on every card?")) return;
    s.cards = {};
    save();
  });
  save();
  root.hidden = false;
})();
