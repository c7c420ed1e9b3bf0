// The practice exercises' answer boxes, steps and new numbers. The values the boxes check against
// come with the variants' file, fetched with the checker on first use; progress stays in this
// browser (localStorage).
//
// SCHEDULE of a part, graded by its boxes, never self-rated. A part is done when every box of its
// numbers is right. Done with no wrong answer and no step revealed (no slip): one box up, at most 4,
// due again 3, 7, 14 or 30 days later (boxes 1 to 4). Done after a slip: box 0, due 1 day later.
// A part not done is not scheduled ("tried", or "not tried"); when a done part's day comes, it
// comes back with New numbers (the next variant, its boxes cleared). Reset forgets the part.
// Each change stamps the part's last review (ms), by which a loaded progress file is merged.
(function () {
  "use strict";
  var STORE = "lesson-practice", DAYS = [1, 3, 7, 14, 30], checker;

  function today() { var d = new Date(); return Math.floor((d - d.getTimezoneOffset() * 6e4) / 864e5); }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function after(node, end) {
    for (var nodes = []; node && node !== end; node = node.nextSibling) nodes.push(node);
    return nodes;
  }

  // Nodes as they are (the lesson's own numbers), or parsed from a variant's HTML.
  function nodes(value) {
    if (typeof value !== "string") return value;
    var template = document.createElement("template");
    template.innerHTML = value;
    return after(template.content.firstChild);
  }

  // Run then() once the checker has loaded.
  function withChecker(url, then, failed) {
    if (window.LessonAnswers) return then();
    if (!checker) {
      checker = document.head.appendChild(document.createElement("script"));
      checker.src = url;
    }
    checker.addEventListener("load", then);
    if (failed) checker.addEventListener("error", failed);
  }

  function mount(section, saved, keep) {
    var spec = JSON.parse(section.querySelector("[data-lesson-spec]").textContent);
    var part = section.getAttribute("data-lesson-check"), details = section.nextElementSibling;
    var status = section.querySelectorAll("[data-lesson-status]"), numbers = status[0], steps = status[1];
    var boxes = section.querySelector("[data-lesson-boxes]"), summary = details.querySelector("summary");
    var start = section;  // the <!-- exercise part_x --> marker: the task follows it
    while (start.nodeType !== 8 || start.data.trim() !== "exercise " + part) start = start.previousSibling;
    var progress = saved.parts[part] = saved.parts[part] || { variant: 0, right: {} };
    var back = progress.done && progress.due <= today();  // its day has come: the next numbers
    if (back) {
      delete progress.right[progress.variant = (progress.variant + 1) % spec.count];
      progress.done = progress.slip = 0;
      progress.back = 1;
    }
    var shown = 0, stepping = false, variants, wanted = progress.variant, uses = 0;
    var first = { prose: after(start.nextSibling, section), worked: after(summary.nextSibling),
                  boxes: after(boxes.firstChild), checks: null }, now = first;

    function label(variant) {
      return "Numbers " + (variant + 1) + " of " + spec.count + (variant ? "." : " (the lesson’s own).");
    }

    function say(form, result) {
      var said = form.querySelector("p"), link = document.createElement("a");
      said.textContent = result ? (result.verdict === "mistake" ? "Not right. " : "") + result.message : "";
      said.setAttribute("data-lesson-verdict", result ? result.verdict : "");
      if (!result || !result.step) return;
      link.href = "#lesson-" + part + "-step-" + result.step;
      link.textContent = "Show step " + result.step + " of the worked answer";
      said.append(" ", link);
    }

    function check(form, typed, graded) {
      var i = form.getAttribute("data-lesson-box"), right = progress.right[progress.variant] || {};
      var result = LessonAnswers.check(typed, now.checks[i]);
      form.querySelector("input").value = typed;
      say(form, result);
      if (result.verdict === "right") right[i] = typed; else delete right[i];
      progress.right[progress.variant] = right;
      if (graded && result.verdict !== "right") slip();
      if (graded && !progress.done && Object.keys(right).length === now.checks.length) {
        progress.box = progress.slip ? 0 : Math.min((progress.box || 0) + 1, DAYS.length - 1);
        progress.due = today() + DAYS[progress.box];
        progress.done = 1;
      }
      if (graded) stamp();
      keep();
    }

    function stamp() { progress.last = Date.now(); progress.back = 0; }
    function slip() { if (!progress.done) progress.slip = 1; stamp(); keep(); }

    function use(variant) {
      var right = progress.right[variant] || {}, next = variant ? variants[variant] : first;
      // The page already shows these numbers (the lesson's own, on load): moving its nodes out and
      // back would only make the browser style and lay them out again.
      if (next !== now) {
        now = next;
        after(start.nextSibling, section).concat(after(summary.nextSibling)).forEach(function (n) { n.remove(); });
        section.before.apply(section, nodes(now.prose));
        details.append.apply(details, nodes(now.worked));
        boxes.replaceChildren.apply(boxes, nodes(now.boxes));
      }
      all(boxes, "form").forEach(function (form) { form.querySelector("input").value = ""; say(form); });
      progress.variant = variant;
      details.open = false;
      reveal(Infinity);
      steps.textContent = "";
      // Kept answers are checked again once the checker loads, unless other numbers came first.
      var turn = ++uses;
      if (Object.keys(right).length) {
        ready(function () {
          if (turn !== uses) return;
          for (var i in right) check(boxes.querySelector("[data-lesson-box='" + i + "']"), right[i]);
        }, function () { /* not shown again: the boxes stay empty, and say nothing of new numbers */ });
      }
    }

    // Run then() once the variants' file has come (every variant's checks, and the others' HTML).
    function fetched(then, failed) {
      if (variants) return then();
      fetch(spec.url).then(function (response) { return response.json(); }).then(function (data) {
        if (data.key !== spec.key) throw new Error("stale");  // the page and the file were built apart
        variants = data.variants;
        first.checks = variants[0].checks;
      }).then(then, failed || function () { numbers.textContent = "New numbers could not be loaded. Try again."; });
    }

    // Run then() once a box can be checked: only a reader who uses a box downloads what it needs.
    function ready(then, failed) {
      withChecker(spec.checker, function () { fetched(then, failed); }, failed);
    }

    function reveal(step) {
      var units = all(details, "[data-lesson-step]");
      var last = +units[units.length - 1].getAttribute("data-lesson-step");  // in page order
      shown = Math.min(step, last);
      units.forEach(function (unit) {
        unit.classList.toggle("lesson-step-hidden", unit.getAttribute("data-lesson-step") > shown);
      });
      // A derivation is read out up to its last shown row.
      all(details, "math").forEach(function (math) {
        var rows = all(math, "mtr"), said = (math.getAttribute("alttext") || "").split("; ");
        if (!rows.length || rows.length !== said.length) return;
        said = said.filter(function (_, i) { return !rows[i].classList.contains("lesson-step-hidden"); });
        math.setAttribute("aria-label", said.join("; "));
        math.classList.toggle("lesson-step-hidden", !said.length);
      });
      steps.textContent = shown < last ? "Step " + shown + " of " + last + " shown."
        : "All " + last + " steps shown.";
    }

    function open(step) {
      slip();
      stepping = !details.open;
      details.open = true;
      reveal(Math.max(step, stepping ? 1 : shown));
    }

    var actions = {
      next: function () { open(details.open ? shown + 1 : 1); },
      all: function () { open(Infinity); },
      new: function () {
        var variant = (progress.variant + 1) % spec.count;
        fetched(function () {
          use(variant);
          progress.done = progress.slip = 0;
          stamp();
          keep();
          numbers.textContent = label(variant) + " The task, the boxes and the worked answer changed.";
        });
      },
      reset: function () {
        progress = saved.parts[part] = { variant: 0, right: {}, last: Date.now() };
        use(0);
        keep();
        numbers.textContent = "Reset: " + label(0) + " No answer is checked.";
      }
    };

    section.addEventListener("click", function (event) {
      var button = event.target.closest("[data-lesson-do]"), link = event.target.closest("a");
      if (button) actions[button.getAttribute("data-lesson-do")]();
      if (!link) return;
      event.preventDefault();
      var target = document.getElementById(link.hash.slice(1));
      open(target.getAttribute("data-lesson-step"));
      target = target.closest("math") || target;  // a row of a derivation takes no focus
      target.tabIndex = -1;
      target.focus();
    });
    section.addEventListener("focusin", function () { ready(function () {}, function () {}); });
    section.addEventListener("submit", function (event) {
      var form = event.target, typed = form.querySelector("input").value;
      event.preventDefault();
      ready(function () { check(form, typed, true); }, function () {
        say(form, { verdict: "unreadable", message: "The checker could not be loaded: reload the page." });
      });
    });
    details.addEventListener("toggle", function () {
      if (details.open && !stepping) { reveal(Infinity); slip(); }
      stepping = false;
    });

    numbers.textContent = label(0);
    use(0);
    function resume() {
      use(wanted);
      keep();
      numbers.textContent = (back ? "Back for review with new numbers. " : "") + label(wanted);
    }
    if (wanted) fetched(resume); else if (back) resume();
    section.hidden = false;
  }

  function start() {
    var sections = all(document, "[data-lesson-check]"), saved;
    if (!sections.length) return;
    var key = JSON.parse(sections[0].querySelector("[data-lesson-spec]").textContent).key;
    try { saved = JSON.parse(localStorage.getItem(STORE)); } catch (e) { /* storage off */ }
    if (!saved || saved.key !== key) saved = { key: key, parts: {} };  // others' progress is stale
    // Each change is kept, then told to the page (the progress panel) with the whole state.
    function keep() {
      try { localStorage.setItem(STORE, JSON.stringify(saved)); } catch (e) { /* storage off: not kept */ }
      document.dispatchEvent(new CustomEvent("lesson-practice", { detail: saved }));
    }
    sections.forEach(function (section) { mount(section, saved, keep); });
    keep();
  }

  start();  // deferred, as every script of the page: the page is parsed by now
})();
