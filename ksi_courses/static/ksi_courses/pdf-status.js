// Checks every few seconds whether the PDF is ready, then opens it. Without JavaScript the
// "Try again" link does the same.
(function () {
  var status = document.getElementById("ksi-pdf-status");
  if (!status || !window.fetch) return;
  var url = status.getAttribute("data-pdf-url");
  var tries = 0;
  function check() {
    tries += 1;
    fetch(url, { method: "HEAD", credentials: "same-origin" }).then(function (response) {
      if (response.status === 200) { window.location.href = url; }
      else if (tries < 60) { window.setTimeout(check, 4000); }
    });
  }
  window.setTimeout(check, 3000);
})();
