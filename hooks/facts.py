"""The facts pages state — limits, formats, defaults, sizes — read from the stub at build time.

A page states a fact with an inline placeholder, ``{{ fact <name> }}``, inside a sentence:
``a body over {{ fact body_limit }} gets 413``. :data:`FACTS` is the table of facts: each
names the stub's constant it is read from, and is read when the page is built, so a page
says what the stub does. Nothing else may state one by hand: :func:`hand_written` finds
numbers written in the shapes facts take (a size, a range, a default, a bound, a length),
and the build fails on them (the tests run it on the README and the stub's description
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

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from placeholders import mask_code

from cloudws import idempotency, limits, models

__all__ = ["FACTS", "Fact", "HandWritten", "hand_written", "machine_types", "saying",
           "table"]


@dataclass(frozen=True)
class Fact:
    """One fact: the stub's constants it comes from, and how a sentence states it."""

    source: str
    read: Callable[[], str]


def _range(bounds: tuple[int, int], unit: str = "") -> str:
    return f"{bounds[0]} to {bounds[1]}{unit}"


#: Every fact a page may state, by name. Each is read from the stub when it is called,
#: never copied: change the constant and every page that states it follows.
FACTS: dict[str, Fact] = {
    "body_limit": Fact("cloudws.limits.MAX_BODY_BYTES",
                       lambda: limits.describe_size(limits.MAX_BODY_BYTES)),
    "head_limit": Fact("cloudws.limits.MAX_HEAD_BYTES",
                       lambda: limits.describe_size(limits.MAX_HEAD_BYTES)),
    "workstation_id": Fact("cloudws.models.WORKSTATION_ID_PREFIX, ID_LENGTH",
                           lambda: models.describe_id(models.WORKSTATION_ID_PREFIX)),
    "volume_id": Fact("cloudws.models.VOLUME_ID_PREFIX, ID_LENGTH",
                      lambda: models.describe_id(models.VOLUME_ID_PREFIX)),
    "name_length": Fact("cloudws.models.NAME_LENGTH",
                        lambda: _range(models.NAME_LENGTH, " characters")),
    "disk_size": Fact("cloudws.models.DISK_SIZE_GB", lambda: _range(models.DISK_SIZE_GB, " GiB")),
    "disk_size_default": Fact("cloudws.models.DEFAULT_DISK_SIZE_GB",
                              lambda: f"{models.DEFAULT_DISK_SIZE_GB} GiB"),
    "page_size": Fact("cloudws.models.PAGE_SIZE", lambda: _range(models.PAGE_SIZE)),
    "page_size_min": Fact("cloudws.models.PAGE_SIZE", lambda: str(models.PAGE_SIZE[0])),
    "page_size_max": Fact("cloudws.models.PAGE_SIZE", lambda: str(models.PAGE_SIZE[1])),
    "page_size_default": Fact("cloudws.models.DEFAULT_PAGE_SIZE",
                              lambda: str(models.DEFAULT_PAGE_SIZE)),
    "cursor_pattern": Fact("cloudws.models.CURSOR_PATTERN",
                           lambda: f"`{models.CURSOR_PATTERN}`"),
    "idempotency_key_length": Fact("cloudws.idempotency.KEY_MAX_LENGTH",
                                   lambda: f"1 to {idempotency.KEY_MAX_LENGTH}"),
    "idempotency_key_ttl": Fact("cloudws.idempotency.KEY_TTL", lambda: idempotency.describe_ttl()),
}


def table() -> str:
    """Every fact: its placeholder, the constant it is read from, and what it says today."""
    lines = ["| Placeholder | Read from `cloudws.` | Says today |", "| --- | --- | --- |"]
    for name, fact in FACTS.items():
        source = ", ".join(f"`{part.removeprefix('cloudws.')}`"
                           for part in fact.source.split(", "))
        lines.append(f"| `{{{{ fact {name} }}}}` | {source} | {fact.read()} |")
    return "\n".join(lines)


def machine_types() -> str:
    """Every machine type and its size (``cloudws.models.MACHINE_SIZES``), as a table."""
    lines = ["| Machine type | vCPUs | Memory | GPUs |", "| --- | --- | --- | --- |"]
    for name, size in models.MACHINE_SIZES.items():
        lines.append(f"| `{name}` | {size.vcpus} | {size.memory_gib} GiB | {size.gpus or '—'} |")
    return "\n".join(lines)


# -- facts written by hand ------------------------------------------------------------------

#: The shapes a fact takes in a sentence, whatever its value: a number written in one of
#: them is a fact stated by hand. Code spans are not searched (they hold examples' values).
_SHAPES = {
    "a size": r"\b\d[\d,]*\s*(?:[KMGT]i?B|kB|bytes?)\b",
    # not a version or a date; a full stop after it ends the sentence
    "a range": r"(?<![\d.])\d+\s*(?:to|–)\s*\d+(?![\d-]|\.\d)",
    "a default": r"\bdefaults?(?:\s+(?:to|is|of))?[:\s(]+\d+\b"
                 r"|\bdefault(?:\s+[a-z]+){1,3}\s+(?:is|of)\s+\d+\b"  # default page size is 20
                 r"|\b\d+(?:\s+[a-z]+){0,3}\s+(?:unless|by\s+default)\b"  # 20 items unless
                 r"|\bby\s+default,?(?:\s+[a-z]+){0,4}\s+\d+\b",  # by default, a page holds 20
    "a bound": r"\b(?:up to|at most|at least|no more than|more than|fewer than|less than|"
               r"longer than|shorter than|below|above|over|under)\s+\d+\b",
    "a length": r"\b\d+\s+(?:lowercase\s+|uppercase\s+)?(?:letters|characters|digits)\b",
    "a duration": r"\b\d+\s*(?:seconds?|minutes?|hours?|days?)\b",
    # a page holds 20 items, lists 20 stopped workstations
    "a count": r"\b\d+(?:\s+[a-z]+){0,2}?\s+(?:items|workstations|volumes|results|entries|"
               r"objects|records)\b",
}
_HAND_WRITTEN = re.compile("|".join(f"(?P<s{i}>{p})" for i, p in enumerate(_SHAPES.values())),
                          re.IGNORECASE)
_SHAPE_NAMES = list(_SHAPES)


_NUMBER_AND_UNIT = re.compile(r"(?P<number>\d[\d,]*)(?:\s*(?P<unit>[KMGT]i?B|kB|bytes?|"
                              r"seconds?|minutes?|hours?|days?|letters|characters|digits)\b)?")


def _numbers(text: str) -> tuple[set[int], set[str]]:
    """The whole numbers of ``text``, and the units written after them."""
    found = list(_NUMBER_AND_UNIT.finditer(text))
    return ({int(m["number"].replace(",", "")) for m in found},
            {m["unit"].lower().rstrip("s") for m in found if m["unit"]})


def saying(text: str) -> list[str]:
    """The facts whose value today has the numbers (and units) of ``text``, a fact written
    by hand: those with no other number first, then those with more.

    Example:
        >>> saying("over 64"), saying("4 KiB"), saying("20 unless")
        (['body_limit', 'head_limit'], [], ['page_size_default'])
        >>> saying("up to 100"), saying("1 to 100")
        (['page_size_max', 'page_size'], ['page_size'])
    """
    numbers, units = _numbers(text)
    if not numbers:
        return []
    exact, more = [], []
    for name, fact in FACTS.items():
        value, its_units = _numbers(fact.read())
        if numbers <= value and units <= its_units:
            (exact if numbers == value else more).append(name)
    return exact + more


@dataclass(frozen=True)
class HandWritten:
    """A number written by hand in the shape of a fact: its 1-based line and text."""

    line: int
    text: str
    shape: str


def hand_written(text: str, lines: Iterator[tuple[int, str]] | None = None) -> list[HandWritten]:
    """Every number of ``text`` (or of the numbered ``lines``) written as a fact states
    one, outside inline code; and every number by hand in a table's "Default" column.

    Example:
        >>> table = "| Parameter | Default |\\n| --- | --- |\\n| `limit` | 20 |\\n"
        >>> [(m.line, m.shape, m.text) for m in hand_written(table)]
        [(3, 'a default', '20')]
    """
    found = []
    defaults: int | None = None  # the column headed "Default" of the table being read
    for number, line in lines if lines is not None else enumerate(text.split("\n"), 1):
        masked = mask_code(line)
        for match in _HAND_WRITTEN.finditer(masked):
            shape = _SHAPE_NAMES[int(next(k for k, v in match.groupdict().items() if v)[1:])]
            found.append(HandWritten(number, match[0], shape))
        cells = [cell.strip() for cell in masked.strip().strip("|").split("|")]
        if not masked.lstrip().startswith("|"):
            defaults = None
        elif defaults is None:
            defaults = next((i for i, cell in enumerate(cells) if cell.lower() == "default"),
                            None)
        elif defaults < len(cells) and (value := re.search(r"\b\d+\b", cells[defaults])):
            found.append(HandWritten(number, value[0], "a default"))
    return found
