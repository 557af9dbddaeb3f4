// Offline reading (issue 19).
// 1. Registers the service worker and shows the "save" buttons of course and lesson pages; a save
//    stores the pages the server lists (/ksi/frakoblet/<id>/) with the CSS, JS, fonts and
//    pictures this page loaded, in the cache the worker answers from when there is no network.
// 2. Checklist ticks and quiz answers given while offline are kept in a queue (localStorage) and
//    sent when the phone is online again. Each carries a random idempotency key
//    (ksi_action_key) the server records, so an action sent twice is done once.
// 3. Logging out empties the cache and the queue: a shared phone keeps nothing of the person.
(function () {
  "use strict";
  var configElement = document.getElementById("ksi-participant-config");
  if (!configElement) { return; }
  var config = JSON.parse(configElement.textContent).offline;
  var canCache = "serviceWorker" in navigator && "caches" in window;

  function text(key) { return config.texts[key]; }

  // --- the queue -------------------------------------------------------------------------------
  function readQueue() {
    try { return JSON.parse(localStorage.getItem(config.queue) || "[]"); } catch (e) { return []; }
  }
  function writeQueue(queue) {
    try { localStorage.setItem(config.queue, JSON.stringify(queue)); } catch (e) { /* full or blocked */ }
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function isLessonAction(form) {
    return Boolean(config.actions) && form && form.method && form.method.toLowerCase() === "post" &&
      new URL(form.action, location.href).pathname.indexOf(config.actions) === 0;
  }
  function announce(message, form) {
    var status = (form && form.querySelector("[role=status]")) || document.querySelector(".ksi-offline__status");
    if (status) { status.textContent = message; }
  }

  function queueForm(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var fields = [];
    data.forEach(function (value, name) { fields.push([name, String(value)]); });
    var queue = readQueue();
    // A newer state of the same checklist replaces the older one still waiting.
    var action = new URL(form.action, location.href).pathname;
    if (form.hasAttribute("data-ksi-autosave")) {
      queue = queue.filter(function (item) { return item.action !== action; });
    }
    queue.push({ action: action, page: location.pathname, fields: fields, key: newKey() });
    writeQueue(queue);
    announce(text("queued"), form);
  }

  // Capture phase on window: runs before lesson-progress.js, which would try the network.
  window.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("form[data-ksi-autosave]");
    if (config.loggedIn && !navigator.onLine && isLessonAction(form)) {
      event.stopImmediatePropagation();
      queueForm(form);
    }
  }, true);
  window.addEventListener("submit", function (event) {
    var form = event.target;
    if (new URL(form.action, location.href).pathname === config.logout) {
      forgetEverything();
      return;
    }
    if (config.loggedIn && !navigator.onLine && isLessonAction(form) && !hasOpenQuestion(form)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      queueForm(form, event.submitter);
    }
  }, true);

  // A quiz with a question left open is not queued: lesson.js stops it and marks the question,
  // offline as online.
  function hasOpenQuestion(form) {
    if (!form.matches("[data-ksi-quiz]")) { return false; }
    return Array.prototype.some.call(form.querySelectorAll("fieldset"), function (fieldset) {
      return fieldset.querySelector("input:checked") === null;
    });
  }

  // Show the ticks still waiting in the queue on the (saved) page they were made on.
  function showQueuedTicks() {
    readQueue().forEach(function (item) {
      if (item.page !== location.pathname) { return; }
      var form = document.querySelector('form[data-ksi-autosave][action="' + item.action + '"]');
      if (!form) { return; }
      var ticked = item.fields.filter(function (f) { return f[0] === "item"; }).map(function (f) { return f[1]; });
      form.querySelectorAll('input[type=checkbox][name=item]').forEach(function (box) {
        box.checked = ticked.indexOf(box.value) !== -1;
      });
    });
  }

  var sending = false;
  function sendQueue() {
    if (sending || !navigator.onLine || !config.loggedIn) { return Promise.resolve(); }
    var queue = readQueue();
    if (!queue.length) { return Promise.resolve(); }
    sending = true;
    var sentAny = false;
    function next() {
      var item = readQueue()[0];
      if (!item) { return Promise.resolve(); }
      var body = new FormData();
      item.fields.forEach(function (f) { body.append(f[0], f[1]); });
      body.append("ksi_action_key", item.key);
      return fetch(item.action, {
        method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (!json) { announce(text("loginAgain")); return; }  // logged out or refused: keep it
        // Done, done before (same key), or refused for good (the lesson changed): off the queue.
        writeQueue(readQueue().filter(function (other) { return other.key !== item.key; }));
        sentAny = true;
        return next();
      });
    }
    return next().catch(function () { /* offline again: try later */ }).then(function () {
      sending = false;
      if (sentAny) { announce(text("sent")); }
    });
  }

  // --- saving pages ----------------------------------------------------------------------------
  function sameOrigin(url) {
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }
  function pageAssets() {
    var urls = [];
    document.querySelectorAll("link[rel=stylesheet][href], script[src], img[src]").forEach(function (el) {
      urls.push(el.href || el.src);
    });
    (performance.getEntriesByType ? performance.getEntriesByType("resource") : []).forEach(function (entry) {
      if (/\.(css|js|woff2?|ttf|otf|svg|png|jpe?g|webp|gif)(\?|$)/.test(entry.name)) { urls.push(entry.name); }
    });
    return urls.filter(sameOrigin);
  }
  function unique(urls) {
    var seen = {};
    return urls.map(function (u) { return new URL(u, location.href).href; }).filter(function (u) {
      if (seen[u]) { return false; }
      seen[u] = true;
      return true;
    });
  }
  function save(listUrl, status) {
    status.textContent = text("saving");
    return fetch(listUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (data) {
        var urls = unique(data.pages.concat(pageAssets()));
        return caches.open(config.cache).then(function (cache) {
          return Promise.all(urls.map(function (url) {
            return fetch(url, { credentials: "same-origin" }).then(function (response) {
              if (response.ok && !response.redirected) { return cache.put(url, response); }
            });
          }));
        });
      })
      .then(function () { status.textContent = text("saved"); }, function () { status.textContent = text("notSaved"); });
  }

  function forgetEverything() {
    try { localStorage.removeItem(config.queue); } catch (e) { /* blocked */ }
    if ("caches" in window) { caches.delete(config.cache); }
  }

  function start() {
    showQueuedTicks();
    window.addEventListener("online", sendQueue);
    sendQueue();
    if (!canCache) { return; }
    navigator.serviceWorker.register(config.worker, { scope: config.scope }).catch(function () { /* no offline reading */ });
    document.querySelectorAll(".ksi-offline").forEach(function (box) {
      var status = box.querySelector(".ksi-offline__status");
      box.hidden = false;
      box.querySelectorAll("button[data-ksi-save]").forEach(function (button) {
        button.addEventListener("click", function () {
          button.disabled = true;
          save(button.getAttribute("data-ksi-save"), status).then(function () { button.disabled = false; });
        });
      });
      caches.open(config.cache).then(function (cache) { return cache.match(location.href, { ignoreVary: true }); })
        .then(function (saved) { if (saved && !status.textContent) { status.textContent = text("savedBefore"); } });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
