/* ksi_lesson student view: checklist ticks, quiz submission and the key-word language picker.
   Plain DOM and fetch, no framework. The page works without it: content is all server-rendered. */
function KsiLessonBlock(runtime, element, args) {
  "use strict";
  var root = element.jquery ? element[0] : element;
  var strings = (args && args.strings) || {};
  var live = root.querySelector(".ksi-live");

  function announce(message) {
    // Clear first so that the same message twice is still read out.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(handler, payload) {
    return fetch(runtime.handlerUrl(root, handler), {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken()},
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || response.statusText); }
        return body;
      });
    });
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function showCompletion(value) {
    var bar = root.querySelector(".ksi-progress__bar");
    if (bar && typeof value === "number") {
      bar.value = Math.round(value * 100);
      bar.textContent = Math.round(value * 100) + " %";
    }
  }

  root.querySelectorAll(".ksi-checklist").forEach(function (fieldset) {
    fieldset.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches("input[type=checkbox]")) { return; }
      post("toggle_checklist", {
        checklist: fieldset.dataset.checklist, item: box.dataset.item, checked: box.checked
      }).then(function (body) {
        showCompletion(body.completion);
        announce(strings.saved);
      }).catch(function () {
        box.checked = !box.checked;
        announce(strings.error);
      });
    });
  });

  root.querySelectorAll(".ksi-quiz").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = {};
      form.querySelectorAll(".ksi-question").forEach(function (fieldset) {
        answers[fieldset.dataset.question] = Array.prototype.map.call(
          fieldset.querySelectorAll("input:checked"), function (input) { return parseInt(input.value, 10); }
        );
      });
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      post("submit_quiz", {quiz: form.dataset.quiz, answers: answers}).then(function (body) {
        form.querySelectorAll(".ksi-question").forEach(function (fieldset) {
          var result = body.questions[fieldset.dataset.question];
          var feedback = fieldset.querySelector(".ksi-feedback");
          feedback.hidden = false;
          feedback.className = "ksi-feedback ksi-feedback--" + (result.correct ? "correct" : "wrong");
          feedback.textContent = "";
          var verdict = document.createElement("strong");
          verdict.textContent = result.correct ? strings.correct : strings.wrong;
          feedback.appendChild(verdict);
          feedback.appendChild(document.createTextNode(" " + result.explanation));
        });
        var summary = form.querySelector(".ksi-quiz__result");
        summary.textContent = format(strings.result, {correct: body.correct, total: body.total});
        // Move focus to the result so keyboard and screen-reader users land on the outcome.
        summary.focus();
        showCompletion(body.completion);
      }).catch(function () {
        announce(strings.error);
      }).then(function () {
        button.disabled = false;
      });
    });
  });

  root.querySelectorAll(".ksi-language").forEach(function (select) {
    select.addEventListener("change", function () {
      var code = select.value;
      root.querySelectorAll(".ksi-language").forEach(function (other) { other.value = code; });
      root.querySelectorAll(".ksi-translation").forEach(function (dd) {
        dd.hidden = dd.dataset.language !== code;
      });
      announce(format(strings.language, {language: select.options[select.selectedIndex].text}));
      post("set_language", {language: code}).catch(function () { announce(strings.error); });
    });
  });
}
