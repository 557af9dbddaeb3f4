// Word cards (issue 19). The page lists the cards (the list is what shows without JavaScript);
// this turns it into a practice, one card at a time:
// - the card is a button: click, tap, Space or Enter turns it (front: the Norwegian word, the
//   picture or the word in the participant's language, as chosen; back: everything);
// - "Øv mer" (← or the button) and "Jeg kan det" (→ or the button) answer and show the next card;
// - Leitner boxes (the rule is ksi_courses/teaching/leitner.py; the intervals come from the page):
//   "kan" moves the word one box up, "øv mer" back to box 1, and box-1 words come back in the
//   same practice. Due words come first, lowest box first. Logged-in participants' boxes are saved
//   on the server, other visitors' in localStorage.
(function () {
  "use strict";
  var section = document.querySelector("[data-ksi-flashcards]");
  var configElement = document.getElementById("ksi-flashcard-config");
  if (!section || !configElement) { return; }
  var config = JSON.parse(configElement.textContent);
  var player = section.querySelector(".ksi-player");
  var list = section.querySelector(".ksi-cardlist");
  var card = player.querySelector(".ksi-flashcard");
  var count = player.querySelector(".ksi-player__count");
  var status = player.querySelector(".ksi-player__status");
  var done = player.querySelector(".ksi-player__done");
  var answers = player.querySelector(".ksi-player__answers");
  var FRONT_KEY = config.storage + "-forside";

  var cards = Array.prototype.map.call(list.querySelectorAll(".ksi-cardlist__card"), function (item) {
    return {
      word: item.getAttribute("data-word"),
      wordPart: item.querySelector(".ksi-cardlist__word"),
      explanation: item.querySelector(".ksi-cardlist__explanation"),
      translation: item.querySelector(".ksi-cardlist__translation"),
      picture: item.querySelector(".ksi-cardlist__word svg, .ksi-cardlist__word img")
    };
  });

  // --- boxes ---------------------------------------------------------------------------------
  function localStates() {
    try { return JSON.parse(localStorage.getItem(config.storage) || "{}"); } catch (e) { return {}; }
  }
  var states = config.states || localStates();
  function answer(word, reply) {
    var now = Date.now();
    var old = states[word];
    var box = old ? Math.min(Math.max(old.box, 1), config.intervals.length - 1) : 1;
    box = reply === config.known ? Math.min(box + 1, config.intervals.length - 1) : 1;
    states[word] = { box: box, due: new Date(now + config.intervals[box] * 86400000).toISOString() };
    if (!config.saveUrl) {
      var saved = localStates();
      saved[word] = states[word];
      try { localStorage.setItem(config.storage, JSON.stringify(saved)); } catch (e) { /* full or blocked */ }
      return;
    }
    var body = new FormData();
    body.append("word", word);
    body.append("svar", reply);
    body.append("csrfmiddlewaretoken", section.querySelector("input[name=csrfmiddlewaretoken]").value);
    fetch(config.saveUrl, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) { if (data.ok) { states[word] = { box: data.box, due: data.due }; } else { status.textContent = data.error; } })
      .catch(function () { status.textContent = config.texts.notSaved; });
  }
  function order() {
    var now = Date.now();
    function key(c, index) {
      var state = states[c.word];
      if (!state) { return [0, 1, index]; }
      var due = Date.parse(state.due);
      return due <= now ? [0, state.box, index] : [1, due, index];
    }
    return cards.map(function (c, i) { return { card: c, key: key(c, i) }; }).sort(function (a, b) {
      for (var i = 0; i < 3; i++) { if (a.key[i] !== b.key[i]) { return a.key[i] - b.key[i]; } }
      return 0;
    }).map(function (entry) { return entry.card; });
  }

  // --- the practice --------------------------------------------------------------------------
  var queue = [];
  var current = null;
  var turned = false;
  var known = {};
  var shown = 0;

  function frontChoice() {
    var checked = player.querySelector("input[name=forside]:checked");
    return checked ? checked.value : "word";
  }
  function clone(node) { return node ? node.cloneNode(true) : null; }
  function face(parts) {
    card.textContent = "";
    parts.forEach(function (part) {
      if (!part) { return; }
      var line = document.createElement("span");
      line.className = "ksi-flashcard__line";
      line.appendChild(part);
      card.appendChild(line);
    });
  }
  function showFront() {
    turned = false;
    card.classList.remove("ksi-flashcard--back");
    var choice = frontChoice();
    if (choice === "picture" && current.picture) {
      var hidden = document.createElement("span");
      hidden.className = "ksi-visually-hidden";
      hidden.textContent = config.texts.picture;
      face([clone(current.picture), hidden]);
    } else if (choice === "translation" && current.translation) {
      face([clone(current.translation)]);
    } else {
      face([clone(current.wordPart)]);
    }
  }
  function showBack() {
    turned = true;
    card.classList.add("ksi-flashcard--back");
    face([clone(current.wordPart), clone(current.explanation), clone(current.translation)]);
    var text = [current.word, current.explanation && current.explanation.textContent,
      current.translation && current.translation.textContent].filter(Boolean).join(" – ");
    status.textContent = config.texts.back.replace("{text}", text);
  }
  function next() {
    current = queue.shift() || null;
    status.textContent = "";
    if (!current) { finish(); return; }
    shown += 1;
    count.textContent = config.texts.count.replace("{n}", String(shown)).replace("{total}", String(shown + queue.length));
    showFront();
  }
  function finish() {
    card.hidden = true;
    answers.hidden = true;
    count.textContent = "";
    status.textContent = config.texts.done.replace("{known}", String(Object.keys(known).length)).replace("{total}", String(cards.length));
    done.hidden = false;
    done.querySelector("button").focus();
  }
  function begin() {
    queue = order();
    known = {};
    shown = 0;
    card.hidden = false;
    answers.hidden = false;
    done.hidden = true;
    status.textContent = "";
    next();
  }
  function reply(value) {
    if (!current) { return; }
    answer(current.word, value);
    if (value === config.known) {
      known[current.word] = true;
    } else {
      delete known[current.word];
      queue.push(current);  // box 1: it comes back in this practice
    }
    next();
    if (current) { card.focus(); }
  }

  card.addEventListener("click", function () { if (turned) { showFront(); } else { showBack(); } });
  answers.querySelectorAll("button[data-answer]").forEach(function (button) {
    button.addEventListener("click", function () { reply(button.getAttribute("data-answer")); });
  });
  player.addEventListener("keydown", function (event) {
    if (event.target.type === "radio" || event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (event.key === "ArrowRight") { event.preventDefault(); reply(config.known); }
    if (event.key === "ArrowLeft") { event.preventDefault(); reply(config.practise); }
  });
  player.querySelectorAll("input[name=forside]").forEach(function (radio) {
    try { if (localStorage.getItem(FRONT_KEY) === radio.value) { radio.checked = true; } } catch (e) { /* blocked */ }
    radio.addEventListener("change", function () {
      try { localStorage.setItem(FRONT_KEY, radio.value); } catch (e) { /* blocked */ }
      if (current && !turned) { showFront(); }
    });
  });
  done.querySelector("button").addEventListener("click", function () { begin(); card.focus(); });

  list.hidden = true;
  player.hidden = false;
  begin();
})();
