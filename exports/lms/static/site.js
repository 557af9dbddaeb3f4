/* ksi-courses static site: checklists, quizzes, word-list language and "lesson done", kept in
   localStorage under one key per course. Works from file:// (all data is in the page).
   Every change fires a "ksi:progress" event on document with the whole state; an LMS bridge
   (scorm.js) listens to it. */
(function () {
  "use strict";
  var key = document.body.getAttribute("data-storage-key");

  function load() {
    try {
      var state = JSON.parse(window.localStorage.getItem(key) || "{}");
      if (state && typeof state === "object") {
        state.lessons = state.lessons || {};
        return state;
      }
    } catch (e) { /* private mode or damaged value: start again */ }
    return { lessons: {} };
  }

  var state = load();

  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage full or blocked */ }
    document.dispatchEvent(new CustomEvent("ksi:progress", { detail: state }));
  }

  function lessonState(id) {
    var lesson = state.lessons[id] || (state.lessons[id] = {});
    lesson.checklists = lesson.checklists || {};
    lesson.quizzes = lesson.quizzes || {};
    return lesson;
  }

  function lessonOf(element) {
    return element.closest("[data-lesson]").getAttribute("data-lesson");
  }

  /* Checklists. */
  document.querySelectorAll("[data-checklist]").forEach(function (fieldset) {
    var id = fieldset.getAttribute("data-checklist");
    var lesson = lessonOf(fieldset);
    var ticked = lessonState(lesson).checklists[id] || [];
    fieldset.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = ticked.indexOf(box.value) >= 0;
      box.addEventListener("change", function () {
        var items = [];
        fieldset.querySelectorAll("input[type=checkbox]:checked").forEach(function (b) { items.push(b.value); });
        lessonState(lesson).checklists[id] = items;
        save();
      });
    });
  });

  /* Quizzes: the page carries each question's correct choices and explanation. */
  var keyElement = document.getElementById("ksi-quiz-key");
  var answerKey = keyElement ? JSON.parse(keyElement.textContent) : {};

  function chosen(item) {
    var values = [];
    item.querySelectorAll("input:checked").forEach(function (input) { values.push(Number(input.value)); });
    return values;
  }

  function showResult(form, lesson, quizId, answers) {
    var questions = (answerKey[lesson] || {})[quizId] || {};
    var correct = 0, total = 0;
    form.querySelectorAll("[data-question]").forEach(function (item) {
      var qid = item.getAttribute("data-question");
      var expected = (questions[qid] || { correct: [] }).correct;
      var given = (answers[qid] || []).slice().sort();
      var right = given.length === expected.length && given.every(function (v, i) { return v === expected[i]; });
      total += 1;
      if (right) { correct += 1; }
      /* ksi.css hides a mark once its answer is changed: it looks for the answer in data-chosen. */
      item.querySelectorAll("input").forEach(function (input) { input.toggleAttribute("data-chosen", input.checked); });
      var result = item.querySelector(".ksi-result");
      result.hidden = false;
      result.className = "ksi-result " + (right ? "ksi-result--correct" : "ksi-result--wrong");
      result.textContent = (right ? "Riktig. " : "Ikke helt. ") + ((questions[qid] || {}).explanation || "");
    });
    var score = form.querySelector(".ksi-quiz-score");
    score.textContent = "Du har " + correct + " av " + total + " riktige.";
    return { correct: correct, total: total };
  }

  document.querySelectorAll("form[data-quiz]").forEach(function (form) {
    var quizId = form.getAttribute("data-quiz");
    var lesson = lessonOf(form);
    var saved = lessonState(lesson).quizzes[quizId];
    if (saved && saved.answers) {
      form.querySelectorAll("[data-question]").forEach(function (item) {
        var given = saved.answers[item.getAttribute("data-question")] || [];
        item.querySelectorAll("input").forEach(function (input) { input.checked = given.indexOf(Number(input.value)) >= 0; });
      });
      showResult(form, lesson, quizId, saved.answers);
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = {}, missing = false;
      form.querySelectorAll("[data-question]").forEach(function (item) {
        var values = chosen(item);
        item.querySelector("fieldset").classList.toggle("ksi-fieldset--unanswered", values.length === 0);
        if (values.length === 0) { missing = true; }
        answers[item.getAttribute("data-question")] = values;
      });
      var warning = form.querySelector(".ksi-unanswered");
      warning.hidden = !missing;
      if (missing) { return; }
      var result = showResult(form, lesson, quizId, answers);
      lessonState(lesson).quizzes[quizId] = { answers: answers, correct: result.correct, total: result.total };
      save();
    });
  });

  /* "I have finished this lesson". */
  document.querySelectorAll("[data-done]").forEach(function (button) {
    var lesson = button.getAttribute("data-done");
    button.setAttribute("aria-pressed", lessonState(lesson).done ? "true" : "false");
    button.addEventListener("click", function () {
      var done = !lessonState(lesson).done;
      lessonState(lesson).done = done;
      button.setAttribute("aria-pressed", done ? "true" : "false");
      save();
    });
  });

  /* Lessons done, on the course and module pages. */
  var doneCount = 0;
  document.querySelectorAll("[data-lesson-link]").forEach(function (link) {
    var lesson = state.lessons[link.getAttribute("data-lesson-link")];
    if (lesson && lesson.done) {
      link.setAttribute("data-done", "");
      doneCount += 1;
    }
  });
  var progress = document.querySelector("[data-ksi-course-progress]");
  if (progress && doneCount) {
    progress.querySelector("[data-done-count]").textContent = String(doneCount);
    progress.hidden = false;
  }

  /* The language the word lists show beside Norwegian: one choice for the whole course. */
  function showLanguage(code) {
    document.querySelectorAll("[data-language]").forEach(function (cell) {
      cell.hidden = cell.getAttribute("data-language") !== code;
    });
    document.querySelectorAll("[data-ksi-language]").forEach(function (select) { select.value = code; });
  }
  if (state.language) { showLanguage(state.language); }
  document.querySelectorAll("[data-ksi-language]").forEach(function (select) {
    select.addEventListener("change", function () {
      state.language = select.value;
      showLanguage(select.value);
      save();
    });
  });
})();
