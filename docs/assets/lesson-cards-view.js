// Study mode, the view: one flashcard at a time in a dialog, rated Again or Good. Loaded by
// lesson-cards.js when the learner first presses Study; the cards are read from the page's grid.
//
// SCHEDULE (Leitner boxes). A card never studied, or whose due day has come, is due; any other is
// known. Good moves a card up one box, to 5 at most, and it is due again 1, 3, 7, 14 or 30 days
// later (boxes 1 to 5). Again puts it in box 0, due today, and brings it back later in the same
// round (after three other cards); a Good after an Again in the same round reaches box 1 only. A
// round takes the due cards (every card when none is due), shuffled from a stored seed unless
// Shuffle is off. "Reset progress" forgets every card. Each rating stamps the card's last review
// (ms), by which a loaded progress file is merged. Nothing leaves the browser but a saved file.
(function () {
  "use strict";
  var DAYS = [0, 1, 3, 7, 14, 30];
  var study = document.querySelector(".lesson-study").lessonStudy;
  var $ = study.$, byId = study.byId, state = study.state, dialog = $("dialog");
  var round = null, x0 = 0, y0 = 0;

  function html(id, part) {
    return byId[id].li.querySelector(part === "q" ? ".lesson-card__question" : ".lesson-card__answer").innerHTML;
  }

  // Text for the live region: each formula read as its text equivalent.
  function text(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll("math").forEach(function (m) { m.replaceWith(m.getAttribute("aria-label")); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function say(message) { $("live").textContent = message; }

  // Fisher-Yates with mulberry32, seeded from the stored seed and round number.
  function shuffle(list) {
    var a = (state.seed + state.round++) >>> 0;
    for (var i = list.length - 1; i > 0; i--) {
      a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      var j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1)), x = list[i];
      list[i] = list[j];
      list[j] = x;
    }
    return list;
  }

  function start(list, note) {
    round = { queue: state.shuffle ? shuffle(list) : list, size: list.length, first: 0,
              rated: {}, good: {}, missed: {} };
    study.save();
    $("summary").hidden = true;
    $("card").hidden = $("actions").hidden = false;
    show(0, note);
  }

  function show(pos, note) {
    var id = round.queue[pos];
    round.pos = pos;
    $("q").innerHTML = html(id, "q");
    $("a").innerHTML = html(id, "a");
    $("count").textContent = "Card " + (pos + 1) + " of " + round.queue.length;
    reveal(false);
    say((note || "") + $("count").textContent + ". " + text($("q")));
  }

  function reveal(on) {
    $("a").hidden = $("again").hidden = $("good").hidden = !on;
    $("show").hidden = on;
    $(on ? "good" : "show").focus();
    if (on) say("Answer: " + text($("a")));
  }

  function rate(good) {
    if ($("a").hidden || !$("summary").hidden) return;
    var id = round.queue[round.pos], s = state.cards[id] || { box: 0 }, note = "Good. ";
    if (good && !round.rated[id]) round.first++;
    round.rated[id] = 1;
    if (!good) {
      round.missed[id] = 1;
      delete round.good[id];
      state.cards[id] = { box: 0, due: study.today(), last: Date.now() };
      round.queue.splice(Math.min(round.pos + 4, round.queue.length), 0, id);
      note = "Again: this card comes back later in this round. ";
    } else if (!round.good[id]) {
      round.good[id] = 1;
      var box = round.missed[id] ? 1 : Math.min(s.box + 1, 5);
      state.cards[id] = { box: box, due: study.today() + DAYS[box], last: Date.now() };
    }
    study.save();
    if (round.pos + 1 < round.queue.length) return show(round.pos + 1, note);
    var missed = Object.keys(round.missed);
    $("card").hidden = $("actions").hidden = true;
    $("summary").hidden = false;
    $("retry").hidden = !missed.length;
    $("count").textContent = "Round done";
    $("score").textContent = round.first + " of " + round.size + " Good at first try. " +
      (missed.length ? "Missed:" : "None missed.");
    $("missed").innerHTML = missed.map(function (m) { return "<li>" + html(m, "q") + "</li>"; }).join("");
    $(missed.length ? "retry" : "close").focus();
    say(note + "Round done. " + $("score").textContent + " " + text($("missed")));
  }

  function move(step) {
    var pos = round.pos + step;
    if ($("summary").hidden && pos >= 0 && pos < round.queue.length) show(pos);
  }

  // Tab and Shift+Tab cycle through the dialog's controls, never out to the page or the browser.
  function trap(event) {
    var stops = [].filter.call(dialog.querySelectorAll("button, a[href]"), function (el) {
      return el.getClientRects().length;
    });
    var edge = stops[event.shiftKey ? 0 : stops.length - 1];
    if (document.activeElement === edge || stops.indexOf(document.activeElement) < 0) {
      stops[event.shiftKey ? stops.length - 1 : 0].focus();
      event.preventDefault();
    }
  }

  // Taps and swipes for a touch or a pen, keys for a mouse or a key ("" when Enter or Space pressed
  // Study); a browser whose clicks carry no pointerType asks whether the main pointer is coarse.
  function hint(event) {
    var type = event && event.pointerType;
    var touch = type === undefined ? window.matchMedia("(pointer: coarse)").matches : /touch|pen/.test(type);
    dialog.setAttribute("data-input", touch ? "touch" : "keys");
  }

  study.open = function (event) {
    var due = study.cards.filter(study.isDue);
    hint(event);
    dialog.showModal();
    start((due.length ? due : study.cards).map(function (card) { return card.id; }),
          due.length ? "" : "Nothing is due: this round takes every card. ");
  };
  $("retry").addEventListener("click", function () { start(Object.keys(round.missed)); });
  $("show").addEventListener("click", function () { reveal(true); });
  $("again").addEventListener("click", function () { rate(false); });
  $("good").addEventListener("click", function () { rate(true); });
  $("close").addEventListener("click", function () { dialog.close(); });
  $("card").addEventListener("click", function (event) {
    if ($("a").hidden && !event.target.closest("a")) reveal(true);
  });
  $("card").addEventListener("touchstart", function (event) {
    x0 = event.touches[0].clientX;
    y0 = event.touches[0].clientY;
  }, { passive: true });
  $("card").addEventListener("touchend", function (event) {
    var dx = event.changedTouches[0].clientX - x0, dy = event.changedTouches[0].clientY - y0;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) rate(dx > 0);
    else if (Math.abs(dx) < 10 && Math.abs(dy) < 10 && $("a").hidden && !event.target.closest("a")) {
      // A tap shows the answer at once: Chromium drops the click of a tap soon after a swipe.
      event.preventDefault();
      reveal(true);
    }
  });
  dialog.addEventListener("keydown", function (event) {
    var k = event.key, control = /^(BUTTON|A|INPUT)$/.test(event.target.tagName);
    if (k === "Tab") return trap(event);
    if (k === "1" || k === "2") rate(k === "2");
    else if (k === "ArrowRight" || k === "ArrowLeft") move(k === "ArrowRight" ? 1 : -1);
    else if ((k === " " || k === "Enter") && !control && $("summary").hidden) {
      if ($("a").hidden) reveal(true);
      else if (k === " ") rate(true);
    } else return;
    event.preventDefault();
  });
  // Back on the page, on the card the learner was on (Escape or Close).
  dialog.addEventListener("close", function () {
    byId[round.queue[round.pos]].li.querySelector("summary").focus();
  });
})();
