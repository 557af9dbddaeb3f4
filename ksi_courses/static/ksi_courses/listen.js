// Listening (issue 19): a "Lytt" button before each text block ([data-ksi-listen]) and after each
// key word ([data-ksi-listen-word]) reads the Norwegian text aloud with the browser's own speech
// synthesis: nothing is sent anywhere. It reads with a Norwegian voice (nb-NO, no-NO, nn-NO, in
// that order) or not at all: without one it says how to add one. The sentence being read is
// highlighted where the browser reports where it is (boundary events) and supports CSS custom
// highlights. Without JavaScript, or without speech synthesis, no button is shown.
(function () {
  "use strict";
  var configElement = document.getElementById("ksi-participant-config");
  if (!configElement || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) { return; }
  var config = JSON.parse(configElement.textContent).listen;
  var synth = window.speechSynthesis;
  var HIGHLIGHT = "ksi-listen";
  var canHighlight = window.CSS && CSS.highlights && window.Highlight;
  var playing = null;  // the button whose text is being read

  function norwegianVoice() {
    var voices = synth.getVoices() || [];
    function lang(voice) { return String(voice.lang || "").replace("_", "-").toLowerCase(); }
    var i, j;
    for (i = 0; i < config.languages.length; i++) {
      for (j = 0; j < voices.length; j++) {
        if (lang(voices[j]) === config.languages[i].toLowerCase()) { return voices[j]; }
      }
    }
    for (i = 0; i < config.prefixes.length; i++) {
      for (j = 0; j < voices.length; j++) {
        if (lang(voices[j]).split("-")[0] === config.prefixes[i]) { return voices[j]; }
      }
    }
    return null;
  }

  // The text nodes of an element (the speech text is their concatenation), so that a character
  // position in the speech maps back to a place in the page.
  function textNodes(element) {
    var nodes = [];
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, null);
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    return nodes;
  }
  function pointAt(nodes, offset) {
    var start = 0;
    for (var i = 0; i < nodes.length; i++) {
      var length = nodes[i].data.length;
      if (offset <= start + length) { return [nodes[i], offset - start]; }
      start += length;
    }
    var last = nodes[nodes.length - 1];
    return [last, last.data.length];
  }
  function sentences(speech) {
    var found = [];
    var pattern = /[^.!?\n]+[.!?]*/g;
    var match;
    while ((match = pattern.exec(speech)) !== null) {
      if (match[0].trim()) { found.push([match.index, match.index + match[0].length]); }
    }
    return found;
  }
  function highlight(nodes, spans, charIndex) {
    if (!canHighlight) { return; }
    for (var i = 0; i < spans.length; i++) {
      if (charIndex >= spans[i][0] && charIndex < spans[i][1]) {
        var range = document.createRange();
        var from = pointAt(nodes, spans[i][0]);
        var to = pointAt(nodes, spans[i][1]);
        range.setStart(from[0], from[1]);
        range.setEnd(to[0], to[1]);
        CSS.highlights.set(HIGHLIGHT, new Highlight(range));
        return;
      }
    }
  }
  function stop() {
    synth.cancel();
    if (canHighlight) { CSS.highlights.delete(HIGHLIGHT); }
    if (playing) { playing.setAttribute("aria-pressed", "false"); playing = null; }
  }

  function message(button, text) {
    var note = button.parentNode.querySelector(".ksi-listen__message");
    if (!note) {
      note = document.createElement("span");
      note.className = "ksi-listen__message";
      note.setAttribute("role", "status");
      button.parentNode.insertBefore(note, button.nextSibling);
    }
    note.textContent = text;
  }

  function read(button, element) {
    if (playing === button) { stop(); return; }
    stop();
    var voice = norwegianVoice();
    if (!voice) { message(button, config.texts.noVoice); return; }
    var nodes = textNodes(element);
    var speech = nodes.map(function (node) { return node.data; }).join("");
    var spans = sentences(speech);
    var utterance = new SpeechSynthesisUtterance(speech);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = config.rate;
    utterance.onboundary = function (event) { if (playing === button) { highlight(nodes, spans, event.charIndex); } };
    utterance.onend = utterance.onerror = function () { if (playing === button) { stop(); } };
    playing = button;
    button.setAttribute("aria-pressed", "true");
    synth.speak(utterance);
  }

  function button(element, label) {
    var control = document.createElement("button");
    control.type = "button";
    control.className = "ksi-listen";
    control.textContent = config.texts.listen;
    control.setAttribute("aria-label", config.texts.name.replace("%s", label));
    control.setAttribute("aria-pressed", "false");
    control.addEventListener("click", function () { read(control, element); });
    return control;
  }
  function shortLabel(element) {
    var heading = element.querySelector("h2, h3, h4");
    var words = (heading || element).textContent.trim().split(/\s+/);
    return words.slice(0, 6).join(" ") + (words.length > 6 ? " …" : "");
  }

  // Every element in ``root`` (itself included) that ``selector`` matches.
  function within(root, selector) {
    var found = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) { found.unshift(root); }
    return found;
  }

  // Buttons for the text blocks and key words in ``root`` (each gets one, once).
  function attach(root) {
    within(root, "[data-ksi-listen]").forEach(function (element) {
      if (element.ksiListening) { return; }
      element.ksiListening = true;
      var bar = document.createElement("div");
      bar.className = "ksi-listen-bar";
      bar.appendChild(button(element, shortLabel(element)));
      element.parentNode.insertBefore(bar, element);
    });
    within(root, "[data-ksi-listen-word]").forEach(function (element) {
      if (element.ksiListening) { return; }
      element.ksiListening = true;
      var wrap = document.createElement("span");
      wrap.className = "ksi-listen-word";
      wrap.appendChild(button(element, element.textContent.trim()));
      element.parentNode.insertBefore(wrap, element.nextSibling);
    });
  }

  function start() {
    synth.getVoices();  // Chrome loads the voices on the first ask: ask now, they are there by the first click
    attach(document);
    // Parts of the page swapped in later (the word lists in another language: lesson.js) say so
    // with a "ksi:replaced" event; a text being read from a part that is gone stops.
    document.addEventListener("ksi:replaced", function (event) {
      if (playing && !document.contains(playing)) { stop(); }
      attach(event.target);
    });
    window.addEventListener("pagehide", stop);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
