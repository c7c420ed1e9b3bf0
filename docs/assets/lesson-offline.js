// Offline (on every page): once the page has loaded, register the worker the build wrote (sw.js at
// the site's root, named by the notice's data-lesson-offline), which precaches the site. When a new
// deployment's worker waits, show "Updated: reload"; Reload starts it and reloads the page. Show
// "Keep the downloads offline" while a worker serves the page. With no worker named (under `mkdocs
// serve`), or a host that no longer serves one (404), unregister any worker on the scope, so no
// page kept offline hides the server's live pages.
(function () {
  "use strict";
  var status = document.querySelector("[data-lesson-offline]");
  var sw = navigator.serviceWorker;
  if (!status || !sw) return;
  var worker = status.getAttribute("data-lesson-offline");
  var scope = new URL(status.getAttribute("data-lesson-offline-scope"), location.href).href;
  var styles = document.currentScript.src.replace(/\.js$/, ".css");
  var notice = status.querySelector(".lesson-offline__notice");
  var keep = document.querySelector("[data-lesson-offline-keep]");
  var reloading = false;

  function unregister() {
    return sw.getRegistration(scope).then(function (registration) {
      if (!registration || registration.scope !== scope) return;
      var controlled = !!sw.controller;
      return registration.unregister().then(function () { if (controlled) location.reload(); });
    });
  }

  function show(next) {
    notice.querySelector("[data-lesson-offline-reload]").onclick = function () {
      reloading = true;
      next.postMessage("lesson-offline:activate");
    };
    notice.querySelector("[data-lesson-offline-later]").onclick = function () { notice.hidden = true; };
    if (document.querySelector("link[data-lesson-offline]")) {
      notice.hidden = false;
      return;
    }
    var link = document.createElement("link");  // the notice's styles: a rare sight, loaded for it
    link.rel = "stylesheet";
    link.href = styles;
    link.setAttribute("data-lesson-offline", "");
    link.onload = link.onerror = function () { notice.hidden = false; };
    document.head.appendChild(link);
  }

  function watch(installing, registration) {
    if (!installing) return;
    installing.addEventListener("statechange", function () {
      if (installing.state === "installed" && registration.active) show(installing);
    });
  }

  function offerKeep() {
    if (keep && sw.controller && worker) keep.hidden = false;
  }

  function start() {
    if (!worker) return unregister();
    sw.register(worker, { scope: scope, updateViaCache: "none" }).then(function (registration) {
      if (registration.waiting && registration.active) show(registration.waiting);
      watch(registration.installing, registration);
      registration.addEventListener("updatefound", function () { watch(registration.installing, registration); });
      // Look for a new deployment now (a first visit's worker is still installing).
      if (!registration.installing && !registration.waiting) return registration.update();
    }).catch(function (error) {
      // The host serves no worker now (404, as under `mkdocs serve`): stop keeping its pages.
      // Offline the update fails otherwise, and the worker stays.
      if (/\b404\b/.test(String(error && error.message))) unregister();
    });
  }

  // A download link bypasses the worker: while one serves the page, ask it for the site's file
  // instead (it keeps the file, and answers as a download, offline too). A blob (a file the page
  // made, as "Save progress" does) is not the site's.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[download]");
    if (!link || link.href.indexOf(scope) !== 0 || !sw.controller || !worker || event.defaultPrevented ||
        event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    location.href = link.href;
  });

  sw.addEventListener("controllerchange", function () {
    if (reloading) location.reload();
    offerKeep();
  });
  offerKeep();
  if (keep) {
    keep.querySelector("button").addEventListener("click", function () {
      var said = keep.querySelector("[data-lesson-offline-kept]");
      var urls = [].map.call(document.querySelectorAll("a[download]"), function (a) { return a.href; })
        .filter(function (url, index, all) { return url.indexOf(scope) === 0 && all.indexOf(url) === index; });
      said.textContent = "Keeping " + urls.length + " downloads…";
      Promise.all(urls.map(function (url) {
        return fetch(url).then(function (response) {
          if (!response.ok) throw new Error(url);
          return response.blob();
        });
      })).then(function (files) {
        var bytes = files.reduce(function (sum, file) { return sum + file.size; }, 0);
        said.textContent = "Kept " + urls.length + " downloads offline (" + (bytes / 1e6).toFixed(1) + " MB).";
      }, function () {
        said.textContent = "Not all downloads could be kept: try again online.";
      });
    });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
