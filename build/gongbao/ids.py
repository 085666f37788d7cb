"""Readable ASCII identifiers built from what a document prints.

Document ids come from the 发文字号 (桃政发〔2026〕1号 -> taozhengfa-2026-1);
unit and person ids from the pinyin of the printed name.  The pinyin library
is pinned in pyproject.toml so that ids never move under a reader's link.
"""
from __future__ import annotations

import re
import unicodedata

from pypinyin import lazy_pinyin

DOCNO_RE = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12}?)\s*〔\s*(?P<year>(?:19|20)\d{2})\s*〕\s*(?P<num>\d{1,4})\s*号"
)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def pinyin_words(text: str, sep: str = "-") -> str:
    """Pinyin of the CJK characters, ASCII letters/digits kept; lower case."""
    parts: list[str] = []
    for chunk in lazy_pinyin(text):
        chunk = unicodedata.normalize("NFKD", chunk).encode("ascii", "ignore").decode().lower()
        chunk = re.sub(r"[^a-z0-9]+", sep, chunk).strip(sep)
        if chunk:
            parts.append(chunk)
    return sep.join(parts)


def slug(text: str) -> str:
    """A hyphenated pinyin slug for a unit, person or place name."""
    s = pinyin_words(text, "-")
    return re.sub(r"-+", "-", s).strip("-") or "x"


def doc_number_id(doc_number: str) -> str:
    """桃政发〔2026〕1号 -> taozhengfa-2026-1."""
    m = DOCNO_RE.search(doc_number)
    if not m:
        raise ValueError(f"not a document number: {doc_number!r}")
    prefix = pinyin_words(m.group("prefix"), "")
    return f"{prefix}-{m.group('year')}-{int(m.group('num'))}"


def cn_number(text: str) -> int | None:
    """Chinese numerals up to 99 (一, 十二, 二十三) -> int; digits pass through."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    value = 0
    for c in text:
        value = value * 10 + _CN_DIGITS[c]
    return value
