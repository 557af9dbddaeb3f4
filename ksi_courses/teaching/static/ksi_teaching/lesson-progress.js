// Checklists save as soon as a box is ticked. Without JavaScript the same form is sent with its
// "Save" button; this only sends it in the background and announces the result.
(function () {
  "use strict";
  document.documentElement.classList.add("ksi-js");
  function save(form) {
    var status = form.querySelector(".ksi-save-status");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        if (status) { status.textContent = data.ok ? data.message : data.error; }
      });
    }).catch(function () {
      form.submit();  // offline or an error page: fall back to the plain form
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.closest("form[data-ksi-autosave]");
    if (form) { save(form); }
  });
})();
