"""The facts pages state — limits, formats, defaults, sizes — read from the stub at build time.

A page states a fact with an inline placeholder, ``{{ fact <name> }}``, inside a sentence:
``a body over {{ fact body_limit }} gets 413``. :data:`FACTS` is the table of facts: each
names the stub's constant it is read from, and is read when the page is built, so a page
says what the stub does. Nothing else may state one by hand: :func:`hand_written` finds
numbers written in the shapes facts take (a size, a range, a default, a bound, a length),
in digits or, when they count what a page holds, bound what a fact measures ("at most
eight standalone volumes"), are a default of what a fact's is of ("`limit` defaults to
fifty"), say how long a key is kept ("remembered for two days") or a fact says the same
today, in words, and the build fails
on them (the tests run it on the README and the stub's description
strings too).

Example:
    >>> from cloudws.limits import MAX_BODY_BYTES, describe_size
    >>> FACTS["body_limit"].read() == describe_size(MAX_BODY_BYTES)
    True
    >>> [(m.shape, m.text) for m in hand_written("A 64 KiB body, `1 to 9` aside, is refused.")]
    [('a size', '64 KiB')]
    >>> print(machine_types().splitlines()[0])
    | Machine type | vCPUs | Memory | GPUs |
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from placeholders import code_spans, mask_code

from cloudws import idempotency, limits, models

__all__ = [
    "BOUND_BEFORE_FACT",
    "FACTS",
    "Fact",
    "HandWritten",
    "bounded_range",
    "counts_as_a_fact",
    "hand_written",
    "machine_types",
    "opening",
    "runs",
    "said_of",
    "saying",
    "says_all",
    "table",
    "units_of",
    "writes_unit",
]


@dataclass(frozen=True)
class Fact:
    """One fact: the stub's constants it comes from, and how a sentence states it."""

    source: str
    read: Callable[[], str]
    #: What its numbers count, where what it says names no unit ("1 to 255" characters).
    unit: str = ""
    #: What it is of, as a page names it: the first says it in a message; any of them (or
    #: its plural) near its placeholder says the fact is said of it (:func:`said_of`).
    of: tuple[str, ...] = ()


def _range(bounds: tuple[int, int], unit: str = "") -> str:
    return f"{bounds[0]} to {bounds[1]}{unit}"


#: Every fact a page may state, by name. Each is read from the stub when it is called,
#: never copied: change the constant and every page that states it follows.
FACTS: dict[str, Fact] = {
    "body_limit": Fact("cloudws.limits.MAX_BODY_BYTES",
                       lambda: limits.describe_size(limits.MAX_BODY_BYTES),
                       of=("request body", "body", "bodies", "request", "payload", "document")),
    "head_limit": Fact("cloudws.limits.MAX_HEAD_BYTES",
                       lambda: limits.describe_size(limits.MAX_HEAD_BYTES),
                       of=("request's head", "head", "header", "request line", "request")),
    "listed_names": Fact("cloudws.limits.MAX_LISTED_NAMES",
                         lambda: str(limits.MAX_LISTED_NAMES), "name",
                         of=("names a problem lists", "name", "listed", "errors")),
    "workstation_id": Fact("cloudws.models.WORKSTATION_ID_PREFIX, ID_LENGTH",
                           lambda: models.describe_id(models.WORKSTATION_ID_PREFIX),
                           of=("workstation's ID", "workstation")),
    "volume_id": Fact("cloudws.models.VOLUME_ID_PREFIX, ID_LENGTH",
                      lambda: models.describe_id(models.VOLUME_ID_PREFIX),
                      of=("volume's ID", "volume")),
    "name_length": Fact("cloudws.models.NAME_LENGTH",
                        lambda: _range(models.NAME_LENGTH, " characters"), of=("name",)),
    "disk_size": Fact("cloudws.models.DISK_SIZE_GB", lambda: _range(models.DISK_SIZE_GB, " GiB"),
                      of=("volume's size", "disk", "size", "volume")),
    "disk_size_default": Fact("cloudws.models.DEFAULT_DISK_SIZE_GB",
                              lambda: f"{models.DEFAULT_DISK_SIZE_GB} GiB",
                              of=("volume's size", "disk", "size", "volume")),
    # its numbers count standalone volumes: "16 standalone volumes", as a writer says it
    "standalone_volumes_max": Fact("cloudws.models.MAX_STANDALONE_VOLUMES",
                                   lambda: str(models.MAX_STANDALONE_VOLUMES), "standalone",
                                   of=("standalone volume", "standalone", "volume_ids", "disk",
                                       "attached")),
    "page_size": Fact("cloudws.models.PAGE_SIZE", lambda: _range(models.PAGE_SIZE),
                      of=("page", "limit", "list")),
    "page_size_min": Fact("cloudws.models.PAGE_SIZE", lambda: str(models.PAGE_SIZE[0]),
                          of=("page", "limit", "list")),
    "page_size_max": Fact("cloudws.models.PAGE_SIZE", lambda: str(models.PAGE_SIZE[1]),
                          of=("page", "limit", "list")),
    "page_size_default": Fact("cloudws.models.DEFAULT_PAGE_SIZE",
                              lambda: str(models.DEFAULT_PAGE_SIZE), of=("page", "limit", "list")),
    "cursor_pattern": Fact("cloudws.models.CURSOR_PATTERN",
                           lambda: f"`{models.CURSOR_PATTERN}`", of=("cursor",)),
    "idempotency_key_length": Fact("cloudws.idempotency.KEY_MAX_LENGTH",
                                   lambda: f"1 to {idempotency.KEY_MAX_LENGTH}", "character",
                                   of=("idempotency key", "Idempotency-Key", "key")),
    "idempotency_key_ttl": Fact("cloudws.idempotency.KEY_TTL", lambda: idempotency.describe_ttl(),
                                of=("idempotency key", "Idempotency-Key", "key")),
}


def table() -> str:
    """Every fact: its placeholder, the constant it is read from, and what it says today,
    of what (the first of :attr:`Fact.of`)."""
    lines = ["| Placeholder | Read from `cloudws.` | Says today, of |", "| --- | --- | --- |"]
    for name, fact in FACTS.items():
        source = ", ".join(f"`{part.removeprefix('cloudws.')}`"
                           for part in fact.source.split(", "))
        lines.append(f"| `{{{{ fact {name} }}}}` | {source} | {fact.read()}, of the "
                     f"{fact.of[0]} |")
    return "\n".join(lines)


def said_of(name: str, text: str) -> bool:
    """Whether ``text`` (what is around a placeholder) names what fact ``name`` is of: one
    of its :attr:`Fact.of`, or its plural, as a word of its own (or of a snake_case name).

    Example:
        >>> said_of("idempotency_key_ttl", "A key is remembered for"), said_of(
        ...     "idempotency_key_ttl", "A cursor expires after")
        (True, False)
        >>> said_of("disk_size", "`size_gb` is a whole number,")
        True
    """
    words = (r"\s+".join(map(re.escape, word.split())) for word in FACTS[name].of)
    return any(re.search(rf"(?<![A-Za-z0-9-]){word}(?:s|es)?(?![A-Za-z0-9-])", text,
                         re.IGNORECASE) for word in words)  # ("cursor" in `next_cursor`)


def machine_types() -> str:
    """Every machine type and its size (``cloudws.models.MACHINE_SIZES``), as a table."""
    lines = ["| Machine type | vCPUs | Memory | GPUs |", "| --- | --- | --- | --- |"]
    for name, size in models.MACHINE_SIZES.items():
        lines.append(f"| `{name}` | {size.vcpus} | {size.memory_gib} GiB | {size.gpus or '—'} |")
    return "\n".join(lines)


# -- facts written by hand ------------------------------------------------------------------

# A number written in words, as a fact may be ("up to a hundred", "twenty-four hours"):
# two to nine thousand nine hundred ninety-nine. Not "one" alone: it is English's "a" far
# more often than a fact ("more than one volume").
_SMALL = {word: value for value, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen"))}
_TENS = {word: 10 * value for value, word in enumerate((
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2)}
_WORD = "|".join(sorted([*_SMALL, *_TENS, "hundred", "thousand"], key=len, reverse=True))
# "and" joins only after "hundred" or "thousand": "between five and ten" is two numbers
_IN_WORDS = (rf"(?:\ba\s+(?=hundred|thousand))?\b(?:{_WORD})"
             rf"(?:(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|[\s-]+)(?:{_WORD})\b)*"
             r"(?![\w-])")
#: A number in digits (2,048 with its separator), or in words.
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)"
_N = rf"(?:{_DIGITS}|{_IN_WORDS})"


def in_words(text: str) -> int | None:
    """The number ``text`` writes in words, or None (for "one" alone, too).

    Example:
        >>> [in_words(t) for t in ("twenty", "Sixty-four", "a hundred", "one", "a dozen",
        ...                        "two thousand and forty-eight", "one hundred twenty")]
        [20, 64, 100, None, None, 2048, 120]
    """
    words = re.findall(r"[a-z]+", text.lower())
    if words[:1] == ["a"]:
        words[0] = "one"
    total = current = 0
    for word in (w for w in words if w != "and"):
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        else:
            return None
    value = total + current
    return value if value > 1 else None


def _as_digits(text: str) -> str:
    """``text`` with its numbers in words written in digits ("one" too, where it starts a
    range: "one to sixty-three")."""
    def digits(match: re.Match[str]) -> str:
        value = in_words(match[0])
        return match[0] if value is None else str(value)
    text = re.sub(r"\bone(?=\s+(?:to|and)\s|\s*–\s*)", "1", text, flags=re.IGNORECASE)
    return re.sub(_IN_WORDS, digits, text, flags=re.IGNORECASE)


_COUNTED = r"(?:items|workstations|volumes|disks|results|entries|objects|records)"
#: What a page counts, said of a fact with no unit ("twenty items"), and not of the
#: resources an example makes ("creates twenty workstations").
_PAGE_HOLDS = r"(?:items|results|entries|objects|records)"
#: Units, by the name a fact's value gives them, with the other names writers use.
_UNIT_NAMES = {
    "kib": ("kib", "kb", "kilobyte", "kilobytes", "kibibyte", "kibibytes"),
    "mib": ("mib", "mb", "megabyte", "megabytes", "mebibyte", "mebibytes"),
    "gib": ("gib", "gb", "gigabyte", "gigabytes", "gibibyte", "gibibytes"),
    "tib": ("tib", "tb", "terabyte", "terabytes", "tebibyte", "tebibytes"),
    "byte": ("byte", "bytes"),
    "second": ("second", "seconds", "s", "sec", "secs"),
    "minute": ("minute", "minutes", "min", "mins"),
    "hour": ("hour", "hours", "h", "hr", "hrs"),
    "day": ("day", "days", "d"),
    "week": ("week", "weeks", "wk", "wks"),
}
_UNIT_OF = {name: unit for unit, names in _UNIT_NAMES.items() for name in names}
#: Units by kind: one written after a placeholder whose fact writes another of its kind
#: reads wrong ("64 KiB bytes").
_SIZES, _TIMES, _LENGTHS = (("kib", "mib", "gib", "tib", "byte"),
                            ("second", "minute", "hour", "day", "week"),
                            ("character", "letter", "digit"))
#: A word between a number and its unit ("63 lowercase characters", "63 ASCII characters").
_QUALIFIERS = r"(?:lowercase|uppercase|ascii|alphanumeric|printable|unicode)"
#: The word right after a number (``[\s-]*``, then the word, a qualifier before it too).
_UNIT_WORD = re.compile(rf"[\s-]*(?:{_QUALIFIERS}\s+)?(?P<unit>[A-Za-z]+)\b", re.IGNORECASE)
_SIZE_UNITS = "|".join(n for u in _SIZES for n in _UNIT_NAMES[u])
_TIME_UNITS = "|".join(n for u in _TIMES for n in _UNIT_NAMES[u]
                       if len(n) > 1)  # not "24h" alone: "5s" and "3d" are rarely facts
#: The shapes a fact takes in a sentence: (name, pattern, strict). A number in digits in a
#: strict shape is a fact stated by hand, whatever its value; in another shape, or in
#: words, only when a fact says it today (:func:`saying`). Code spans are not searched
#: (they hold examples' values).
_SHAPES = [
    ("a size", rf"(?:(?<![\d.])\b{_DIGITS}|{_IN_WORDS})[\s-]*(?:{_SIZE_UNITS})\b", True),
    # not a version or a date; a full stop after it ends the sentence
    ("a range", (rf"(?<![\d.])(?:{_DIGITS}|{_IN_WORDS})\s*(?:to|–|—)\s*"
                 rf"(?:{_DIGITS}(?![\d-]|\.\d)|{_IN_WORDS})"), True),
    # 1-100, 10-2,048 (and not steps 2-3, 2026-01-01 or a path's /1-2)
    ("a range", rf"(?<![\d.\w/=-])(?:{_DIGITS})-(?:{_DIGITS})(?![\w-]|\.\d)", False),
    # between 5 and 32 (and not between 2020 and 2024)
    ("a range", rf"\bbetween\s+{_N}\s+and\s+{_N}(?!\w|\.\d)", False),
    ("a default", (rf"\bdefaults?(?:\s+(?:to|is|of))?[:\s(]+{_N}(?!\w)"
                   rf"|\bdefault(?:\s+[a-z]+){{1,3}}\s+(?:is|of)\s+{_N}(?!\w)"  # default page size is 20
                   rf"|\b{_N}(?:\s+[a-z]+){{0,3}}\s+(?:unless|by\s+default)\b"  # 20 items unless
                   rf"|\bby\s+default,?(?:\s+[a-z]+){{0,4}}\s+{_N}(?!\w)"),  # by default, a page holds 20
     True),
    ("a bound", (r"\b(?:(?:no|not)\s+)?(?:" + r"up to|at most|at least|more than|fewer than|less "
                 r"than|greater than|higher than|longer than|shorter than|below|above|over|"
                 r"under".replace(" ", r"\s+") + rf")\s+{_N}(?!\w)"), True),
    # the maximum page size is 100 (and not the minimum Node version is 18)
    ("a bound", rf"\b(?:maximum|minimum)(?:\s+[a-z]+){{0,3}}\s+(?:is|of)\s+{_N}(?!\w|\.\d)",
     False),
    ("a length", rf"\b{_N}\s+(?:{_QUALIFIERS}\s+)?(?:letters|characters|chars|digits)\b",
     True),
    ("a duration", rf"(?:(?<![\d.])\b{_DIGITS}|{_IN_WORDS})[\s-]*(?:{_TIME_UNITS})\b",
     True),
    # 24h (and not 5s or 3d, when no fact says them)
    ("a duration", r"(?<![\d.])\b\d+\s*[hsd]\b", False),
    # a page holds 20 items, lists 20 stopped workstations
    ("a count", rf"(?<![\d.:/-])\b{_N}(?:\s+[a-z]+){{0,2}}?\s+{_COUNTED}\b", True),
    # twenty per page
    ("a count", rf"\b{_N}\s+(?:\w+\s+)?per\s+page\b", True),
]
#: A digit, or a word of a number written out.
_ANY_NUMBER = re.compile(rf"\d|\b(?:{_WORD})(?![\w])", re.IGNORECASE)
_HAND_WRITTEN = re.compile("|".join(f"(?P<s{i}>{p})" for i, (_, p, _) in enumerate(_SHAPES)),
                           re.IGNORECASE)


_NUMBER_AND_UNIT = re.compile(rf"(?P<number>\d[\d,]*)(?:\s*(?:{_QUALIFIERS}\s+)?"
                              rf"(?P<unit>{_SIZE_UNITS}|{_TIME_UNITS}|letters|characters|"
                              r"digits)\b)?", re.IGNORECASE)


def _numbers(text: str) -> tuple[set[int], set[str]]:
    """The whole numbers of ``text``, and the units written after them."""
    found = list(_NUMBER_AND_UNIT.finditer(text))
    return ({int(m["number"].replace(",", "")) for m in found},
            {_unit(m["unit"]) for m in found if m["unit"]})


def _said(name: str) -> tuple[set[int], set[str]]:
    """The numbers the fact ``name`` says today, and the units written after them (its
    code, such as a pattern, not read)."""
    return _numbers(mask_code(FACTS[name].read()))


def _unit(word: str) -> str:
    """A unit by the name a fact's value gives it ("kb" and "kilobytes" are "kib")."""
    return _UNIT_OF.get(word.lower(), word.lower().rstrip("s"))


def _rest(text: str, after: str) -> str:
    """What follows the last number of ``text`` (in digits or words), where ``after``
    follows ``text``."""
    digits = _as_digits(text)
    last = list(re.finditer(r"\d+", digits))
    return digits[last[-1].end():] + after if last else ""


def _page_count(text: str, after: str, word: str) -> bool:
    """Whether the last number of ``text``, where ``after`` follows ``text`` and ``word``
    right after the number, counts what a page holds: "twenty items", "twenty matching
    items" (``text`` ends with it), "twenty workstations per page" (or "a page"), "the
    default page size is twenty"."""
    return (re.fullmatch(_PAGE_HOLDS, word) is not None
            or re.search(rf"\s{_PAGE_HOLDS}$|\bpage\s+size\b", text) is not None
            or re.match(rf"[\s-]*(?:{_COUNTED}\s+)?(?:per|a|each)\s+page\b", _rest(text, after))
            is not None)


def _word_after(text: str, after: str) -> str:
    """The word right after the last number of ``text`` (its unit, or what it counts),
    where ``after`` follows ``text``, lowercased: "" when a sign or the line's end comes
    first."""
    word = _UNIT_WORD.match(_rest(text, after))
    return word["unit"].lower() if word else ""


#: Words after a number that say it counts nothing else (``20 unless``, ``20 per page``):
#: a fact with no unit may be what it says ("twenty times" it is not).
_NOT_A_UNIT = frozenset(("", "per", "unless", "by", "and", "or", "to", "if", "when", "for", "in",
                         "on", "at", "a", "an", "the", "is", "are", "was", "of", "range",
                         "inclusive"))


def saying(text: str, after: str = "") -> list[str]:
    """The facts that say ``text`` today, a number written by hand (in digits or words,
    with ``after`` it, the rest of its line): those whose numbers hold all of its numbers,
    and whose unit is the word after it (a fact with none: what a page counts, or a word
    that is no unit). Those with no other number first, then those with more. A fact's code
    (``^[A-Za-z0-9_-]{24}$``) is not read for numbers.

    A duration says what a fact says in another unit of time too: "1 day", "one day" and
    "86,400 seconds" are 24 hours; and a size in another unit of size: "65536 bytes" are
    64 KiB.

    Example:
        >>> saying("over 64", " KiB"), saying("4 KiB"), saying("20 unless")
        (['body_limit', 'head_limit'], [], ['page_size_default'])
        >>> saying("up to 100"), saying("1 to 100"), saying("twenty-four hours")
        (['page_size_max', 'page_size'], ['page_size'], ['idempotency_key_ttl'])
        >>> saying("up to sixty-three", " characters"), saying("up to twenty", " times")
        (['name_length'], [])
        >>> saying("1 day"), saying("86,400 seconds"), saying("2 days")
        (['idempotency_key_ttl'], ['idempotency_key_ttl'], [])
        >>> saying("65536", " bytes"), saying("over 65,536", " bytes")
        (['body_limit', 'head_limit'], ['body_limit', 'head_limit'])
    """
    numbers = _numbers(_as_digits(text))[0]
    if not numbers:
        return []
    word = _word_after(text, after)
    exact, more = [], []
    for name, fact in FACTS.items():
        value, units = _said(name)
        if _same_time(numbers, _unit(word), value, units):
            exact.append(name)
            continue
        if not numbers <= value:
            continue
        units |= {fact.unit} - {""}
        if (_unit(word) in units if units
                else word in _NOT_A_UNIT or _page_count(text, after, word)):
            (exact if numbers == value else more).append(name)
    return exact + more


#: Seconds in each unit of time, bytes in each unit of size: a duration or a size is
#: compared with a fact's in another unit of its kind.
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
_BYTES = {"byte": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}


def _same_time(numbers: set[int], unit: str, said: set[int], units: set[str]) -> bool:
    """Whether one duration (``numbers`` ``unit``) is the one a fact says (``said``
    ``units``), in another unit of time; or one size, in another unit of size.

    Example:
        >>> _same_time({65536}, "byte", {64}, {"KiB"}), _same_time({65537}, "byte", {64}, {"KiB"})
        (True, False)
    """
    fact_unit = {_unit(u) for u in units}
    if len(numbers) != 1 or len(said) != 1 or len(fact_unit) != 1:
        return False
    (other,) = fact_unit
    return any(unit in scale and other in scale and other != unit
               and next(iter(numbers)) * scale[unit] == next(iter(said)) * scale[other]
               for scale in (_SECONDS, _BYTES))


def counts_as_a_fact(text: str, after: str = "") -> bool:
    """Whether the number ``text`` (with ``after`` it) counts what a page holds, whatever
    its value ("twenty items", "twenty matching items", "twenty workstations per page";
    not "three times per page", "two per workstation"), when some fact has no unit (the
    page sizes). A number in words in a strict shape fails then, as one in digits does: a
    page size left in words after its constant changed is caught. Other units ("two
    hours", "seven characters") are a writer's words as often as a fact's: a number in
    words with them fails only when a fact says it today (:func:`saying`).

    Example:
        >>> counts_as_a_fact("thirty", " items"), counts_as_a_fact("ninety", " characters")
        (True, False)
        >>> counts_as_a_fact("three", " volumes"), counts_as_a_fact("five", " minutes")
        (False, False)
        >>> counts_as_a_fact("thirty per page"), counts_as_a_fact("two", " per workstation")
        (True, False)
        >>> counts_as_a_fact("thirty matching items"), counts_as_a_fact("three times per page")
        (True, False)
    """
    unitless = any(numbers and not (named | ({fact.unit} - {""}))
                   for name, fact in FACTS.items() for numbers, named in [_said(name)])
    return unitless and _page_count(text, after, _word_after(text, after))


@dataclass(frozen=True)
class HandWritten:
    """A number written by hand in the shape of a fact: its 1-based line and text, and the
    facts that say it today (their placeholders are what to write instead)."""

    line: int
    text: str
    shape: str
    says: tuple[str, ...] = ()
    #: Whether the first of ``says`` says all of it ("1 to 63"), not one end ("up to 63").
    whole: bool = False
    #: The unit written right after ``text`` (as written: "GiB") when the first of ``says``
    #: states it too: its placeholder stands for both, so both go ("10 to 2048 GiB").
    unit: str = ""
    #: When no fact says it: the facts of its kind, whose value writes the unit written
    #: after it (or, counting what a page holds, the page's facts), a default's first.
    kin: tuple[str, ...] = ()

    @property
    def stated(self) -> str:
        """``text``, and ``unit`` after it when there is one."""
        return f"{self.text} {self.unit}" if self.unit else self.text

    @property
    def value(self) -> str:
        """What a placeholder replaces: the number (or range) of ``stated``, and its unit
        when the fact writes one: "64 KiB" of "over 64 KiB", "20" of "20 items unless";
        all of "between 10 and 2048 GiB" (the placeholder says "10 to 2048 GiB").

        Example:
            >>> HandWritten(1, "over 64", "a bound", ("body_limit",), True, "KiB").value
            '64 KiB'
            >>> HandWritten(1, "up to a hundred", "a bound").value
            'a hundred'
            >>> HandWritten(1, "20 items unless", "a default", ("page_size_default",)).value
            '20'
            >>> HandWritten(1, "50 GiB by default", "a default", ("disk_size_default",)).value
            '50 GiB'
            >>> HandWritten(1, "between 10 and 2048", "a range", ("disk_size",), True, "GiB").value
            'between 10 and 2048 GiB'
            >>> HandWritten(1, "kept for 1 day", "a duration", ("idempotency_key_ttl",)).value
            '1 day'
        """
        stated = self.stated
        numbers = list(re.finditer(_N, stated, re.IGNORECASE))
        if not numbers or re.match(r"between\b", stated, re.IGNORECASE):
            return stated
        end = numbers[-1].end()
        unit = _UNIT_WORD.match(stated, end)
        if unit and self.says and (_unit(unit["unit"]) in units_of(self.says[0]) or (
                _unit(unit["unit"]) in _SECONDS and units_of(self.says[0]) & set(_SECONDS))):
            end = unit.end()  # (a time in another unit too: "1 day" for 24 hours)
        return stated[numbers[0].start():end]


_QUALIFIED = re.compile(rf"\b{_QUALIFIERS}\b", re.IGNORECASE)


def _plain(name: str) -> bool:
    """Whether the fact ``name`` says a number or a range and at most its unit, nothing
    else: its placeholder can stand in for a number written by hand ("1 to 63 characters";
    not an ID's "`vol-` and 8 lowercase letters or digits").

    Example:
        >>> _plain("name_length"), _plain("volume_id")
        (True, False)
    """
    return re.fullmatch(rf"\s*{_DIGITS}(?:\s*(?:to|–|-)\s*{_DIGITS})?(?:\s*[A-Za-z]+)?\s*",
                        mask_code(FACTS[name].read())) is not None


def says_all(text: str, name: str) -> bool:
    """Whether the fact ``name`` says all of ``text`` ("1 to 63"), not one end of it ("up to
    63"), and nothing else: its placeholder can be written in place of the number.

    Example:
        >>> says_all("up to 100", "page_size_max"), says_all("up to 100", "page_size")
        (True, False)
        >>> says_all("1 day", "idempotency_key_ttl")  # the same time, in another unit
        True
    """
    numbers = _numbers(_as_digits(text))[0]
    return ((numbers == _said(name)[0]
             or _same_time(numbers, _unit(_word_after(text, "")), *_said(name)))
            and _plain(name))


def _whole(text: str, says: tuple[str, ...]) -> bool:
    return bool(says) and says_all(text, says[0])


def _unit_after(text: str, after: str, says: tuple[str, ...]) -> str:
    """The unit written right after ``text`` (``after`` follows it), as written, when
    ``text`` has none and the first of ``says`` states that unit in its value: else "".

    Example:
        >>> _unit_after("10 to 2048", " GiB each", ("disk_size",))
        'GiB'
        >>> _unit_after("1 to 64", " characters", ("idempotency_key_length",))
        ''
        >>> _unit_after("50 GiB", " in size", ("disk_size_default",))
        ''
    """
    if not says or _numbers(_as_digits(text))[1]:
        return ""
    word = _UNIT_WORD.match(after)
    return word[0].strip(" -\t\n") if word and _unit(word["unit"]) in units_of(says[0]) else ""


_UPPER = re.compile(r"(?:up\s+to|at\s+most|fewer\s+than|less\s+than|shorter\s+than|below|under"
                    r"|maximum)\b", re.IGNORECASE)
_LOWER = re.compile(r"(?:at\s+least|more\s+than|greater\s+than|higher\s+than|longer\s+than|above"
                    r"|over|minimum)\b", re.IGNORECASE)
_NEGATED = r"(?:(?:no|not)\s+)?"


def _upper(bound: str) -> bool | None:
    """Whether ``bound`` (a bound's words, and what follows) is an upper bound ("up to", "no
    more than"), a lower one ("at least", "not below"), or neither (None).

    Example:
        >>> _upper("up to 5"), _upper("no fewer than"), _upper("not above"), _upper("the")
        (True, False, True, None)
    """
    negated = re.match(_NEGATED, bound, re.IGNORECASE)
    rest = bound[negated.end():]
    kind = True if _UPPER.match(rest) else False if _LOWER.match(rest) else None
    return None if kind is None else kind != bool(negated[0])


#: A bound's words ("up to", "at least") right before a fact's placeholder.
BOUND_BEFORE_FACT = re.compile(rf"\b(?P<bound>{_NEGATED}(?:{_UPPER.pattern}|{_LOWER.pattern}))\s+"
                               r"\{\{\s*fact\s+(?P<name>[a-z_]+)\s*\}\}", re.IGNORECASE)


def bounded_range(bound: str, name: str) -> tuple[str, ...] | None:
    """When the fact ``name`` says a range, which ``bound`` ("up to", "at least") before
    its placeholder would read wrong ("up to 10 to 2048 GiB"): the facts that say alone the
    end it means, read from the same constant; None for a fact that says no range.

    Example:
        >>> bounded_range("up to", "page_size"), bounded_range("at least", "page_size")
        (('page_size_max',), ('page_size_min',))
        >>> bounded_range("no fewer than", "page_size"), bounded_range("not more than", "page_size")
        (('page_size_min',), ('page_size_max',))
        >>> bounded_range("up to", "disk_size"), bounded_range("up to", "page_size_max")
        ((), None)
    """
    said = mask_code(FACTS[name].read())
    numbers = _numbers(said)[0]
    if len(numbers) != 2 or not re.search(r"\d\s*(?:to|–)\s*\d", said):
        return None
    end = max(numbers) if _upper(bound) else min(numbers)
    return tuple(other for other, fact in FACTS.items()
                 if other != name and fact.source == FACTS[name].source
                 and _said(other)[0] == {end})


def _kin(text: str, after: str, shape: str) -> tuple[str, ...]:
    """The facts of the kind of ``text``, a number no fact says (``after`` follows it): a
    writer who meant one wrote the wrong value, or its unit. Those with its very numbers
    (in another unit), then those whose unit it has (written by the fact or after its
    placeholder); for a count of what a page holds, the page sizes. A default's first for
    a default, a maximum's for an upper bound, a minimum's for a lower.

    Example:
        >>> _kin("default size is 100", " GiB", "a default")
        ('disk_size_default', 'disk_size')
        >>> _kin("up to 30", " items", "a bound")[:2]
        ('page_size_max', 'page_size')
        >>> _kin("1 to 64", " characters", "a range")
        ('name_length', 'idempotency_key_length')
        >>> low, high = models.ID_LENGTH  # an ID's length, said in characters, not letters
        >>> _kin(f"{low} to {high}", " characters", "a range")[:2]
        ('workstation_id', 'volume_id')
        >>> _kin("two", " hours", "a duration"), _kin("up to 9", " widgets", "a bound")
        (('idempotency_key_ttl',), ())
        >>> _kin("2", " weeks", "a duration")  # a duration in a unit no fact writes
        ('idempotency_key_ttl',)
        >>> _kin("at most 2", " TiB", "a bound")[0], _kin("over 1", " MiB", "a bound")[:2]
        ('disk_size', ('body_limit', 'head_limit'))
        >>> _kin("by default 100", " unless", "a default")  # no default says 100
        ('disk_size_default', 'page_size_default')
    """
    word = _word_after(text, after)
    numbers, unit = _numbers(_as_digits(text))[0], _unit(word)
    # its very numbers, in a unit of the same kind ("characters" for an ID's "letters")
    same = [name for name in FACTS if numbers == _said(name)[0]
            and any(unit in kind and units_of(name) & kind for kind in _KINDS)]
    names = same + [name for name, fact in FACTS.items() if name not in same and word
                    and _unit(word) in units_of(name) | ({_unit(fact.unit)} - {""})]
    if not names:  # "the maximum name length is 64": the facts its words name
        names = _named_by(text)
    if not names and unit in _BYTES and numbers:  # "2 TiB": the sizes, nearest first
        def apart(name: str) -> float:
            said, (named,) = _said(name)[0], units_of(name)
            return abs(math.log2(max(numbers) * _BYTES[unit] / (max(said) * _BYTES[named])))
        names = sorted((name for name in FACTS if units_of(name) & set(_SIZES)), key=apart)[:2]
    if not names and unit in _SECONDS:  # "2 weeks", "3 days": the durations
        names = [name for name in FACTS if units_of(name) & set(_TIMES)]
    if not names and _page_count(text, after, word):
        names = [name for name, fact in FACTS.items() if not units_of(name) and not fact.unit
                 and _said(name)[0]]
    if not names and shape == "a default":  # "by default 100": the defaults
        names = [name for name in FACTS if name.endswith("_default")]
    upper = _upper(text)
    suffix = ("_default" if shape == "a default" else "_max" if upper
              else "_min" if upper is False else None)
    return tuple(sorted(names, key=lambda name: suffix is not None and
                        not name.endswith(suffix)))


_KINDS = tuple(set(kind) for kind in (_SIZES, _TIMES, _LENGTHS))
#: Bytes in each size unit: a size no fact's unit writes is compared with the facts' sizes.
_BYTES = {"byte": 1, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def writes_unit(name: str, word: str) -> bool:
    """Whether the value of the fact ``name`` already writes a unit of the kind ``word``
    names ("GiB", "gigabytes", "bytes" after "64 KiB"): a sentence that writes it after
    the placeholder says it twice.

    Example:
        >>> writes_unit("disk_size", "GB"), writes_unit("body_limit", "bytes")
        (True, True)
        >>> writes_unit("idempotency_key_length", "characters"), writes_unit("disk_size", "of")
        (False, False)
    """
    unit, written = _unit(word), units_of(name)
    return unit in written or any(unit in kind and written & kind for kind in _KINDS)


def opening(name: str) -> str:
    """What the value of the fact ``name`` opens with, as code ("vol-" of "`vol-` and 5 to
    32 lowercase letters or digits"), or "": a sentence that writes it just before the
    placeholder says it twice.

    Example:
        >>> from cloudws.models import VOLUME_ID_PREFIX
        >>> opening("volume_id") == VOLUME_ID_PREFIX, opening("disk_size")
        (True, '')
    """
    said = FACTS[name].read()
    first = next(code_spans(said), None)
    return said[first[0]:first[1]].strip("`").strip() if first and first[0] == 0 else ""


def units_of(name: str) -> set[str]:
    """The units the value of the fact ``name`` writes ("gib" for "10 to 2048 GiB"); none
    for a fact whose unit a sentence writes after it ("1 to 64" characters).

    Example:
        >>> units_of("disk_size"), units_of("idempotency_key_length")
        ({'gib'}, set())
    """
    return {_unit(unit) for unit in _said(name)[1]}


def _masked_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The numbered ``lines``, each inline code span blanked out, a span that runs on
    to the next line of its paragraph too (a line left out, a fenced block's, ends one).

    Example:
        >>> list(_masked_lines([(1, "a `page of"), (2, "20 items` b"), (5, "`c")]))
        [(1, 'a         '), (2, '          b'), (5, '`c')]
    """
    numbered = list(lines)
    parts, previous = [], None
    for number, line in numbered:
        if previous is not None and number != previous + 1:
            parts.append("")  # a blank line: the paragraph ended
        parts.append(line)
        previous = number
    joined = "\n".join(parts)
    if "`" not in joined:
        yield from numbered
        return
    chars = list(joined)
    for start, end in code_spans(joined):
        chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]
    masked = "".join(chars).split("\n")
    at = 0
    previous = None
    for number, _ in numbered:
        if previous is not None and number != previous + 1:
            at += 1
        yield number, masked[at]
        at += 1
        previous = number


#: A line that opens a block of its own (a heading, a bulleted list item, an admonition or
#: a tab, a table row): a sentence on the line before does not run on to it. A numbered
#: item ("1. ") opens one only in a list: a paragraph's line may start "100. That".
_OPENS_A_BLOCK = re.compile(r"\s*(?:#|[-*+]\s|!!!|\?\?\?|===|\|)")
#: A table's delimiter row, its leading and trailing pipes optional: "--- | :---:".
_DELIMITER_ROW = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*")
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
_QUOTED = re.compile(r"\s*(?:>\s?)+")


def _table_rows(lines: list[tuple[int, str]]) -> set[int]:
    """The numbers of the ``lines`` that are a table's rows, written with leading pipes or
    without: a line with a pipe just before a delimiter row, that row, and the lines with
    a pipe that follow it.

    Example:
        >>> sorted(_table_rows([(1, "a"), (2, "Size | GiB"), (3, "--- | ---"),
        ...                     (4, "`x` | 10"), (5, "b"), (7, "c | d")]))
        [2, 3, 4]
    """
    rows: set[int] = set()
    for at, (number, line) in enumerate(lines):
        if (at and _DELIMITER_ROW.fullmatch(line) and "|" in lines[at - 1][1]
                and lines[at - 1][0] == number - 1):
            rows |= {lines[at - 1][0], number}
            for following, text in lines[at + 1:]:
                if following != max(rows) + 1 or "|" not in text:
                    break
                rows.add(following)
    return rows


def _blocks(lines: Iterable[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """The numbered ``lines`` in runs read as one text: a paragraph, whose sentences may
    wrap from line to line, ends at a blank line, a line left out (a fenced block's), a
    hard line break (two spaces or a backslash at the end), or a line that opens a block;
    a table row (its outer pipes written or not) and a heading are runs of their own. A
    quote's lines are read without their ``>``, as one paragraph.

    Example:
        >>> [[n for n, _ in run] for run in _blocks(
        ...     [(1, "a"), (2, "b"), (3, ""), (4, "c"), (5, "- d"), (6, "  e"), (8, "f"),
        ...      (9, "| g |"), (10, "| h |"), (11, "# i"), (12, "j  "), (13, "1. k"),
        ...      (15, "1. l"), (16, "2. m"), (17, "> n"), (18, "> o"), (19, ">"), (20, "> p")])]
        [[1, 2], [4], [5, 6], [8], [9], [10], [11], [12], [13], [15], [16], [17, 18], [20]]
        >>> [line for run in _blocks([(1, "> a"), (2, ">> b")]) for _, line in run]
        ['  a', '   b']
    """
    lines = list(lines)
    rows = _table_rows(lines)
    run: list[tuple[int, str]] = []
    quote = False  # whether the run is a quote's
    for number, line in lines:
        quoted = _QUOTED.match(line)
        if quoted:
            line = " " * quoted.end() + line[quoted.end():]
        if run and (not line.strip() or number != run[-1][0] + 1
                    or _OPENS_A_BLOCK.match(line) or (quoted and not quote)
                    or (_LIST_ITEM.match(line) and _LIST_ITEM.match(run[0][1]))
                    or number in rows or run[-1][0] in rows
                    or run[-1][1].lstrip().startswith(("|", "#"))
                    or run[-1][1].endswith(("  ", "\\"))):
            yield run
            run = []
        if line.strip():
            if not run:
                quote = bool(quoted)
            run.append((number, line))
    if run:
        yield run


def runs(lines: Iterable[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """The numbered prose ``lines`` in the runs a sentence may wrap through (a paragraph,
    a list item, a table row, a heading), their inline code blanked out.

    Example:
        >>> [[n for n, _ in run] for run in runs([(1, "a `x` b"), (2, "c"), (4, "- d")])]
        [[1, 2], [4]]
    """
    return _blocks(_masked_lines(lines))


#: The words of a bound or a default that name no fact: "the maximum ... is", "of".
_FRAME = frozenset(("the", "a", "an", "maximum", "minimum", "default", "is", "of", "its"))


def _named_by(text: str) -> list[str]:
    """The facts whose names are the words of ``text`` but its numbers and its frame ("the
    maximum name length is 64": ``name_length``; a name's "min", "max" and "default" are
    frame too); none when they name no fact whole ("the default limit is 10" is no
    ``body_limit``).

    Example:
        >>> _named_by("maximum name length is 64"), _named_by("maximum disk size is 9")
        (['name_length'], ['disk_size', 'disk_size_default'])
        >>> _named_by("minimum Node version is 18"), _named_by("default limit is 10")
        ([], [])
    """
    words = {w for w in re.findall(r"[a-z]+", _as_digits(text).lower())} - _FRAME
    return [name for name in FACTS
            if words and words == set(name.split("_")) - {"min", "max", "default"}]


def _of_a_kind(word: str) -> bool:
    """Whether ``word``, after a number, measures what a fact does: a size, a length, or what
    a fact counts ("names").

    Example:
        >>> _of_a_kind("GB"), _of_a_kind("characters"), _of_a_kind("names"), _of_a_kind("hours")
        (True, True, True, False)
    """
    return _unit(word) in {*_SIZES, *_LENGTHS, *(_unit(f.unit) for f in FACTS.values() if f.unit)}


_MACHINE_TYPE = re.compile(r"`?(?<![\w-])(?P<type>" + "|".join(map(re.escape, models.MACHINE_SIZES))
                           + r")(?![\w-])`?")
_WS = r"[ \t\n]"
#: A size of a machine, as a statement lists it: a number and what it counts. A GiB is
#: memory when said so ("16 GiB of memory", "16 GiB RAM"), or bare inside brackets after
#: the machine type, as the stub writes it: "`standard-4` (4 vCPUs, 16 GiB)".
_SIZE_ITEM = re.compile(
    rf"(?<![\w.,-])(?P<number>\d+|one|{_IN_WORDS}){_WS}*(?:(?P<vcpus>vCPUs?|CPUs?|virtual{_WS}+CPUs?)"
    rf"|(?P<gpus>GPUs?)"
    rf"|(?P<memory_gib>GiB|GB)(?P<what>{_WS}+(?:of{_WS}+)?(?:memory|RAM)\b(?!{_WS}+disk))?)"
    rf"(?![\w/-]|\.\d)")
#: What may follow a machine type before the sizes it has: "has", "comes with", a bracket.
_HAS = re.compile(rf"(?:{_WS}+(?:machine{_WS}+types?|workstations?|machines?|type))?{_WS}*,?"
                  rf"{_WS}*(?:(?P<bracket>\()"
                  rf"{_WS}*|(?:has|have|gets|get|gives|offers|provides|includes|comes{_WS}+with"
                  rf"|with){_WS}+)")
#: Between two sizes of one list: a comma, "and".
_AND = re.compile(rf"{_WS}*(?:,{_WS}*(?:and{_WS}+)?|and{_WS}+)")
#: After a size, words that make it another's or no size of the machine: its GPU's, each
#: vCPU's, a part of it ("of its own", "per vCPU", "each", "more").
_NOT_ITS_OWN = re.compile(rf"{_WS}+(?:per|for{_WS}+each|each|a{_WS}+v?CPU|of{_WS}+its{_WS}+own"
                          rf"|more|less|of{_WS}+GPU|left|free|available|remaining|in{_WS}+all"
                          rf"|in{_WS}+total|together|combined|between{_WS}+them"
                          rf"|(?:on|in|of){_WS}+(?:its|the)"
                          rf"{_WS}+(?:\w+{_WS}+)?GPU)\b")
#: Before a machine type, words that make it no subject of what follows ("the GPU in a
#: `gpu-t4` has", "each vCPU of a", "a `standard-4` plus a `standard-2` have").
_NOT_THE_SUBJECT = re.compile(rf"\b(?<!workstation{_WS})(?<!workstations{_WS})(?:in|on|of|for|"
                              rf"plus|and|than|with){_WS}+(?:(?:an?|the|each"
                              rf"|every|your|its){_WS}+)?$", re.IGNORECASE)
#: A size said of the machine type named right after it: "1 GPU on a `gpu-t4`".
_ON_TYPE = re.compile(rf"{_WS}+(?:of|on|in|with){_WS}+(?:(?:an?|the|each|every|your|its|their)"
                      rf"{_WS}+)?")
#: Before a size, words that make it no statement of what a machine type has: a bound,
#: a comparison, a range, a need ("more than 32 GiB", "from 2 vCPUs to 8").
_NOT_SAID_OF_IT = re.compile(
    rf"\b(?:more|less|fewer|over|under|above|below|beyond|than|up{_WS}+to|at{_WS}+(?:least|"
    r"most)|from|to|between|need|needs|needing|require|requires|want|wants|extra|another|"
    rf"maximum|minimum){_WS}+$", re.IGNORECASE)
#: GiB said of memory in some way, a machine's or its GPU's ("16 GiB of GPU memory", "8 GiB
#: more memory", "4 GiB per vCPU"): in a sentence that names a machine type, no volume's.
_ANY_MEMORY = re.compile(
    rf"(?<![\w.,])(?:\d+|{_IN_WORDS}){_WS}*(?:GiB|GB)(?={_WS}+(?:(?:of{_WS}+)?(?:\w+{_WS}+)?(?:memory|RAM)\b"
    rf"(?!{_WS}+disk)"
    rf"|per{_WS}+(?:v?CPU|virtual|core))|/v?CPU\b)")
#: Where a sentence ends: at a stop (not an abbreviation's), a blank line, a table's row
#: or a list's item.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)(?<!\bcf)(?<!\bapprox)"
                           r"[.!?;](?=\s|$)|\n[ \t]*\n|\n(?=[ \t]*(?:\||[-*+][ \t]|\d+[.)][ \t]))")


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence of ``text`` that holds ``at`` starts."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return ends[-1] if ends else 0


@functools.cache
def _defaulted() -> re.Pattern[str]:
    """What a fact's default is the default of, named in a sentence: the words of a
    default fact's name ("page size", "disk size"), or an input of the API's whose schema
    gives a number as its default, in code (`limit`, `disk_size_gb`)."""
    from cloudws.document import load_document

    doc = load_document()
    schemas = [param.get("schema", {}) | {"name": param["name"]}
               for item in doc["paths"].values() for operation in item.values()
               if isinstance(operation, dict) for param in operation.get("parameters", [])]
    schemas += [prop | {"name": name} for schema in doc["components"]["schemas"].values()
                for name, prop in schema.get("properties", {}).items()]
    names = sorted({s["name"] for s in schemas if isinstance(s.get("default"), int)
                    and not isinstance(s.get("default"), bool)})
    words = sorted(r"\s+".join(name.split("_")[:-1]) for name in FACTS
                   if name.endswith("_default"))
    return re.compile(rf"\b(?:{'|'.join(words)})s?\b|`(?:{'|'.join(map(re.escape, names))})`",
                      re.IGNORECASE)


def _defaults_a_fact(sentence: str) -> bool:
    """Whether ``sentence``, before a default, names what a fact's default is of.

    Example:
        >>> [_defaults_a_fact(s) for s in ("`limit` ", "The page size ", "The disk size ",
        ...                                "`max_redirects` ", "Its port ", "`limits` ")]
        [True, True, True, False, False, False]
    """
    return _defaulted().search(sentence) is not None


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence of ``text`` that holds ``at`` ends."""
    end = _SENTENCE_END.search(text, at)
    return end.start() if end else len(text)


#: What a fact of time is said of, kept: the words of its name ("idempotency key"; not
#: its "ttl"), and a verb of keeping, either way round ("a key is remembered for",
#: "expires", "kept", "forgotten").
_KEEPING = r"(?:remembered|kept|stored|retained|expires?|expired|forgotten|valid|lasts?)"


@functools.cache
def _timed() -> re.Pattern[str]:
    words = sorted({word for name in FACTS if units_of(name) & set(_TIMES)
                    for word in name.split("_") if word != "ttl"})
    said_of = rf"\b(?:{'|'.join(words)})s?\b"
    return re.compile(rf"{said_of}.*\b{_KEEPING}\b|\b{_KEEPING}\b.*{said_of}",
                      re.IGNORECASE | re.DOTALL)


def _keeps_a_timed_fact(sentence: str) -> bool:
    """Whether ``sentence`` says how long what a fact of time is of is kept.

    Example:
        >>> [_keeps_a_timed_fact(s) for s in (
        ...     "A key is remembered for two days.", "Keys expire after two days.",
        ...     "The `Idempotency-Key` is kept two days.", "Retry with the same key after "
        ...     "two seconds.", "Set a timeout of ten seconds.")]
        [True, True, True, False, False]
    """
    return _timed().search(sentence) is not None


@dataclass(frozen=True)
class MachineSizeSaid:
    """A size of a machine type said in prose (:func:`machine_sizes`)."""

    start: int  # the offset of its number in the text
    machine: str
    stated: str  # as written: "16 GiB of memory"
    number: int
    value: int  # what MACHINE_SIZES gives that machine type
    kind: str  # "vcpus", "gpus" or "memory_gib"


def machine_sizes(text: str) -> list[MachineSizeSaid]:
    """Each size of a machine type stated in ``text`` (prose: code blocks blanked, inline
    code kept), in one of two forms: after the machine type, what it has ("a `standard-4`
    has 4 vCPUs and 16 GiB of memory", "the `gpu-t4` machine type has", "a workstation on
    a `standard-8` gets", "with", "comes with", or in brackets, "`standard-4` (4 vCPUs,
    16 GiB)"), a list of sizes; or a size right before it ("1 GPU on a `gpu-t4`"). vCPUs,
    GPUs, and GiB said to be memory or RAM (bare in brackets), in digits or in words
    ("one GPU", "eight vCPUs"). A size
    another word makes a part, a bound or a comparison is none ("4 GiB per vCPU", "of its
    own", "up to 64 GiB", "more than", "adds 2 vCPUs"), nor anything else a sentence says
    of machine types. The page's build holds each to ``MACHINE_SIZES``
    (``hooks/site.py``).

    Example:
        >>> [(s.machine, s.stated, s.number, s.value) for s in machine_sizes(
        ...     "A `highmem-8` has the 8 vCPUs of a `standard-8` but 64 GiB of memory; "
        ...     "`standard-2` (4 vCPUs) or `standard-4` (4 vCPUs, 16 GiB), e.g. for builds "
        ...     "with a 100 GiB volume. A gpu-t4 has 1 GPU, 8 vCPUs and 64 GiB of memory. "
        ...     "The GPU in a `gpu-t4` has 16 GiB of memory of its own; a `standard-4` adds "
        ...     "2 vCPUs; a `highmem-8` has up to 64 GiB of memory. The GPU in a `gpu-t4` has "
        ...     "16 GiB of memory; a `standard-4` (4 vCPUs, 16 GiB, 50 GiB disk).")]
        [('standard-8', '8 vCPUs', 8, 8), ('standard-2', '4 vCPUs', 4, 2), \
('standard-4', '4 vCPUs', 4, 4), ('standard-4', '16 GiB', 16, 16), ('gpu-t4', '1 GPU', 1, 1), \
('gpu-t4', '8 vCPUs', 8, 8), ('gpu-t4', '64 GiB of memory', 64, 32), \
('standard-4', '4 vCPUs', 4, 4), ('standard-4', '16 GiB', 16, 16)]
        >>> [s.stated for s in machine_sizes("A `standard-4` has 32 GiB of memory.")]  # at the end
        ['32 GiB of memory']
    """
    found = []
    for offset, sentence, types in _naming_machine_types(text):
        said: dict[int, tuple[re.Match[str], str, bool]] = {}  # size start: it, its type
        for named in types:  # what it has, after it
            has = (None if _NOT_THE_SUBJECT.search(sentence[:named.start()])
                   else _HAS.match(sentence, named.end()))
            at = has.end() if has else -1
            while has and (size := _SIZE_ITEM.match(sentence, at)):
                if size["memory_gib"] and not (size["what"] or (
                        has["bracket"] and re.match(r"[ \t\n]*[,)]|[ \t\n]+and\b",
                                                    sentence[size.end():]))):
                    break  # a GiB not said to be memory ("50 GiB disk"): a volume's
                if not _NOT_ITS_OWN.match(sentence, size.end()):
                    said[size.start()] = (size, named["type"], False)
                if not (gap := _AND.match(sentence, size.end())):
                    break
                at = gap.end()
        for size in _SIZE_ITEM.finditer(sentence):  # a size right before it
            on = _ON_TYPE.match(sentence, size.end())
            named = _MACHINE_TYPE.match(sentence, on.end()) if on else None
            if named and re.match(r"'s\b|\u2019s\b", sentence[named.end():]):
                named = None  # "on a `gpu-t4`'s GPU": its GPU's
            if (named and size.start() not in said and (size["what"] or not size["memory_gib"])
                    and not _NOT_SAID_OF_IT.search(sentence[:size.start()])):
                said[size.start()] = (size, named["type"], True)
        for start, (size, machine, _) in sorted(said.items()):
            kind = next(k for k in ("vcpus", "gpus", "memory_gib") if size[k])
            number = size["number"].lower()
            found.append(MachineSizeSaid(
                offset + start, machine, " ".join(size[0].split()),
                int(number) if number.isdigit() else {"zero": 0, "one": 1}.get(number)
                if number in ("zero", "one") else in_words(number) or 0,
                getattr(models.MACHINE_SIZES[machine], kind), kind))
    return found


def _naming_machine_types(text: str) -> Iterator[tuple[int, str, list[re.Match[str]]]]:
    """Each sentence of ``text`` that names a machine type: its offset, its text, and
    each machine type it names."""
    start = 0
    for end in [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        sentence = text[start:end]
        offset, start = start, end + 1
        types = list(_MACHINE_TYPE.finditer(sentence))
        if types:
            yield offset, sentence, types


def machine_memory(text: str) -> set[int]:
    """The offset of each GiB of memory in a sentence of ``text`` that names a machine
    type: said of memory in any way (a machine's, its GPU's, "per vCPU", "more memory"),
    or one :func:`machine_sizes` reads as memory ("(4 vCPUs, 16 GiB)"). None is a
    volume's size, which :func:`hand_written` would tell.

    Example:
        >>> sorted(machine_memory("A `standard-4` (4 vCPUs, 16 GiB) has 16 GiB of GPU "
        ...                       "memory, 4 GiB per vCPU and a 50 GiB volume."))
        [25, 37, 59]
    """
    return {offset + size.start() for offset, sentence, _ in _naming_machine_types(text)
            for size in _ANY_MEMORY.finditer(sentence)} | {
        said.start for said in machine_sizes(text) if said.kind == "memory_gib"}


def hand_written(text: str, lines: Iterator[tuple[int, str]] | None = None) -> list[HandWritten]:
    """Every number of ``text`` (or of the numbered ``lines``) written as a fact states
    one, outside inline code, in a sentence on one line or wrapped across lines; and every
    number by hand in a table's "Default" column. A number in words is one when it counts
    what a page holds (:func:`counts_as_a_fact`: "thirty items", whatever a page holds
    today), bounds what a fact measures ("up to sixty-four characters", whatever the
    fact says), is a default so measured or of what a fact's default is of ("`limit`
    defaults to fifty", not "defaults to five seconds" nor "`max_redirects` defaults to
    twenty"), is a time said of how long a key is kept ("a key is remembered for two
    days") or a fact says it today (:func:`saying`); in a loose shape ("between 5 and
    32"), only when a fact says it today. "Three volumes at a time" is an example's.

    Example:
        >>> table = "| Parameter | Default |\\n| --- | --- |\\n| `limit` | 20 |\\n"
        >>> [(m.line, m.shape, m.text) for m in hand_written(table)]
        [(3, 'a default', '20')]
        >>> [m.kin for m in hand_written(table.replace("20", "25"))]  # no default says 25
        [('disk_size_default', 'page_size_default')]
        >>> [m.text for m in hand_written("Up to a hundred, three volumes at a time.")]
        ['Up to a hundred']
        >>> [(m.line, m.text) for m in hand_written("A page holds at most\\n  100 items.")]
        [(1, 'at most 100')]
    """
    found = []
    defaults: int | None = None  # the column headed "Default" of the table being read
    row = 0  # the line of the table row read last
    numbered = list(lines if lines is not None else enumerate(text.split("\n"), 1))
    written = dict(numbered)  # each line as written (its inline code kept)
    for run in _blocks(_masked_lines(numbered)):
        joined = "\n".join(line for _, line in run)
        # a machine type's memory ("a `standard-4` has 16 GiB of memory"): no volume's size
        # (its lines as written, inline code kept, less what the run drops in front: a ">")
        original = "\n".join(written[n][len(written[n]) - len(line):] for n, line in run)
        memory = machine_memory(original) if "GB" in joined or "GiB" in joined else set()
        table = joined.lstrip().startswith("|")
        if not table or run[0][0] != row + 1:  # a table ends at any other line
            defaults = None
        if not table and not _ANY_NUMBER.search(joined):  # most runs: the shapes cost more
            continue
        starts = list(itertools.accumulate(len(line) + 1 for _, line in run[:-1]))
        at, before = 0, len(found)
        loose: re.Match[str] | None = None  # the loose shape left alone last
        while (match := _HAND_WRITTEN.search(joined, at)) is not None:
            shape, _, strict = _SHAPES[int(next(k for k, v in match.groupdict().items()
                                                if v)[1:])]
            after = joined[match.end():]
            says = tuple(saying(match[0], after))
            if shape == "a default":  # a default is not said by a bound's fact, nor a range's
                says = tuple(name for name in says if not name.endswith(("_max", "_min"))
                             and len(_said(name)[0]) < 2)
            # a loose shape in digits of a fact's kind, a size, a length, what a fact counts
            # or a page's size ("the maximum page size is 200", "1-64 characters", "1-25
            # names"): a fact's value written wrong, as a strict shape's would be. Not a
            # time ("it takes 3h"), a writer's as often as not
            word = _word_after(match[0], after)
            kind = (not strict and not says and re.search(r"\d", match[0]) is not None
                    and (_of_a_kind(word) or _page_count(match[0], after, word)
                         or bool(_named_by(match[0])))
                    and bool(_kin(match[0], after, shape)))
            # in words, a bound measured as a fact measures ("up to sixty-four characters",
            # "at most eight standalone volumes"), or a default so measured ("defaults to
            # fifty GiB") or of what a fact's default is of ("`limit` defaults to fifty"):
            # a limit written wrong, as digits would be; not a time ("up to two hours"), nor
            # another shape ("three digits", "a few hundred bytes"), nor another thing's
            # default ("`max_redirects` defaults to twenty"), a writer's words as often
            # and, a time in words, in a sentence that says how long a key is kept ("a key
            # is remembered for two days"): the one fact of time written wrong
            start = _sentence_start(joined, match.start())
            worded = strict and any(in_words(m[0]) for m in re.finditer(
                _IN_WORDS, match[0], re.IGNORECASE)) and (
                _unit(word) in _SECONDS and _keeps_a_timed_fact(
                    original[start:_sentence_end(joined, match.end())])
                or (_of_a_kind(word) if shape == "a bound" else shape == "a default" and (
                    _of_a_kind(word) or _page_count(match[0], after, word)
                    or word in _NOT_A_UNIT and _defaults_a_fact(original[start:match.start()]))))
            if not (says or kind or worded or (strict and (re.search(r"\d", match[0])
                                                           or counts_as_a_fact(match[0], after)))):
                # a loose shape left alone ("1-64" that no fact says) may hold a strict
                # one ("64 characters"): read on from inside it
                at = match.end() if strict else match.start() + 1
                loose = loose if strict else match
                continue
            at = match.end()
            if any(match.start() <= place < match.end() for place in memory):
                continue  # (with what it says of it: "up to 64 GiB of memory")
            start, stated = match.start(), match[0]
            if (kind or strict and not says) and (unit := _UNIT_WORD.match(joined, at)) \
                    and _of_a_kind(unit["unit"]):
                stated = joined[start:unit.end()]  # "1-64 characters", as a reader reads it
            if (loose is not None and loose.start() < start < loose.end() and not says
                    and loose.lastgroup and _SHAPES[int(loose.lastgroup[1:])][0] == "a range"):
                # quoted whole, from the loose shape's start: "between 1 and 64 characters"
                # is a range, and a fact may be meant by both its numbers
                shape, start, stated = "a range", loose.start(), joined[loose.start():match.end()]
            number = run[bisect.bisect_right(starts, start)][0]
            shown = " ".join(re.sub(r"-\s*\n\s*", "-", stated).split())
            # "1 to 63 lowercase characters": the fact says no "lowercase", so it is
            # rephrased around, not written in place of the whole
            whole = _whole(stated, says)
            unit = _unit_after(stated, after, says) if whole else ""
            if _QUALIFIED.search(f"{stated} {unit}"):
                whole, unit = False, ""
            kin = () if says else _kin(stated, after, shape)
            found.append(HandWritten(number, shown, shape, says, whole, unit, kin))
        if not table:
            continue
        row, masked = run[0]
        cells = [cell.strip() for cell in masked.strip().strip("|").split("|")]
        if defaults is None:
            defaults = next((i for i, cell in enumerate(cells) if cell.lower() == "default"),
                            None)
        elif defaults < len(cells) and (value := re.search(rf"\b{_N}(?!\w)", cells[defaults],
                                                           re.IGNORECASE)):
            says = tuple(saying(value[0], cells[defaults][value.end():]))
            named = any(re.search(rf"(?<![\w,]){re.escape(value[0])}(?![\w,])", h.text)
                        for h in found[before:])  # in its shape already ("50 GiB")
            if (says or re.search(r"\d", value[0])) and not named:
                # no fact says it: the defaults it may have meant, as a sentence's get
                kin = () if says else _kin(value[0], cells[defaults][value.end():],
                                           "a default")
                found.append(HandWritten(row, value[0], "a default", says,
                                         _whole(value[0], says), kin=kin))
    return found
