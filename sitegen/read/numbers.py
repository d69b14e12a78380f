"""Numbers as articles and reporters write them ("72,3%", "91.985", "3 triệu"), and the machine form meant."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

SCALES = {"vi": ((10**9, ("tỷ", "tỉ")), (10**6, ("triệu",)), (10**3, ("nghìn", "ngàn"))),
          "en": ((10**9, ("billion",)), (10**6, ("million",)), (10**3, ("thousand",)))}
# The words an article puts before a number, by the qualifier of data/ they mean ("trên 70%": over).
QUALIFIER_WORDS = {"vi": {"over": ("hơn", "trên", "vượt mốc"),
                         "about": ("khoảng", "xấp xỉ"),
                         "nearly": ("gần",),
                         "at-least": ("ít nhất", "tối thiểu"),
                         "up-to": ("tối đa",)},
                  "en": {"over": ("over", "more than", "above"),
                         "about": ("about", "around", "approximately"),
                         "nearly": ("nearly", "almost"),
                         "at-least": ("at least",),
                         "up-to": ("up to",)}}
_WORDS = {word: scale for table in SCALES.values() for scale, words in table for word in words}
# Thousands separators: 91.985 and 1.234.567 as Vietnamese writes them, 1,234,567 as English does
# (a single comma is the Vietnamese decimal mark: 56,83).
_WRITTEN = re.compile(r"^(\d[\d., ]*?)\s*(%)?\s*([^\d%]*)$")  # digits, then a percent sign or words
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$|^\d{1,3}(,\d{3}){2,}$")


def meant(text: str) -> str | None:
    """The machine form of a number written as text: "72,3%" → 72.3, "72.3%" → 72.3, "91.985" → 91985,
    "3 triệu" → 3000000, "1.292 tổ" → 1292; None when the text does not start with a number."""
    match = _WRITTEN.match(" ".join(text.casefold().split()))
    if not match:
        return None
    digits, percent, words = match.group(1).replace(" ", ""), bool(match.group(2)), match.group(3).split()
    scale = _WORDS.get(words[0], 1) if words and not percent else 1  # "3 triệu đồng"; "5 trạm" is 5
    if "," in digits and "." in digits:  # the later mark is the decimal one: 1.234,5 or 1,234.5
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        digits = digits.replace("." if decimal_mark == "," else ",", "").replace(",", ".")
    elif _THOUSANDS.match(digits) and not percent:
        digits = digits.replace(".", "").replace(",", "")  # a percent is never in the thousands
    else:
        digits = digits.replace(",", ".")
    try:
        number = Decimal(digits) * scale
    except InvalidOperation:
        return None
    return plain(number)


def plain(value: Decimal | float) -> str:
    """A value as data/ writes it and machines read it: 72.3, 127178, 10000000000; never 1e+10, never rounded."""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(exact.normalize() if exact == exact.to_integral_value() else exact, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# Numbers articles write in words ("ba trụ cột", "mười hai tỉnh", "hai mươi lăm xã"): 1 to 99, and 100.
_ONES = {"vi": ("", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"),
         "en": ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")}
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
HALF = {"vi": ("một nửa", "phân nửa"), "en": ("half", "one half")}  # 50%, or 0.5 of a whole
# A number word next to one of these is part of a longer number ("hai mươi ba" is not 3, "ba triệu" not 3).
NUMERALS = frozenset({*_ONES["vi"][1:], *_ONES["en"][1:], *_TEENS, *_TENS[2:], "bẩy", "mười", "mươi", "mốt", "tư",
                      "lăm", "nhăm", "chục", "trăm", "hundred", "and", *_WORDS})
# "năm" is five, but also "year": "năm 2024", "mỗi năm", "năm nay" are not five; "một số" is "some".
NOT_A_NUMBER = {"năm": (("mỗi", "hằng", "hàng", "cả", "trong", "các", "những", "nhiều", "cuối", "đầu", "giữa",
                         "từng", "của", "từ", "đến", "tới", "sang"),
                        ("nay", "qua", "sau", "trước", "tới", "ngoái", "học", "đó", "này", "kế", "tài")),
                "một": ((), ("số", "cách", "trong", "phần", "lần"))}


def in_words(number: int, lang: str) -> tuple[str, ...]:
    """The ways an article writes a whole number from 1 to 100 in words: 3 "ba", 15 "mười lăm",
    21 "hai mươi mốt", 24 "hai mươi tư" or "hai mươi bốn"; 7 "seven", 42 "forty-two"."""
    if number == 100:
        return ("một trăm",) if lang == "vi" else ("a hundred", "one hundred")
    if not 0 < number < 100:
        return ()
    tens, ones = divmod(number, 10)
    if lang == "en":
        if tens < 2:
            return (_ONES["en"][ones] if tens == 0 else _TEENS[ones],)
        return (_TENS[tens] + (f"-{_ONES['en'][ones]}" if ones else ""),)
    words = _ONES["vi"]
    if tens == 0:
        return (words[ones], "bẩy") if ones == 7 else (words[ones],)
    head = "mười" if tens == 1 else f"{words[tens]} mươi"
    if ones == 0:
        return (head,) if tens == 1 else (head, f"{words[tens]} chục")
    last = {1: ("mốt",) if tens > 1 else ("một",), 4: ("tư", "bốn") if tens > 1 else ("bốn",),
            5: ("lăm", "nhăm")}.get(ones, (words[ones],))
    return tuple(f"{head} {word}" for word in last)


def qualifier_meant(word: str) -> str | None:
    """The qualifier a word such as "hơn" or "nearly" means, or None."""
    word = " ".join(word.casefold().split())
    return next((q for table in QUALIFIER_WORDS.values() for q, words in table.items() if word in words), None)
