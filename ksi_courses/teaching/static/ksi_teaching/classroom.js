/* Classroom mode: one slide at a time, moved by keys (presenter remotes send Page Up/Page Down
   or the arrow keys), buttons or a click on the slide. The teacher view is a second window this
   page fills from its own <template>, so it needs no request (the lesson keeps working offline);
   the two windows keep the same slide through a BroadcastChannel. */
(function () {
  "use strict";
  var root = document.querySelector("[data-ksi-classroom]");
  if (!root) return;
  var slides = Array.prototype.slice.call(root.querySelectorAll(".ksi-slide"));
  var counter = document.getElementById("ksi-slide-counter");
  var channelName = "ksi-classroom-" + root.getAttribute("data-ksi-classroom");
  var channel = "BroadcastChannel" in window ? new BroadcastChannel(channelName) : null;
  var current = 0;
  var presenter = null;

  /* The slide a key asks for from slide ``index``, or null for keys that are not ours. */
  function target(key, index, last) {
    switch (key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": return Math.min(index + 1, last);
      case "ArrowLeft": case "ArrowUp": case "PageUp": return Math.max(index - 1, 0);
      case "Home": return 0;
      case "End": return last;
      default: return null;
    }
  }

  function typing(element) {
    return element && element.closest && element.closest("input, textarea, select, button, a, summary");
  }

  function show(index) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    slides[current].hidden = true;
    slides[index].hidden = false;
    current = index;
    counter.textContent = (index + 1) + " " + root.getAttribute("data-of") + " " + slides.length + ": " + slides[index].getAttribute("data-title");
    root.querySelector("[data-ksi-go=previous]").disabled = index === 0;
    root.querySelector("[data-ksi-go=next]").disabled = index === slides.length - 1;
    if (history.replaceState) history.replaceState(null, "", "#lysbilde-" + (index + 1));
    if (channel) channel.postMessage({ type: "slide", index: index });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {
      if (document.fullscreenElement) document.exitFullscreen();
      return;
    }
    if (event.key === " " && typing(event.target)) return; /* space presses the focused button */
    var next = target(event.key, current, slides.length - 1);
    if (next === null) return;
    event.preventDefault();
    show(next);
  });

  document.getElementById("ksi-stage").addEventListener("click", function (event) {
    if (typing(event.target)) return;
    show(current + 1);
  });
  root.querySelector("[data-ksi-go=previous]").addEventListener("click", function () { show(current - 1); });
  root.querySelector("[data-ksi-go=next]").addEventListener("click", function () { show(current + 1); });
  root.querySelector("[data-ksi-fullscreen]").addEventListener("click", function () {
    if (root.requestFullscreen) root.requestFullscreen();
  });
  root.querySelector("[data-ksi-presenter]").addEventListener("click", openPresenter);

  if (channel) {
    channel.onmessage = function (event) {
      var data = event.data || {};
      if (data.type === "go" && typeof data.index === "number") show(data.index);
      else if (data.type === "hello") channel.postMessage({ type: "slide", index: current });
    };
  }

  /* The classroom stylesheet's rules, for the teacher view (it gets no <link>: no request). */
  function stylesheetText() {
    var text = "";
    Array.prototype.forEach.call(document.styleSheets, function (sheet) {
      if (!sheet.href || !/classroom\.css/.test(sheet.href)) return;
      Array.prototype.forEach.call(sheet.cssRules, function (rule) { text += rule.cssText + "\n"; });
    });
    return text;
  }

  function openPresenter() {
    var template = document.getElementById("ksi-presenter");
    var win = window.open("", channelName, "popup,width=960,height=720");
    var blocked = document.getElementById("ksi-popup-blocked");
    blocked.hidden = !!win;
    if (!win) return;
    if (presenter) presenter.listener.close();
    var doc = win.document;
    doc.documentElement.lang = document.documentElement.lang;
    doc.title = template.getAttribute("data-title");
    try {
      var sheet = new win.CSSStyleSheet();
      sheet.replaceSync(stylesheetText());
      doc.adoptedStyleSheets = [sheet];
    } catch (error) { /* an old browser: the notes show unstyled */ }
    doc.body.className = "ksi-classroom-body";
    doc.body.replaceChildren(doc.importNode(template.content, true));
    var listener = new BroadcastChannel(channelName);
    var shown = current;
    presenter = { win: win, listener: listener };

    function render(index) {
      shown = index;
      doc.querySelector("[data-ksi-now]").textContent = root.getAttribute("data-slide-word") + " " + (index + 1) + " " + root.getAttribute("data-of") + " " + slides.length + ": " + slides[index].getAttribute("data-title");
      doc.querySelector("[data-ksi-next]").textContent = index + 1 < slides.length ? slides[index + 1].getAttribute("data-title") : "–";
      Array.prototype.forEach.call(doc.querySelectorAll("[data-ksi-notes]"), function (notes) {
        notes.hidden = notes.getAttribute("data-ksi-notes") !== String(index);
      });
    }
    function go(index) { listener.postMessage({ type: "go", index: Math.max(0, Math.min(slides.length - 1, index)) }); }

    listener.onmessage = function (event) {
      if (event.data && event.data.type === "slide") render(event.data.index);
    };
    doc.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === " " && typing(event.target)) return;
      var next = target(event.key, shown, slides.length - 1);
      if (next === null) return;
      event.preventDefault();
      go(next);
    });
    doc.querySelector("[data-ksi-go=previous]").addEventListener("click", function () { go(shown - 1); });
    doc.querySelector("[data-ksi-go=next]").addEventListener("click", function () { go(shown + 1); });
    win.addEventListener("pagehide", function () { listener.close(); });
    render(current);
  }

  var start = /^#lysbilde-(\d+)$/.exec(location.hash);
  show(start ? parseInt(start[1], 10) - 1 : 0);
})();
