// Lesson page helpers. Everything here also works without JavaScript (plain forms); this only
// makes it quicker:
// - a quiz is not sent while a question has no answer: the questions without one are marked;
// - a right/wrong mark disappears as soon as its answer is changed (CSS does this too);
// - choosing the language of the key words swaps the word lists in place, without a reload.
(function () {
  "use strict";

  function questionsOf(form) {
    return Array.prototype.slice.call(form.querySelectorAll("fieldset"));
  }

  function answered(fieldset) {
    return fieldset.querySelector("input:checked") !== null;
  }

  function markUnanswered(fieldset, on) {
    var legend = fieldset.querySelector("legend");
    var note = fieldset.querySelector(".ksi-unanswered-question");
    fieldset.classList.toggle("ksi-fieldset--unanswered", on);
    if (on && !note) {
      var form = fieldset.closest("form");
      note = document.createElement("p");
      note.className = "ksi-unanswered ksi-unanswered-question";
      note.id = fieldset.querySelector("input").name + "-unanswered";
      note.textContent = form.getAttribute("data-unanswered-question") || "";
      legend.insertAdjacentElement("afterend", note);
      fieldset.setAttribute("aria-describedby", (fieldset.getAttribute("aria-describedby") + " " + note.id).trim());
      fieldset.setAttribute("aria-invalid", "true");
    } else if (!on && note) {
      fieldset.setAttribute("aria-describedby", fieldset.getAttribute("aria-describedby").replace(note.id, "").trim());
      fieldset.removeAttribute("aria-invalid");
      note.remove();
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-ksi-quiz]")) { return; }
    var missing = questionsOf(form).filter(function (fieldset) { return !answered(fieldset); });
    var summary = form.querySelector(".ksi-unanswered[role=alert]");
    questionsOf(form).forEach(function (fieldset) { markUnanswered(fieldset, missing.indexOf(fieldset) !== -1); });
    if (missing.length) {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (summary) { summary.hidden = false; }
      missing[0].querySelector("input").focus();
    } else if (summary) {
      summary.hidden = true;
    }
  }, true);

  document.addEventListener("change", function (event) {
    var fieldset = event.target.closest("[data-ksi-quiz] fieldset");
    if (!fieldset) { return; }
    if (answered(fieldset)) { markUnanswered(fieldset, false); }
    var item = fieldset.closest("li");
    var result = item && item.querySelector(".ksi-result");
    if (result) { result.hidden = true; }  // the mark was for the answer given before
  });

  // The vocabulary language: fetch the lesson in the new language and swap its word lists.
  document.addEventListener("change", function (event) {
    var select = event.target;
    var picker = select.closest("[data-ksi-language-picker]");
    if (!picker || !window.fetch || !window.DOMParser) { return; }
    var url = picker.action + "?sprak=" + encodeURIComponent(select.value);
    fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      var oldLists = document.querySelectorAll(".ksi-vocabulary");
      var newLists = fresh.querySelectorAll(".ksi-vocabulary");
      if (oldLists.length !== newLists.length) { picker.submit(); return; }
      for (var i = 0; i < oldLists.length; i += 1) {
        oldLists[i].replaceWith(newLists[i]);
        // Other scripts add their controls to the new part (listen.js: the "Lytt" buttons).
        newLists[i].dispatchEvent(new CustomEvent("ksi:replaced", { bubbles: true }));
      }
      var downloads = document.querySelector(".ksi-downloads-section");
      var freshDownloads = fresh.querySelector(".ksi-downloads-section");
      if (downloads && freshDownloads) { downloads.replaceWith(freshDownloads); }
      var again = document.getElementById(select.id);
      if (again) { again.focus(); }
      if (window.history && window.history.replaceState) { window.history.replaceState(null, "", url); }
    }).catch(function () { picker.submit(); });
  });
})();
