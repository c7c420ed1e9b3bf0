// Checking a typed answer to a practice exercise against the value the build computed. This header
// is the one written statement of the rule: anything else that speaks of it should point here.
//
// READING. A number may have spaces around it, a leading + or − (ASCII "-" or Unicode "−"), no
// leading zero (.665) and an exponent (6.65e-1); where a probability is asked (spec.percent) it may
// end in % (66.5% or 66.5 % is 0.665). A vector is its numbers separated by commas, spaces or both,
// inside [ ] or not: [0.98, 2.04, -0.51], 0.98, 2.04, -0.51 or 0.98 2.04 -0.51. Anything else, and
// a vector of the wrong length, is "unreadable" with a message saying why; it is never judged.
//
// TOLERANCE. A typed number carries its own precision, half a unit of its last digit: 2.41 stands
// for 2.405 to 2.415, 66.5% for 0.6645 to 0.6655, 2 for 1.5 to 2.5. Halves count both ways, so
// 0.12 and 0.13 both agree with 0.125. It is FINE ENOUGH for a value v when its last digit is at
// or below v's N-th significant digit (N = 3 asks for hundredths of 2.408 and thousandths of
// 0.665; v = 0 asks for no digit). N is spec.minDigits, else the significant digits of the value
// the worked answer shows (2.408: 4, 0.98: 2, 0.090: 2), at most 3 and at least 1. It AGREES with
// v when it equals v, or when it is fine enough for v and v lies within its precision. The verdict
// is the first of these that holds:
//   right           it agrees with the exact value; or the worked answer shows a rounded value
//                   and it is fine enough and lies within that rounding (shown 0.408 covers 0.4075
//                   to 0.4085: a learner who carried the worked answer's rounded numbers is right);
//   mistake         it agrees with the value of a listed mistake, whose message and step it gives;
//   too-few-digits  it is not fine enough for the exact value or a mistake's value but lies within
//                   its precision of it: "give at least N significant digits", never a verdict;
//   wrong           anything else.
// So for 2.408 (exact 2.4076): 2.408, 2.41 and 2.4077 are right, 2.407 is wrong (it truncates),
// 2.4 and 2 are too few digits, 7 is wrong. For an exact 0: 0, 0.0 and −0 are right. A vector is
// judged number by number: right when every number is right, a mistake when every number agrees
// with the same mistake, too few digits when every number is right or within its precision of the
// same target and some number is not fine enough.
(function () {
  "use strict";
  var NUMBER = /^[+-]?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?(%?)$/i;
  var UNREADABLE = "Could not read that as a number";

  function readNumber(token, percent) {
    var m = NUMBER.exec(token);
    if (!m || !(m[1] + (m[2] || "")).length) {
      return { error: UNREADABLE + ": “" + token + "”. Type it like 0.665, .665 or 6.65e-1." };
    }
    if (m[4] && !percent) {
      return { error: UNREADABLE + ": “" + token + "”. A percentage fits only where a probability is asked." };
    }
    var scale = m[4] ? 100 : 1, exponent = m[3] ? parseInt(m[3], 10) : 0;
    return { value: parseFloat(token) / scale, place: Math.pow(10, exponent - (m[2] || "").length) / scale,
             percent: !!m[4] };
  }

  // Parse typed text into {numbers: [{value, place, percent}]} or {error}; size is how many are asked.
  function read(typed, size, percent, vector) {
    var text = String(typed == null ? "" : typed).replace(/\u2212/g, "-").trim();
    if (vector) text = text.replace(/^\[(.*)\]$/, "$1").trim();
    if (!text) return { error: UNREADABLE + ": nothing was typed." };
    var tokens = text.replace(/([+-])\s+/g, "$1").replace(/\s+%/g, "%").split(/\s*,\s*|\s+/);
    if (tokens.indexOf("") >= 0) return { error: UNREADABLE + ": a comma has no number beside it." };
    var numbers = [];
    for (var i = 0; i < tokens.length; i++) {
      var number = readNumber(tokens[i], percent);
      if (number.error) return number;
      numbers.push(number);
    }
    if (numbers.length === size) return { numbers: numbers };
    if (!vector) {
      return { error: "Give one number; that reads as " + numbers.length + "." +
               (text.indexOf(",") >= 0 ? " Write decimals with a point: 0.665." : "") };
    }
    return { error: "Give " + size + " numbers, separated by commas or spaces; that reads as " +
             numbers.length + "." };
  }

  function significantDigits(shown) {
    return String(shown).replace(/e.*$/i, "").replace(/\D/g, "").replace(/^0+/, "").length;
  }

  function digitsAsked(spec, shown, i) {
    var asked = Array.isArray(spec.minDigits) ? spec.minDigits[i] : spec.minDigits;
    if (asked) return asked;
    return shown == null ? 3 : Math.max(1, Math.min(3, significantDigits(shown)));
  }

  // The place of v's N-th significant digit: 0.01 for 2.408 and N = 3. Nothing is asked of 0.
  function placeAsked(v, digits) {
    if (v === 0) return Infinity;
    // The nudge keeps a float such as 0.09999999999999998 (1 - 0.9) in the decade of 0.1.
    return Math.pow(10, Math.floor(Math.log10(Math.abs(v)) + 1e-9) - digits + 1);
  }

  function near(a, b, tolerance) {
    return Math.abs(a - b) <= tolerance + 1e-9 * Math.max(1, Math.abs(b));
  }

  function fine(n, v, digits) {
    return n.place <= placeAsked(v, digits) * (1 + 1e-9);
  }

  function agrees(n, v, digits) {
    return near(n.value, v, 0) || (fine(n, v, digits) && near(n.value, v, n.place / 2));
  }

  // How the typed numbers stand against one target: which agree, and the first too coarse to judge.
  function judge(numbers, target, digits, shown) {
    var good = numbers.map(function (n, i) {
      var rounded = shown[i] !== undefined && !near(shown[i].value, target[i], 0);
      return agrees(n, target[i], digits[i]) ||
        (rounded && fine(n, target[i], digits[i]) && near(n.value, shown[i].value, shown[i].place / 2));
    });
    var within = numbers.every(function (n, i) { return good[i] || near(n.value, target[i], n.place / 2); });
    var coarse = numbers.findIndex(function (n, i) { return !good[i] && !fine(n, target[i], digits[i]); });
    return { target: target, good: good, all: good.every(Boolean), coarse: within ? coarse : -1 };
  }

  function placeText(place, percent) {
    var power = Math.round(Math.log10(percent ? place * 100 : place));
    var text = power >= 0 ? String(Math.pow(10, power)) : "0." + "0".repeat(-power - 1) + "1";
    return percent ? text + "%" : text;
  }

  function numbered(indices) {
    var names = indices.map(function (i) { return String(i + 1); });
    if (names.length === 1) return "number " + names[0] + " is";
    return "numbers " + names.slice(0, -1).join(", ") + " and " + names[names.length - 1] + " are";
  }

  function result(verdict, message, step) {
    return { verdict: verdict, message: message, step: step || null };
  }

  // spec: {exact: number or array, shown: "2.408" or array of strings, minDigits, percent: bool,
  // mistakes: [{value, message, step}]}. Returns {verdict, message, step} as the header says.
  function check(typed, spec) {
    var vector = Array.isArray(spec.exact);
    var exact = vector ? spec.exact : [spec.exact];
    var shownText = spec.shown == null ? [] : vector ? spec.shown : [spec.shown];
    var shown = shownText.map(function (s) { return readNumber(String(s).replace(/\u2212/g, "-"), false); });
    var digits = exact.map(function (_, i) { return digitsAsked(spec, shownText[i], i); });
    var typedNumbers = read(typed, exact.length, !!spec.percent, vector);
    if (typedNumbers.error) return result("unreadable", typedNumbers.error);
    var numbers = typedNumbers.numbers;
    var right = judge(numbers, exact, digits, shown);
    if (right.all) {
      var worked = vector ? "[" + shownText.join(", ") + "]" : shownText[0];
      return result("right", shownText.length ? "Right: the worked answer shows " + worked + "." : "Right.");
    }
    var mistakes = (spec.mistakes || []).map(function (mistake) {
      return { mistake: mistake, judged: judge(numbers, vector ? mistake.value : [mistake.value], digits, []) };
    });
    var hit = mistakes.find(function (m) { return m.judged.all; });
    if (hit) return result("mistake", hit.mistake.message, hit.mistake.step);
    var few = [right].concat(mistakes.map(function (m) { return m.judged; }))
      .find(function (judged) { return judged.coarse >= 0; });
    if (few) {
      var i = few.coarse, n = numbers[i];
      return result("too-few-digits", "Give at least " + digits[i] + " significant digits" +
        (vector ? " for number " + (i + 1) : "") + " (round to " +
        placeText(placeAsked(few.target[i], digits[i]), n.percent) + ").");
    }
    var off = right.good.map(function (good, j) { return good ? -1 : j; })
      .filter(function (j) { return j >= 0; });
    return result("wrong", (vector ? "Not right: " + numbered(off) + " off." : "Not right.") +
      " Compare your working with the worked answer.");
  }

  window.LessonAnswers = { read: read, check: check };
})();
