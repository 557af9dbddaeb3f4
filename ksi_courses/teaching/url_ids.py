"""Database ids in the teaching app's URLs."""


class RowId:
    """An id of 1 to 18 digits: it always fits the database's 64-bit integer columns. (Django's
    ``int`` converter takes a number of any length, and SQLite raises ``OverflowError`` on one
    above 2**63 - 1: a 500 for a mistyped or guessed address, where a 404 is right.)"""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)
