// Flashcard controls: "Show all" and "Hide all" above the grid; "Print flashcards" and "Print
// worksheet" in the page's downloads. The cards themselves are native <details>, so they open and
// close without this script.
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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
