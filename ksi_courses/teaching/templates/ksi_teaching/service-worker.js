// The courses' service worker (issue 19): pages a participant saved ("Lagre leksjonen", "Lagre
// kurset på telefonen") open without a network. offline.js puts them in the cache; this worker
// answers from the network first, keeps saved copies fresh while online, and falls back to the
// saved copy when the network is gone. Nothing is cached that the participant did not save,
// except the static files (CSS, JS, fonts) those pages need.
"use strict";
var CACHE = "{{ cache_name }}";  // ksi_courses.teaching.offline.CACHE_NAME

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("ksi-offline-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function fromNetworkOrCache(request) {
  return caches.open(CACHE).then(function (cache) {
    return fetch(request).then(function (response) {
      if (!response.ok || response.redirected) { return response; }
      return cache.match(request, { ignoreVary: true }).then(function (saved) {
        if (saved) { cache.put(request, response.clone()); }  // keep a saved page up to date
        return response;
      });
    }, function (error) {
      return cache.match(request, { ignoreVary: true }).then(function (saved) {
        // A saved page asked for with a query (?sprak=ar): the saved copy is better than nothing.
        return saved || (request.mode === "navigate" ? cache.match(request, { ignoreVary: true, ignoreSearch: true }) : null);
      }).then(function (saved) {
        if (saved) { return saved; }
        throw error;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.indexOf("/admin/") === 0) {
    return;  // the browser handles it as if there were no worker
  }
  event.respondWith(fromNetworkOrCache(request));
});
