"""Listen, word cards and offline reading (issue 19) in Debian's chromium on a 375 px phone.

Speech synthesis is replaced in the page by a recorder (headless chromium has no voices), so the
tests see what would be spoken, in which language and with which voice.
"""

import json
import re

import pytest
from django.test import Client

from course_content import load_course
from ksi_courses.content_import import import_course
from ksi_courses.models import LessonPage
from ksi_courses.teaching.models import FlashcardState, HandledAction, LessonProgress
from tests.paths import MINI_COURSE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 375, "height": 667}

FAKE_SPEECH = """
window.__spoken = [];
window.__voices = [{lang: "en-US", name: "English"}, {lang: "nn-NO", name: "Nynorsk"}, {lang: "nb-NO", name: "Bokmål"}];
window.__boundary = 0;
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
  getVoices: () => window.__voices,
  cancel: () => {},
  speak: (u) => {
    window.__spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name});
    if (u.onboundary) { u.onboundary({name: "sentence", charIndex: window.__boundary}); }
  },
}});
"""


def entry(term, explanation, en):
    return {"term": term, "explanation": explanation, "translations": {"en": en}, "picture": ""}


@pytest.fixture
def lesson(settings, tmp_path):
    """The mini course's lesson with two more words and a text of two sentences (a new revision)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    import_course(load_course(MINI_COURSE))
    lesson = LessonPage.objects.get(ksi_id="handvask")
    lesson.body = [
        *lesson.body.raw_data,
        {"type": "text", "value": {"body": "Vask hendene ofte. Bruk såpe og vann!"}},
        {"type": "vocabulary", "value": {"title": "Flere ord", "entries": [
            entry("såpe", "Det du vasker med.", "soap"), entry("vask", "Der du vasker hendene.", "sink")]}},
    ]
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


@pytest.fixture
def participant(django_user_model):
    return django_user_model.objects.create_user("amina", password="Såpe og vann 2026", first_name="Amina")


def phone(browser, live_server, user=None, **options):
    """A phone-sized page, logged in as ``user`` (with a session made by Django's test client)."""
    context = browser.new_context(viewport=PHONE, locale="nb-NO", **options)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_listen_buttons_read_norwegian_aloud_with_a_norwegian_voice_or_say_why_not(browser, live_server, lesson, a11y):
    context, page = phone(browser, live_server)
    page.add_init_script(FAKE_SPEECH)
    page.goto(live_server.url + lesson.url)

    # One button per text block and per key word, named by what it reads.
    assert page.locator("button.ksi-listen").count() == page.locator("[data-ksi-listen], [data-ksi-listen-word]").count() == 5
    for word in ("håndhygiene", "såpe", "vask"):
        assert page.get_by_role("button", name=f"Lytt: {word}", exact=True).is_visible()
    a11y.check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.get_by_role("button", name="Lytt: såpe", exact=True).click()
    assert page.evaluate("window.__spoken") == [{"text": "såpe", "lang": "nb-NO", "voice": "Bokmål"}]

    # A text: read whole; the sentence the voice has reached is highlighted.
    page.evaluate("window.__boundary = 19")
    button = page.get_by_role("button", name=re.compile(r"^Lytt: Vask hendene ofte"))
    button.click()
    assert page.evaluate("window.__spoken[1].text.trim()") == "Vask hendene ofte. Bruk såpe og vann!"
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate("CSS.highlights.get('ksi-listen') && [...CSS.highlights.get('ksi-listen')][0].toString()") == " Bruk såpe og vann!"
    button.click()  # a second press stops
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate("CSS.highlights.has('ksi-listen')") is False

    # No Norwegian voice on the device: nothing is read, and the page says what to do.
    page.evaluate("window.__voices = [{lang: 'en-GB', name: 'British'}]")
    page.get_by_role("button", name="Lytt: håndhygiene", exact=True).click()
    assert page.get_by_role("status").filter(has_text="ingen norsk stemme").is_visible()
    assert page.evaluate("window.__spoken.length") == 2
    a11y.check(page)
    context.close()

    # Without JavaScript there are no buttons that would do nothing.
    context, page = phone(browser, live_server, java_script_enabled=False)
    page.goto(live_server.url + lesson.url)
    assert page.get_by_role("button", name=re.compile("^Lytt")).count() == 0
    context.close()


def press_tab_until(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_word_cards_by_keyboard_alone_for_a_visitor_and_a_logged_in_participant(browser, live_server, lesson, participant, a11y):
    context, page = phone(browser, live_server)
    page.goto(f"{live_server.url}/ksi/ordkort/{lesson.pk}/")
    a11y.check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card = page.locator("button.ksi-flashcard")
    press_tab_until(page, "button.ksi-flashcard")
    assert card.inner_text().strip() == "håndhygiene" and page.get_by_text("Kort 1 av 3").is_visible()
    page.keyboard.press("Space")  # turn
    assert "Å holde hendene rene." in card.inner_text() and "hand hygiene" in card.inner_text()
    a11y.check(page)
    page.keyboard.press("ArrowLeft")  # practise more: comes back at the end
    assert card.inner_text().strip() == "såpe" and page.get_by_text("Kort 2 av 4").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # "vask", known without turning
    assert card.inner_text().strip() == "håndhygiene"  # back again
    page.keyboard.press("ArrowRight")
    assert page.get_by_text("Du kan 3 av 3 ord").is_visible()
    boxes = page.evaluate("JSON.parse(localStorage.getItem('ksi-ordkort'))")
    assert {word: state["box"] for word, state in boxes.items()} == {"håndhygiene": 2, "såpe": 2, "vask": 2}
    assert not FlashcardState.objects.exists()  # a visitor's boxes stay in the browser

    # Next practice: none is due, so the one due soonest (answered first) comes first.
    page.keyboard.press("Enter")  # "Øv igjen" has the focus
    assert card.inner_text().strip() == "såpe"
    # Due words first, lowest box first, then the others.
    page.evaluate("""localStorage.setItem('ksi-ordkort', JSON.stringify({
        'håndhygiene': {box: 2, due: '2026-01-01T00:00:00Z'}, 'vask': {box: 1, due: '2026-01-01T00:00:00Z'},
        'såpe': {box: 3, due: '2999-01-01T00:00:00Z'}}))""")
    page.reload()
    press_tab_until(page, "button.ksi-flashcard")
    order = []
    for _ in range(3):
        order.append(card.inner_text().strip())
        page.keyboard.press("ArrowRight")
    assert order == ["vask", "håndhygiene", "såpe"]
    context.close()

    # Logged in: the boxes are saved on the server; the picture can be the front.
    context, page = phone(browser, live_server, participant)
    page.goto(f"{live_server.url}/ksi/ordkort/{lesson.pk}/")
    card = page.locator("button.ksi-flashcard")
    page.get_by_label("Bilde").check()
    press_tab_until(page, "button.ksi-flashcard")
    assert "Bilde: hva heter det?" in card.inner_text() and card.locator("svg").count() == 1
    with page.expect_response(re.compile(r"/ksi/ordkort/\d+/svar/$")):
        page.keyboard.press("ArrowRight")
    with page.expect_response(re.compile(r"/ksi/ordkort/\d+/svar/$")):
        page.keyboard.press("ArrowLeft")
    assert dict(FlashcardState.objects.values_list("word", "box")) == {"håndhygiene": 2, "såpe": 1}
    a11y.check(page)
    context.close()


def test_a_saved_lesson_opens_offline_and_a_tick_made_offline_is_sent_once(browser, live_server, lesson, participant, a11y):
    context, page = phone(browser, live_server, participant)
    page.goto(live_server.url + lesson.url)
    page.evaluate("navigator.serviceWorker.ready")
    page.get_by_role("button", name="Lagre leksjonen").click()
    page.get_by_text("Lagret på telefonen").wait_for()
    a11y.check(page)
    cached = page.evaluate("caches.open('ksi-offline-v1').then(c => c.keys()).then(k => k.map(r => new URL(r.url).pathname))")
    assert lesson.url in cached and f"/ksi/ordkort/{lesson.pk}/" in cached
    assert {"/static/ksi_courses/ksi.css", "/static/ksi_courses/offline.js"} <= set(cached)

    context.set_offline(True)
    # Really offline, for the service worker too: a page that was not saved cannot be fetched.
    assert page.evaluate("fetch('/ksi/mine-kurs/').then(() => 'fetched', () => 'failed')") == "failed"
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "Håndvask"
    assert page.evaluate("navigator.onLine") is False
    page.get_by_label("Jeg har såpe.").check()
    page.get_by_text("Du er ikke på nett").first.wait_for()
    # A quiz with a question left open is stopped and marked offline too, not queued.
    quiz = page.locator("form[data-ksi-quiz]")
    quiz.get_by_label("Håndhygiene").check()
    quiz.get_by_role("button", name="Sjekk svarene").click()
    quiz.get_by_text("Du har ikke svart på dette spørsmålet.").first.wait_for()
    assert len(json.loads(page.evaluate("localStorage.getItem('ksi-offline-queue')"))) == 1
    queued = page.evaluate("localStorage.getItem('ksi-offline-queue')")
    assert not LessonProgress.objects.exists()

    context.set_offline(False)
    page.get_by_text("Endringene du gjorde uten nett, er sendt.").wait_for()
    assert list(LessonProgress.objects.values_list("checklist", flat=True)) == [{"for-jobb": ["sapa"]}]
    assert HandledAction.objects.count() == 1

    # The same queue sent again (a second tab, a lost answer): the server has it already.
    page.evaluate("q => { localStorage.setItem('ksi-offline-queue', q); window.dispatchEvent(new Event('online')); }", queued)
    page.wait_for_function("localStorage.getItem('ksi-offline-queue') === '[]'")
    assert HandledAction.objects.count() == 1 and LessonProgress.objects.count() == 1
    context.close()
