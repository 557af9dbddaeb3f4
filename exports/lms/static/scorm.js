/* ksi-courses SCORM bridge (SCORM 1.2 and 2004). Loaded before site.js on each launch page.
   Finds the LMS's API (window "API" for 1.2, "API_1484_11" for 2004) in this window, its parents
   and the opener's, initialises, puts the progress the LMS kept (suspend data) back into the
   page's localStorage state, then reports on every "ksi:progress" event: completion of the SCO's
   lessons, the quiz score (0-100 and scaled), checklist and quiz state as suspend data.
   It commits after each change and finishes when the page goes away. Without an LMS (the plain
   site, or a page opened on its own) it does nothing. */
(function () {
  "use strict";
  var configElement = document.getElementById("ksi-sco");
  if (!configElement) { return; }
  var config = JSON.parse(configElement.textContent);
  var is2004 = config.version === "2004";
  var apiName = is2004 ? "API_1484_11" : "API";
  var names = is2004
    ? { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate" }
    : { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish" };
  var fields = is2004
    ? { status: "cmi.completion_status", raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", exit: "cmi.exit", time: "cmi.session_time" }
    : { status: "cmi.core.lesson_status", raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max", exit: "cmi.core.exit", time: "cmi.core.session_time" };
  var MAX_SUSPEND = is2004 ? 64000 : 4096;

  /* The specs' search: up the parent chain (a frame from another origin ends it), then the opener's. */
  function search(win) {
    for (var depth = 0; win && depth < 500; depth += 1) {
      try {
        if (win[apiName]) { return win[apiName]; }
      } catch (e) { return null; }
      if (win.parent === win) { return null; }
      win = win.parent;
    }
    return null;
  }
  var api = search(window);
  if (!api) {
    try { api = (window.opener && search(window.opener)) || (window.top.opener && search(window.top.opener)) || null; } catch (e) { api = null; }
  }
  if (!api || String(api[names.init]("")) !== "true") { return; }

  var started = Date.now();
  var key = document.body.getAttribute("data-storage-key");
  var finished = false;

  function get(name) { return String(api[names.get](name) || ""); }
  function set(name, value) { api[names.set](name, String(value)); }

  /* Progress the LMS kept from an earlier session wins over this browser's. */
  try {
    var kept = JSON.parse(get("cmi.suspend_data") || "{}");
    if (kept && kept.lessons) {
      var local = JSON.parse(window.localStorage.getItem(key) || "{}") || {};
      local.lessons = local.lessons || {};
      Object.keys(kept.lessons).forEach(function (id) { local.lessons[id] = kept.lessons[id]; });
      if (kept.language) { local.language = kept.language; }
      window.localStorage.setItem(key, JSON.stringify(local));
    }
  } catch (e) { /* no or damaged suspend data: start from the browser's state */ }

  function lessonsOf(state) {
    var lessons = {};
    config.lessons.forEach(function (id) { if (state.lessons && state.lessons[id]) { lessons[id] = state.lessons[id]; } });
    return lessons;
  }

  function suspendData(state) {
    var kept = { lessons: lessonsOf(state), language: state.language };
    var text = JSON.stringify(kept);
    if (text.length > MAX_SUSPEND) {  /* SCORM 1.2 keeps 4096 characters: drop the chosen answers, keep the rest */
      Object.keys(kept.lessons).forEach(function (id) {
        var quizzes = kept.lessons[id].quizzes || {};
        Object.keys(quizzes).forEach(function (quiz) { delete quizzes[quiz].answers; });
      });
      text = JSON.stringify(kept).slice(0, MAX_SUSPEND);
    }
    return text;
  }

  function done(state) {
    return config.lessons.every(function (id) { return state.lessons && state.lessons[id] && state.lessons[id].done; });
  }

  function report(state) {
    var lessons = lessonsOf(state);
    var correct = 0, answered = false, doneCount = 0;
    config.lessons.forEach(function (id) {
      var lesson = lessons[id] || {};
      if (lesson.done) { doneCount += 1; }
      var quizzes = lesson.quizzes || {};
      Object.keys(quizzes).forEach(function (quiz) { correct += quizzes[quiz].correct || 0; answered = true; });
    });
    set(fields.status, done(state) ? "completed" : "incomplete");
    if (is2004) { set("cmi.progress_measure", (doneCount / config.lessons.length).toFixed(2)); }
    if (answered && config.questions > 0) {
      set(fields.min, 0);
      set(fields.max, 100);
      set(fields.raw, Math.round((100 * correct) / config.questions));
      if (is2004) { set("cmi.score.scaled", (correct / config.questions).toFixed(4)); }
    }
    set("cmi.suspend_data", suspendData(state));
    api[names.commit]("");
  }

  function sessionTime() {
    var seconds = Math.round((Date.now() - started) / 1000);
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    if (is2004) { return "PT" + h + "H" + m + "M" + s + "S"; }
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return (h < 1000 ? ("000" + h).slice(-4) : String(h)) + ":" + two(m) + ":" + two(s);
  }

  function finish() {
    if (finished) { return; }
    finished = true;
    var state = {};
    try { state = JSON.parse(window.localStorage.getItem(key) || "{}") || {}; } catch (e) { state = {}; }
    set(fields.time, sessionTime());
    set(fields.exit, done(state) ? (is2004 ? "normal" : "") : "suspend");
    api[names.commit]("");
    api[names.finish]("");
  }

  document.addEventListener("ksi:progress", function (event) { if (!finished) { report(event.detail); } });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);

  var status = get(fields.status);
  if (status === "" || status === "not attempted" || status === "unknown") { set(fields.status, "incomplete"); api[names.commit](""); }
})();
