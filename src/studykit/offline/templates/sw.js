{#- The worker's source, filled by studykit/offline/worker.py: plain JavaScript, no library. -#}
// The lesson's offline worker, written by the build (studykit/offline): it precaches every page
// and asset of the site by content hash ({{ files | length }} files, {{ bytes }} bytes), and keeps
// each download once it has been downloaded. A new deployment's worker installs beside this one:
// it copies the unchanged files from the old cache, fetches the changed ones, and waits; the old
// worker keeps serving its own files until the learner reloads ("Updated: reload") or closes every
// page of the site. Then the new one drops the old cache, so an old page never meets new assets.
"use strict";
var FILES = {{ files | tojson }};
var DOWNLOADS = {{ downloads | tojson }};
var BASE = new URL("./", self.location).href;
var PREFIX = "lesson-offline " + BASE + " ";
var PRECACHE = PREFIX + "{{ version }}";
var KEPT = PREFIX + "downloads";

// Each entry is kept under its content hash: a later worker finds an unchanged file by it.
function key(path, hash) { return BASE + path + "?v=" + hash; }

// A response that came through a redirect may not answer a navigation: keep its body and headers.
function plain(response) {
  if (!response.redirected) return response;
  return response.blob().then(function (body) {
    return new Response(body, { status: response.status, statusText: response.statusText,
                                headers: response.headers });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(PRECACHE).then(function (cache) {
    return Promise.all(Object.keys(FILES).map(function (path) {
      var id = key(path, FILES[path]);
      return caches.match(id).then(function (kept) {
        return kept || fetch(BASE + path, { cache: "no-cache" }).then(function (response) {
          if (!response.ok) throw new Error(path + ": HTTP " + response.status);
          return plain(response);
        });
      }).then(function (response) { return cache.put(id, response); });
    }));
  }));
});

self.addEventListener("activate", function (event) {
  var wanted = {};
  Object.keys(DOWNLOADS).forEach(function (path) { wanted[key(path, DOWNLOADS[path])] = true; });
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== PRECACHE && name !== KEPT;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return caches.open(KEPT);
  }).then(function (cache) {
    return cache.keys().then(function (requests) {  // a download that changed is fetched anew
      return Promise.all(requests.filter(function (request) { return !wanted[request.url]; })
        .map(function (request) { return cache.delete(request); }));
    });
  }).then(function () { return self.clients.claim(); }));
});

// A download: kept once fetched whole. A navigation to one (lesson-offline.js turns a click on a
// download link into one, as a browser's own download would bypass this worker) is saved as a file,
// never shown in the page's place: if it cannot be had, the page stays as it is (204).
function download(request, id, name) {
  return caches.open(KEPT).then(function (cache) {
    return cache.match(id).then(function (kept) {
      return kept || fetch(request).then(function (response) {
        if (response.status !== 200) return response;  // a range (206) or an error: not a whole file
        return cache.put(id, response.clone()).then(function () { return response; });
      });
    });
  }).then(function (response) {
    if (request.mode !== "navigate") return response;
    if (response.status !== 200) return new Response(null, { status: 204 });
    var headers = new Headers(response.headers);
    headers.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
    return new Response(response.body, { status: 200, headers: headers });
  }, function (error) {
    if (request.mode === "navigate") return new Response(null, { status: 204 });
    throw error;
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(BASE) !== 0) return;
  var path = request.url.slice(BASE.length).replace(/[?#].*$/, "").replace(/(^|\/)index\.html$/, "$1");
  if (FILES.hasOwnProperty(path)) {
    event.respondWith(caches.open(PRECACHE).then(function (cache) {
      return cache.match(key(path, FILES[path]));
    }).then(function (response) { return response || fetch(request); }));
  } else if (DOWNLOADS.hasOwnProperty(path)) {
    event.respondWith(download(request, key(path, DOWNLOADS[path]), path.split("/").pop()));
  }  // anything else (live reload, another site below this one) goes to the network untouched
});

self.addEventListener("message", function (event) {
  if (event.data === "lesson-offline:activate") self.skipWaiting();
});
