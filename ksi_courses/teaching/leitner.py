"""Spaced repetition for word practice: a Leitner box system, kept deliberately simple.

Every word starts in box 1. "Jeg kan det" moves it one box up (at most :data:`TOP_BOX`); "Øv mer"
puts it back in box 1. A word is due again after the interval of its box: box 1 at once (it comes
back in the same practice), box 2 after a day, box 3 after three days, box 4 after a week, box 5
after two weeks.

The server applies the rule for logged-in participants (their boxes are kept in the database);
``flashcards.js`` applies the same rule for visitors who are not logged in (boxes in the
browser's ``localStorage``) and orders every practice: due words first, lowest box first, then
the others. The script reads :data:`INTERVAL_DAYS` from the page, so the numbers live here only.
Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

#: Days until a word in box *n* (the index) is due again; index 0 is unused.
INTERVAL_DAYS = (0, 0, 1, 3, 7, 14)
TOP_BOX = len(INTERVAL_DAYS) - 1

KNOWN = "kan"
PRACTISE = "ov"
ANSWERS = (KNOWN, PRACTISE)


@dataclass(frozen=True)
class CardState:
    box: int
    due_at: datetime


def answer(state: CardState | None, reply: str, now: datetime) -> CardState:
    """The word's new state after the participant's ``reply`` (:data:`KNOWN` or :data:`PRACTISE`)."""
    if reply not in ANSWERS:
        raise ValueError(f"answer must be one of {', '.join(ANSWERS)}, not {reply!r}")
    box = 1 if state is None else min(max(state.box, 1), TOP_BOX)
    box = min(box + 1, TOP_BOX) if reply == KNOWN else 1
    return CardState(box=box, due_at=now + timedelta(days=INTERVAL_DAYS[box]))

