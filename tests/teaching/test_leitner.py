"""The Leitner box rule of word practice (pure: no database)."""

from datetime import UTC, datetime, timedelta

import pytest

from ksi_courses.teaching.leitner import INTERVAL_DAYS, KNOWN, PRACTISE, TOP_BOX, CardState, answer

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_known_word_climbs_one_box_at_a_time_up_to_the_top_and_is_due_later_each_time():
    state, boxes, waits = None, [], []
    for _ in range(TOP_BOX):
        state = answer(state, KNOWN, NOW)
        boxes.append(state.box)
        waits.append(state.due_at - NOW)
    assert boxes == [2, 3, 4, 5, 5]
    assert waits == [timedelta(days=d) for d in (1, 3, 7, 14, 14)]
    assert INTERVAL_DAYS[1] == 0  # box 1 comes back in the same practice


def test_practise_more_sends_a_word_back_to_box_one_due_now():
    assert answer(CardState(box=4, due_at=NOW), PRACTISE, NOW) == CardState(box=1, due_at=NOW)
    assert answer(None, PRACTISE, NOW) == CardState(box=1, due_at=NOW)


def test_a_stored_box_out_of_range_is_clamped_and_an_unknown_answer_is_refused():
    assert answer(CardState(box=99, due_at=NOW), KNOWN, NOW).box == TOP_BOX
    assert answer(CardState(box=0, due_at=NOW), KNOWN, NOW).box == 2
    with pytest.raises(ValueError, match="kan, ov"):
        answer(None, "kanskje", NOW)
