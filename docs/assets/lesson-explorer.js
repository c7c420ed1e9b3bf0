// The practice page's two explorers. The page gives every constant (data-lesson-settings); this
// file re-implements only the formulas, which the browser tests check against NumPy.
(() => {
  "use strict";
  const fix = (x, digits = 3) => x.toFixed(digits);
  const places = (input) => (input.step.split(".")[1] || "").length; // step 0.1: one decimal
  const show = (root, name, text) => { root.querySelector(`[data-lesson-${name}]`).textContent = text; };
  const each = (root, name, texts) => root.querySelectorAll(`[data-lesson-${name}]`)
    .forEach((el, j) => { el.textContent = texts[j]; });

  function softmax(root, settings) {
    const sliders = [...root.querySelectorAll("input")], pick = root.querySelector("select");
    const shift = root.querySelector("button");
    shift.onclick = () => {
      sliders.forEach((input) => { input.value = fix(+input.value + 1, places(input)); });
      root.dispatchEvent(new Event("change"));
    };
    return (say) => {
      const s = sliders.map((input) => +input.value), y = +pick.value, top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top)), sum = e.reduce((a, b) => a + b);
      const p = e.map((v) => fix(v / sum)), ce = fix(Math.log(sum) - (s[y] - top));
      const svm = fix(s.reduce((a, v, j) => a + (j === y ? 0 : Math.max(0, v - s[y] + settings.margin)), 0));
      each(root, "score", sliders.map((input) => fix(+input.value, places(input))));
      each(root, "p", p);
      root.querySelectorAll(".lesson-bar").forEach((el, j) => { el.style.width = `${100 * e[j] / sum}%`; });
      show(root, "ce", ce);
      show(root, "svm", svm);
      shift.disabled = sliders.some((input) => +input.value + 1 > +input.max);
      if (say) show(root, "say", `Probabilities ${p.join(", ")}. Cross-entropy loss ${ce}, SVM loss ${svm}.`);
    };
  }

  function stepSize(root, settings) {
    const slider = root.querySelector("input"), c = settings.curvatures, n = settings.steps;
    const loss = (w) => 0.5 * w.reduce((a, v, i) => a + c[i] * (v * v), 0);
    return (say) => {
      const r = +slider.value, rate = fix(r, places(slider)), path = [settings.start];
      let crossed = false;
      for (let k = 0; k < n; k++) {
        path.push(path[k].map((v, i) => v - r * (c[i] * v)));
        crossed = crossed || path[k + 1].some((v, i) => v * path[k][i] < 0);
      }
      const losses = path.map(loss), last = losses[n];
      const regime = settings.regimes[last > losses[n - 1] ? "diverges" : crossed ? "oscillates"
        : last > settings.creep * losses[0] ? "creeps" : "converges"];
      root.querySelector("[data-lesson-path]").setAttribute("points", path.join(" "));
      root.querySelector("[data-lesson-curve]").setAttribute("points",
        losses.map((v, k) => `${k},${-Math.log10(Math.max(v, 10 ** settings.floor))}`).join(" "));
      show(root, "rate", rate);
      show(root, "losses", losses.map((v) => fix(v)).join(", "));
      show(root, "regime", regime);
      if (say) show(root, "say", `Learning rate ${rate}: the loss goes from ${fix(losses[0])} to ${fix(last)} in ${n} steps. The run ${regime}.`);
    };
  }

  const explorers = { softmax: softmax, "step-size": stepSize };
  document.querySelectorAll("[data-lesson-explorer]").forEach((root) => {
    const update = explorers[root.dataset.lessonExplorer](root, JSON.parse(root.dataset.lessonSettings));
    root.addEventListener("input", () => update(false));
    root.addEventListener("change", () => update(true));
    update(false);
    root.hidden = false;
  });
})();
