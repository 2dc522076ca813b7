from __future__ import annotations

from strikesim.narrate import possessive


def test_possessive_of_singular_and_plural_names() -> None:
    assert possessive("Guild") == "Guild's"
    assert possessive("Studios") == "Studios'"
    assert possessive("AMPTP") == "AMPTP's"
