"""File names and term slugs from titles in any script: the package's one slug maker.

python-slugify transliterates (`Сбой оплаты` → `sboi-oplaty`, `Straße` → `strasse`) and
cuts at a word boundary, so every title gives a name, not only Latin ones.
"""

from __future__ import annotations

from slugify import slugify as _transliterated

SLUG_LENGTH = 60
_APOSTROPHES = [["'", ""], ["’", ""], ["ß", "ss"]]


def slugify(text: str, limit: int = SLUG_LENGTH) -> str:
    """`Payment gateway's API: 80% down` → `payment-gateways-api-80-down`, cut at a word."""
    return str(
        _transliterated(
            text,
            max_length=limit,
            word_boundary=True,
            save_order=True,
            replacements=_APOSTROPHES,
        )
    )
