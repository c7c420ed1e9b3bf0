// Flashcard controls: "Show all", "Hide all" and "Print flashcards". The cards themselves are
// native <details>, so they open and close without this script.
(function () {
  "use strict";
  var saved = null;

  function cards(deck) {
    return Array.prototype.slice.call(deck.querySelectorAll("details.lesson-card"));
  }

  function printCards(deck) {
    // Remember what the reader had open, so printing leaves the page as it was.
    saved = cards(deck).map(function (card) { return card.open; });
    document.documentElement.classList.add("lesson-print-cards");
    cards(deck).forEach(function (card) { card.open = true; });
    window.print();
  }

  function restore(deck) {
    if (!saved) return;
    document.documentElement.classList.remove("lesson-print-cards");
    cards(deck).forEach(function (card, i) { card.open = saved[i]; });
    saved = null;
  }

  function mount() {
    var deck = document.querySelector("[data-lesson-deck]");
    if (!deck) return;
    deck.querySelectorAll("[data-lesson-action]").forEach(function (button) {
      button.hidden = false;
    });
    deck.addEventListener("click", function (event) {
      var button = event.target.closest("[data-lesson-action]");
      if (!button) return;
      var action = button.getAttribute("data-lesson-action");
      if (action === "print") return printCards(deck);
      cards(deck).forEach(function (card) { card.open = action === "show-all"; });
    });
    window.addEventListener("afterprint", function () { restore(deck); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
