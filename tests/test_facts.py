"""Facts the docs state (limits, formats, defaults, sizes) come from the stub's constants:
pages state them through ``{{ fact <name> }}``, and nothing — page, README, description
string of the stub — writes one by hand (hooks/facts.py)."""

from __future__ import annotations

import ast
import importlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cloudws import idempotency, limits, models

from .harness.github import PLANTS_MISTAKES
from .harness.render import render_pages

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "hooks"
#: The stub's modules whose strings reach the API's answers, its OpenAPI document or the
#: docs (cli.py's help is about the command line, not the API).
STUB_MODULES = sorted(p for p in (ROOT / "src" / "cloudws").glob("*.py") if p.name != "cli.py")


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(HOOKS))
    return importlib.import_module("facts"), importlib.import_module("placeholders")


def _description_strings(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string of ``path`` but docstrings (f-strings: their literal
    parts, so that a value read from a constant is not a value written by hand)."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def test_facts_are_written_by_hand_nowhere_in_the_docs_or_readme(hooks):
    facts, placeholders = hooks
    found = []
    for path in [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]:
        text = path.read_text()
        found += [f"{path.relative_to(ROOT)}:{h.line}: {h.text!r} ({h.shape})"
                  for h in facts.hand_written(text, placeholders.prose_lines(text))]
    assert not found, ("facts written by hand; state them with {{ fact <name> }} (README: "
                       "name the constant):\n" + "\n".join(found))


def test_facts_are_written_by_hand_in_no_description_string_of_the_stub(hooks):
    facts, _ = hooks
    found = []
    for path in STUB_MODULES:
        for line, text in _description_strings(path):
            found += [f"{path.relative_to(ROOT)}:{line + h.line - 1}: {h.text!r} ({h.shape})"
                      for h in facts.hand_written(text)]
    assert not found, ("the stub's strings state facts by hand; build them from the "
                       "constants (f-strings):\n" + "\n".join(found))


def test_facts_hand_written_finds_each_shape_whatever_the_value(hooks):
    facts, _ = hooks
    text = ("A 48 KiB body. IDs have 7 to 40 characters. Pages hold 30 unless asked, "
            "up to 250. Default: 12. Names of 9 letters. Version 2, RFC 9110, `1 to 9`. "
            "The default page size is 37; a page holds 37 items by default. By default, a "
            "page holds 37 items. Pages hold 37 items unless you pass `limit`. Without `limit`, a "
            "page holds 37 items; the next holds 5 more stopped workstations. A size can be 10 to "
            "2000. Versions 1.2 to 1.4 and 2026-01-01 to 2026-02-01 are no facts, nor is a "
            "1.5 KiB body, or 2.5 seconds.")
    assert [h.shape for h in facts.hand_written(text)] == [
        "a size", "a range", "a default", "a bound", "a default", "a length", "a default",
        "a default", "a default", "a default", "a count", "a count", "a range"]


def test_a_duration_is_read_in_every_unit_of_time_a_writer_may_use(hooks):
    """A time written by hand in digits is a fact stated by hand, whatever its value and
    its unit, weeks included ("remembered for 2 weeks", where a fact says 24 hours); in
    another unit, the same time is the fact's ("1 day")."""
    facts, _ = hooks
    found = facts.hand_written("Kept 2 weeks, 3 wks, 90 minutes, or 1 day.")
    assert [(h.shape, h.text) for h in found] == [
        ("a duration", "2 weeks"), ("a duration", "3 wks"), ("a duration", "90 minutes"),
        ("a duration", "1 day")], found
    assert [h.says for h in found] == [(), (), (), ("idempotency_key_ttl",)], found


def test_a_size_is_read_in_every_unit_of_size_a_writer_may_use(hooks):
    """A size written by hand in another unit of size says what a fact says in its own: the
    body's limit in bytes is the fact that says it in KiB, one byte more is no fact's."""
    facts, _ = hooks
    limit = limits.MAX_BODY_BYTES
    found = facts.hand_written(f"A body of {limit} bytes is taken; one of {limit + 1} bytes "
                               f"is not, nor one of {limit // 1024 // 1024 + 1} MiB.")
    assert [(h.shape, h.text) for h in found] == [
        ("a size", f"{limit} bytes"), ("a size", f"{limit + 1} bytes"),
        ("a size", f"{limit // 1024 // 1024 + 1} MiB")], found
    assert "body_limit" in found[0].says and [h.says for h in found[1:]] == [(), ()], found


def test_a_length_in_chars_and_a_count_of_disks_are_read_as_facts_are(hooks):
    """"12 chars" is a length as "12 characters" is, and "32 standalone disks" a count of
    volumes: written by hand, whatever the value (the stub's count of standalone volumes
    is a fact's)."""
    from cloudws.models import MAX_STANDALONE_VOLUMES

    facts, _ = hooks
    other = MAX_STANDALONE_VOLUMES * 2
    found = facts.hand_written(f"An ID is ws- + 12 chars; it carries {other} standalone disks, "
                               f"or {MAX_STANDALONE_VOLUMES} standalone disks.")
    assert [(h.shape, h.text, h.says) for h in found] == [
        ("a length", "12 chars", ()), ("a count", f"{other} standalone disks", ()),
        ("a count", f"{MAX_STANDALONE_VOLUMES} standalone disks", ("standalone_volumes_max",))
    ], found


def test_inline_code_wrapped_across_lines_is_not_read_for_facts(hooks):
    """A code span runs on to the next line of its paragraph, as Markdown reads it: a
    number in it is an example's value, on either line. A fenced block between ends the
    paragraph, and a number after the span is read, at its line."""
    facts, placeholders = hooks
    text = ("Call it as `a page holds\n20 items` here, then\nover 64 KiB.\n"
            "```\n`\n```\nA page holds 20 items.\n")
    assert [(h.line, h.text) for h in facts.hand_written(
        text, placeholders.prose_lines(text))] == [(3, "over 64"), (7, "20 items")]


def test_a_fact_wrapped_across_lines_is_found_at_the_line_it_starts_on(hooks):
    """A sentence runs on from line to line of its paragraph, a quote's too: a fact broken
    by the line's end, even inside "at most", is found, named at the line where it starts,
    as it reads ("at most 100"). A blank line, a list item, a heading, a table row or a
    hard line break ends the paragraph: nothing is read across it. A line of a paragraph
    may start with a number and a full stop: no list starts there."""
    facts, placeholders = hooks
    most, default = models.PAGE_SIZE[1], models.DEFAULT_PAGE_SIZE
    ttl_hours = int(idempotency.KEY_TTL.total_seconds() // 3600)
    text = (f"Intro.\nA page holds at most\n  {most} items; by\ndefault, {default}.\n\n"
            f"Ask for up to\n\n{most}.\n- up to\n- {most}.\n# Up to\n{most}.\n"
            f"Up to\n| {most} |\n\nA page holds at\nmost {most}. Or up to\n{most}. That is all.\n"
            f"\n> Keys are kept for\n> {ttl_hours} hours.\n\nStopped by default  \n"
            f"{default} of them.\n\n1. up to\n2. {most} of them\n\nKeys last twenty-\n"
            "four hours.\n")
    found = facts.hand_written(text, placeholders.prose_lines(text))
    assert [(h.line, h.text) for h in found] == [
        (2, f"at most {most}"), (3, f"by default, {default}"), (16, f"at most {most}"),
        (17, f"up to {most}"), (21, f"{ttl_hours} hours"), (29, "twenty-four hours")], found
    assert "page_size_max" in found[0].says and found[1].says[0] == "page_size_default"


@PLANTS_MISTAKES
def test_a_page_size_in_words_left_after_its_constant_changed_fails(hooks, monkeypatch):
    """A number in words counting what a page holds fails whatever its value, as one in
    digits does: after the page sizes change, the old value left in words is caught. So
    does a bound in words measured as a fact measures ("up to sixty-three characters",
    "at most sixteen standalone volumes"), and a default in words so measured ("defaults
    to fifty GiB") or of what a fact's default is of ("`limit` defaults to twenty"), not
    another thing's ("`max_redirects` defaults to twenty"), and a time in words said of how
    long a key is kept ("keys are kept twenty-four hours"). In other units ("hours" said of
    anything else, a writer's words as often as a fact's) and other shapes ("three
    digits") a number in words fails only while a fact says it; numbers counting anything
    else pass."""
    facts, _ = hooks
    ttl_hours = int(idempotency.KEY_TTL.total_seconds() // 3600)
    page = spelled(models.DEFAULT_PAGE_SIZE)
    sentences = {f"A page holds {page} items.": "a count",
                 f"The default page size is {page}.": "a default",
                 f"It lists {page} workstations per page.": "a count",
                 f"It returns {page} matching items.": "a count",
                 f"Names have up to {spelled(models.NAME_LENGTH[1])} characters.": "a bound",
                 (f"It takes at most {spelled(models.MAX_STANDALONE_VOLUMES)} standalone "
                  "volumes."): "a bound",
                 f"`limit` defaults to {page} if you leave it out.": "a default",
                 (f"A disk defaults to {spelled(models.DEFAULT_DISK_SIZE_GB)} "
                  "GiB."): "a default",
                 f"Keys are kept {spelled(ttl_hours)} hours.": "a duration",
                 f"A key is remembered for up to {spelled(ttl_hours)} hours.": "a bound"}
    other_units = [f"Retry with the same key after {spelled(ttl_hours)} hours.",
                   f"Names have {spelled(models.NAME_LENGTH[1])} characters."]
    for sentence in [*sentences, *other_units]:
        assert facts.hand_written(sentence)[0].says, sentence  # today's values
    monkeypatch.setattr(models, "DEFAULT_PAGE_SIZE", models.DEFAULT_PAGE_SIZE + 5)
    monkeypatch.setattr(idempotency, "KEY_TTL", idempotency.KEY_TTL * 2)
    monkeypatch.setattr(models, "NAME_LENGTH", (1, models.NAME_LENGTH[1] + 1))
    monkeypatch.setattr(models, "MAX_STANDALONE_VOLUMES", models.MAX_STANDALONE_VOLUMES * 2)
    monkeypatch.setattr(models, "DEFAULT_DISK_SIZE_GB", models.DEFAULT_DISK_SIZE_GB + 5)
    for sentence, shape in sentences.items():
        found = facts.hand_written(sentence)
        assert [(h.shape, h.says) for h in found] == [(shape, ())], (sentence, found)
    for sentence in (*other_units, "It walks every page, three volumes at a time.",
                     "A status is three digits.", "It needs a few hundred bytes.",
                     "Machine types offer up to sixty-four GiB of memory, on a `highmem-8`.",
                     "It takes up to two hours.",
                     "Read it in five minutes.", "Create twenty workstations.",
                     "Attach up to two per workstation.", "It waits three times per page.",
                     "It took about two hours.", "The SDK retries three times by default.",
                     "Its timeout defaults to five seconds.",
                     "With `follow_redirects=True`, its `max_redirects` defaults to twenty.",
                     "curl's `--max-redirs` defaults to fifty.",
                     "The sandbox's port defaults to eight thousand and eighty.",
                     "The vCPU count defaults to two on `standard-2`."):
        assert facts.hand_written(sentence) == [], sentence


def test_a_range_no_fact_says_is_quoted_whole_with_the_unit_that_makes_it_a_fact(hooks):
    """"1-64 characters" and "between 1 and 64 characters" are no range a fact says, but
    each ends in a length stated by hand ("64 characters"): the range is quoted whole,
    and the facts of its unit named, as a writer who meant one of them needs."""
    facts, _ = hooks
    wrong = models.NAME_LENGTH[1] + 1
    found = facts.hand_written(f"A name is 1-{wrong} characters, a disk 10-{wrong * 64} GiB, "
                               f"a key between 1 and {wrong} characters.")
    assert [(h.shape, h.text) for h in found] == [
        ("a range", f"1-{wrong} characters"), ("a range", f"10-{wrong * 64} GiB"),
        ("a range", f"between 1 and {wrong} characters")], found
    assert all(not h.says for h in found)
    assert found[0].kin[:2] == found[2].kin[:2] == ("name_length", "idempotency_key_length")
    assert found[1].kin == ("disk_size", "disk_size_default")


def test_a_number_in_a_default_column_is_named_once_in_the_shape_it_is_written(hooks):
    """A table's "Default" cell is read for a number by hand; one that is also a size or
    a count ("50 GiB", "100 items") is named once, as that shape, not again as a default."""
    facts, _ = hooks
    default, page = models.DEFAULT_DISK_SIZE_GB, models.DEFAULT_PAGE_SIZE
    found = facts.hand_written(f"| Field | Default |\n| --- | --- |\n| `size` | {default} GiB |\n"
                               f"| `limit` | {page} |\n| `max` | {page + 1} items |\n")
    assert [(h.line, h.shape, h.text) for h in found] == [
        (3, "a size", f"{default} GiB"), (4, "a default", f"{page}"),
        (5, "a count", f"{page + 1} items")], found


def test_a_loose_shape_of_a_facts_kind_with_a_wrong_value_fails(hooks):
    """"The maximum page size is 200" fails as "the maximum page size is 100" does (the
    looser shapes are left alone only when nothing says they are a fact's), naming the
    maximum's fact first; so does a count of what a fact counts ("1-25 names"), and a
    number whose words name a fact ("the maximum name length is 64"). "The
    minimum Node version is 18", "between 2020 and 2024" and a time ("it takes 3h") are
    left alone."""
    facts, _ = hooks
    wrong = models.PAGE_SIZE[1] * 2
    listed, name = limits.MAX_LISTED_NAMES + 5, models.NAME_LENGTH[1] + 1
    found = facts.hand_written(f"The maximum page size is {wrong}. The default page size is "
                               f"{wrong}. A name is 1-{wrong} characters. A 400 lists 1-{listed}"
                               f" names. The maximum name length is {name}.")
    assert [(h.shape, h.text, h.kin[0]) for h in found] == [
        ("a bound", f"maximum page size is {wrong}", "page_size_max"),
        ("a default", f"default page size is {wrong}", "page_size_default"),
        ("a range", f"1-{wrong} characters", "name_length"),
        ("a range", f"1-{listed} names", "listed_names"),
        ("a bound", f"maximum name length is {name}", "name_length")], found
    assert facts.hand_written("The minimum Node version is 18; between 2020 and 2024 it "
                              "grew; it takes 3h; steps 2-3.") == []
    # a default that only a bound's fact says (page_size_max says 100) is no default's: the
    # defaults are named, not the bound, which would state a false default
    [default] = facts.hand_written("The volume (`disk_size_gb`, by default 100) is kept.")
    assert (default.shape, default.says, default.kin) == (
        "a default", (), ("disk_size_default", "page_size_default")), default
    # and a count in another shape stays a count
    assert [(h.shape, h.text) for h in facts.hand_written(
        "The maximum of the two is 5 volumes.")] == [("a count", "5 volumes")]
    # a page's size said of what it holds "a page", as "per page"
    assert [h.says for h in facts.hand_written(
        f"It lists up to {models.PAGE_SIZE[1]} volumes a page.")] == [("page_size_max", "page_size")]
    # the most standalone volumes: said of standalone volumes, not of a count of others
    [bound] = facts.hand_written(
        f"It lists up to {models.MAX_STANDALONE_VOLUMES} standalone volumes.")
    assert bound.says == ("standalone_volumes_max",), bound
    assert [h.kin for h in facts.hand_written("ws-12345 has 2 volumes attached.")] == [()]
    # a default a fact says, which is no bound: its placeholder
    assert [(h.shape, h.says) for h in facts.hand_written(
        "A key is remembered for 24 hours by default.")] == [
        ("a default", ("idempotency_key_ttl",))]


@PLANTS_MISTAKES
def test_facts_pages_follow_a_changed_constant(monkeypatch):
    """Every page that states a fact shows the stub's value when it is built: change the
    constants and build those pages as the site build does (the hooks and MkDocs' own
    steps), and each ``{{ fact }}`` on each page says the new one."""
    monkeypatch.setattr(limits, "MAX_BODY_BYTES", 32 * 1024)
    monkeypatch.setattr(limits, "MAX_LISTED_NAMES", 7)
    monkeypatch.setattr(models, "ID_LENGTH", (6, 40))
    monkeypatch.setattr(models, "PAGE_SIZE", (2, 57))
    monkeypatch.setattr(models, "DEFAULT_PAGE_SIZE", 23)
    monkeypatch.setattr(models, "DISK_SIZE_GB", (20, 4096))
    monkeypatch.setattr(models, "DEFAULT_DISK_SIZE_GB", 64)
    monkeypatch.setattr(models, "MAX_STANDALONE_VOLUMES", 9)
    monkeypatch.setattr(models, "CURSOR_PATTERN", r"^[0-9a-z]{16}$")
    monkeypatch.setattr(idempotency, "KEY_MAX_LENGTH", 99)
    monkeypatch.setattr(idempotency, "KEY_TTL", timedelta(hours=36))
    monkeypatch.setattr(models, "MACHINE_SIZES", {
        "tiny-1": models.MachineSize(1, 2), **models.MACHINE_SIZES})
    expected = {"body_limit": "32 KiB", "listed_names": "7 of each", "workstation_id": "ws- and 6 to 40 lowercase",
                "volume_id": "vol- and 6 to 40 lowercase", "page_size": "2 to 57",
                "page_size_max": "57", "page_size_default": "23", "disk_size": "20 to 4096 GiB",
                "disk_size_default": "64 GiB", "cursor_pattern": "^[0-9a-z]{16}$",
                "idempotency_key_length": "1 to 99", "idempotency_key_ttl": "36 hours",
                "standalone_volumes_max": "at most 9 standalone"}
    pages = {page: names for page in sorted((ROOT / "docs").rglob("*.md"))
             if (names := re.findall(r"\{\{ fact (\w+) \}\}",
                                     re.sub(r"`[^`\n]*`", "", page.read_text())))}
    create = ROOT / "docs" / "workstations" / "create.md"
    html, problems = render_pages(sorted({*pages, create}))
    assert not problems, "\n".join(problems)
    stated = 0
    for page, names in pages.items():
        src = page.relative_to(ROOT / "docs").as_posix()
        text = " ".join(BeautifulSoup(html[page], "html.parser").get_text(" ").split())
        for name in set(names):
            assert name in expected, f"{src}: add {name} to this test's changed facts"
            assert text.count(expected[name]) >= names.count(name), \
                f"{src}: {{{{ fact {name} }}}} does not say {expected[name]!r}"
        stated += len(names)
    assert stated >= 10
    assert "<code>tiny-1</code>" in html[create], "the machine types table does not follow"


@PLANTS_MISTAKES
def test_a_fact_written_by_hand_is_named_with_the_placeholder_that_says_it():
    """The facts whose numbers (and units) it has, not those whose text contains it (``4
    KiB`` is in ``64 KiB``), and one written as a bound (``over 64``) as well; of those,
    the ones whose subject is named around it (a body's, not the head's). A fact's value
    said of another subject, by hand or by its placeholder, is told so."""
    page = ROOT / "docs" / "concepts" / "pagination.md"
    text = page.read_text()
    said = models.PAGE_SIZE
    line = next(n for n, l in enumerate(text.splitlines(), 1)
                if l.startswith("A `limit` outside {{ fact page_size }}"))
    kib = limits.MAX_BODY_BYTES // 1024
    last = text.count("\n") + 2  # after a blank line
    default = spelled(models.DEFAULT_PAGE_SIZE)
    longest = spelled(models.NAME_LENGTH[1])
    _, problems = render_pages([page], {page: text.replace(
        "A `limit` outside {{ fact page_size }}", f"A `limit` outside {said[0]} to {said[1]}")
        + f"\nA body larger than {kib // 16} KiB is taken; one over {kib} KiB is not. A page "
        f"holds {default} items. Names have up to {longest} characters.\n"})
    assert f"docs/concepts/pagination.md:{line}: '{said[0]} to {said[1]}' states a range by " \
           f"hand: write {{{{ fact page_size }}}} ({said[0]} to {said[1]}), read from the " \
           "stub" in "\n".join(problems), problems
    # a value no fact says: the facts of its unit, should it mean one of them (those whose
    # subject is named around it: a body's, not the head's)
    assert f"docs/concepts/pagination.md:{last}: '{kib // 16} KiB' states a size by hand: " \
           "no fact says it today; if it means one of these, its value or unit is wrong: say it with " \
           f"{{{{ fact body_limit }}}} ({kib} KiB), read from the stub" \
           in "\n".join(problems), problems
    # and what is no fact of the API's, though it has a fact's shape
    assert ("a value an example shows, a client's own (its timeout, its retries) or the old "
            "API's is no fact: write it in backticks, or say it another way"
            in "\n".join(problems)), problems
    # its unit with it, and what the placeholder replaces when a bound's word comes first
    assert f"docs/concepts/pagination.md:{last}: 'over {kib} KiB' states a bound by hand: " \
           f"write {{{{ fact body_limit }}}} ({kib} KiB) in place of '{kib} KiB'" \
           in "\n".join(problems), problems
    # a fact's value said of what it is not of: the fact, and that nothing names its subject
    _, kept = render_pages([page], {page: text + "\nA cursor is kept for "
                                         f"{idempotency.describe_ttl()}.\n"})
    assert f"docs/concepts/pagination.md:{last}: '{idempotency.describe_ttl()}' states a " \
           "duration by hand: {{ fact idempotency_key_ttl }} " \
           f"({idempotency.describe_ttl()}) says it of the idempotency key, which nothing " \
           "around it names: if it is of that, say so and write the fact; of something else, " \
           "no fact says it" in "\n".join(kept), kept
    # and a fact's placeholder so: told at its line
    _, placed = render_pages([page], {page: text + "\n## Cursors\n\nA cursor is kept for "
                                         "{{ fact idempotency_key_ttl }}.\n\n## Keys\n\n"
                                         "A key is kept {{ fact idempotency_key_ttl }}.\n"})
    assert [p for p in placed if "is of the" in p] == [
        (f"docs/concepts/pagination.md:{last + 2}: {{{{ fact idempotency_key_ttl }}}} "
        f"({idempotency.describe_ttl()}) is of the idempotency key, but its paragraph, the "
        "one before it, its heading and the page's title name none ('idempotency key', "
        "'Idempotency-Key', 'key'): say what it is of; what it says of something else is no "
        "fact, whatever its value")], placed
    assert f"docs/concepts/pagination.md:{last}: '{default} items' states a count by hand: " \
           f"write {{{{ fact page_size_default }}}} ({models.DEFAULT_PAGE_SIZE}) in place of " \
           f"'{default}', read from the stub" in "\n".join(problems), problems
    # one end of a fact's range: the fact, and a sentence to rephrase around it
    assert f"docs/concepts/pagination.md:{last}: 'up to {longest}' states a bound by hand: " \
           f"say it with {{{{ fact name_length }}}} ({models.NAME_LENGTH[0]} to " \
           f"{models.NAME_LENGTH[1]} characters), read from the stub, rephrasing around it" \
           in "\n".join(problems), problems


@PLANTS_MISTAKES
def test_a_table_without_leading_pipes_is_read_row_by_row(hooks):
    """A table may be written without its leading and trailing pipes, as Markdown allows:
    each of its rows is read alone, as one with them is. A unit in the next row is not a
    placeholder's, and a bound at a row's end does not run on to the next row's number."""
    facts, _ = hooks
    page = ROOT / "docs" / "volumes" / "get.md"
    table = ("\nLimit | Value\n--- | ---\nDisk size | {{ fact disk_size }}\nGiB per page | "
             "none\nA page | up to\n{{ fact page_size }} | items\n")
    _, problems = render_pages([page], {page: page.read_text() + table})
    assert not problems, problems
    rows = [(n, line) for n, line in enumerate(table.splitlines(), start=1)]
    assert [[n for n, _ in run] for run in facts.runs(rows)] == [[2], [3], [4], [5], [6], [7]]


@PLANTS_MISTAKES
def test_a_fact_with_its_unit_is_replaced_whole_and_a_unit_written_twice_is_named(hooks):
    """Following the message word for word leaves a true page: it quotes what the
    placeholder replaces, the unit after the number too when the fact writes it, and not
    the word after a size ("50 GiB in size"); "between" with its range. A unit written
    again after a placeholder that writes it, or one of its kind ("64 KiB bytes"), fails,
    on the next line too. A fact whose unit the sentence writes (``1 to 64 characters``),
    and an ID's fact (``vol-`` and its letters), are not written in place of a number."""
    facts, _ = hooks
    page = ROOT / "docs" / "volumes" / "get.md"
    text = page.read_text()
    low, high = models.DISK_SIZE_GB
    default = models.DEFAULT_DISK_SIZE_GB
    last = text.count("\n") + 2  # after a blank line
    _, problems = render_pages([page], {page: text + (
        f"\nA volume is {low} to {high} GiB. A new one is {default} GiB in size. It holds "
        f"between {low} and {high} GiB. A volume is {{{{ fact disk_size }}}} GiB, or "
        "{{ fact disk_size }} gigabytes; a body of {{ fact body_limit }} bytes; a key has "
        "{{ fact idempotency_key_length }} characters; a size of {{ fact disk_size }}\n"
        "GiB.\n")})
    said = "\n".join(problems)
    for stated in (f"{low} to {high} GiB", f"{default} GiB", f"between {low} and {high} GiB"):
        fact = "disk_size_default" if stated == f"{default} GiB" else "disk_size"
        assert (f"docs/volumes/get.md:{last}: {stated!r} states "
                f"{'a size' if fact.endswith('default') else 'a range'} by hand: write "
                f"{{{{ fact {fact} }}}} ({facts.FACTS[fact].read()}), read from the stub"
                in said), said
    doubled = [line for line in said.splitlines() if "its unit with it" in line]
    assert doubled == [
        f"docs/volumes/get.md:{number}: {{{{ fact {fact} }}}} {word}: the fact says "
        f"{facts.FACTS[fact].read()!r}, its unit with it, so the page would read "
        f"'{facts.FACTS[fact].read()} {word}': drop the {word!r} after it"
        for number, fact, word in ((last, "disk_size", "GiB"), (last, "disk_size", "gigabytes"),
                                   (last, "body_limit", "bytes"),
                                   (last, "disk_size", "GiB"))], said
    # a unit's word in the next list item, paragraph or block is not this placeholder's
    apart = (text + "\n- Bodies up to {{ fact body_limit }}\n- Bytes beyond it are refused."
             "\n\nNames have {{ fact name_length }}\n\nLetters are kept as sent.\n")
    _, problems = render_pages([page], {page: apart})
    assert not problems, problems
    # a word between the number and the unit that the fact does not say: rephrased around
    shortest_name, longest_name = models.NAME_LENGTH
    _, problems = render_pages([page], {page: text + f"\nNames are {shortest_name} to "
                                         f"{longest_name} lowercase characters.\n"})
    assert "rephrasing around it" in "\n".join(problems), problems
    _, problems = render_pages([page], {page: text + f"\nNames are {shortest_name} to "
                                         f"{longest_name} UPPERCASE characters.\n"})
    assert "{{ fact name_length }}" in "\n".join(problems), problems
    for qualifier in ("ASCII", "alphanumeric", "printable", "Unicode"):  # as "lowercase"
        found = facts.hand_written(f"Names are {shortest_name} to {longest_name} {qualifier} "
                                   "characters.")
        assert [(h.says[:1], h.whole) for h in found] == [(("name_length",), False)], found
    # a wrong key length: the fact of its unit, written after the placeholder
    _, problems = render_pages([page], {page: text + "\nA key has 1 to 64 characters.\n"})
    # (of the facts of its unit, the one whose subject it names: a key's, not a name's)
    assert ("no fact says it today; if it means one of these, its value or unit is wrong: say it "
            "with {{ fact idempotency_key_length }} (1 to ") in "\n".join(problems), problems
    assert "{{ fact name_length }}" not in "\n".join(problems), problems
    # an ID's fact: to rephrase around, not to write in place of the number
    shortest, longest = models.ID_LENGTH
    _, problems = render_pages([page], {page: text + f"\nAfter it come {shortest} to "
                                         f"{longest} lowercase letters or digits.\n"})
    told = [p for p in "\n".join(problems).splitlines() if "lowercase" in p]
    assert told and all("rephrasing around it" in p for p in told), problems
    # its length said in characters: the ID's facts, which have its numbers, come first
    _, problems = render_pages([page], {page: text + f"\nAn ID has {shortest} to {longest} "
                                         "characters after its prefix.\n"})
    assert ("its value or unit is wrong: say it with {{ fact workstation_id }}"
            in "\n".join(problems)), problems



@PLANTS_MISTAKES
def test_an_id_prefix_written_before_the_fact_that_opens_with_it_is_named(hooks):
    """"`vol-` and {{ fact volume_id }}" would read "`vol-` and `vol-` and 5 to 32 ...":
    the words before the placeholder that repeat what its fact opens with fail, at the
    placeholder's line, with what to drop; written as code or not, next to it or a few
    words before. The prefix in another sentence, another fact after it, both in inline
    code, or the prefix inside an ID or a word, pass."""
    facts, _ = hooks
    page = ROOT / "docs" / "volumes" / "get.md"
    text = page.read_text()
    last = text.count("\n") + 2  # after a blank line
    volume, workstation = facts.opening("volume_id"), facts.opening("workstation_id")
    assert (volume, workstation) == (models.VOLUME_ID_PREFIX, models.WORKSTATION_ID_PREFIX)
    _, problems = render_pages([page], {page: text + (
        f"\nAn ID is `{volume}` and {{{{ fact volume_id }}}}. Its form is {volume} followed by\n"
        f"{{{{ fact volume_id }}}}, or `{workstation}`{{{{ fact workstation_id }}}}.\n\n"
        f"A volume's is `{volume}`: {{{{ fact volume_id }}}}. `{workstation}`, then "
        "{{ fact volume_id }}. In code, `` `vol-` and {{ fact volume_id }} `` is left.\n\n"
        f"An ID such as `{volume}data1` is {{{{ fact volume_id }}}}; as is evol{volume} news, "
        "{{ fact volume_id }}.\n")})
    twice = [p for p in "\n".join(problems).splitlines() if "with it, so" in p]
    said = {name: facts.FACTS[name].read() for name in ("volume_id", "workstation_id")}
    assert twice == [
        f"docs/volumes/get.md:{number}: {{{{ fact {name} }}}}: the fact says {said[name]!r}, "
        f"{facts.opening(name)!r} with it, so the page would read '{written}{said[name]}': "
        f"drop the {written.strip()!r} before it"
        for number, name, written in ((last, "volume_id", f"`{volume}` and "),
                                      (last + 1, "volume_id", f"{volume} followed by "),
                                      (last + 1, "workstation_id", f"`{workstation}`"))], problems



@PLANTS_MISTAKES
def test_a_bound_before_a_range_fact_is_named_with_the_fact_of_its_end(hooks):
    """"up to {{ fact disk_size }}" would read "up to 10 to 2048 GiB": it fails, naming the
    fact of the end it means where one says it alone (``page_size_max``), else saying to
    rephrase; a bound by hand whose value is wrong is told to rephrase around a range's
    fact from the start. A bound before a fact of one value passes."""
    facts, _ = hooks
    page = ROOT / "docs" / "volumes" / "get.md"
    text = page.read_text()
    last = text.count("\n") + 2  # after a blank line
    high = models.DISK_SIZE_GB[1]
    _, problems = render_pages([page], {page: text + (
        "\nA volume holds up to {{ fact disk_size }}. A list gives at most {{ fact page_size }}"
        " items,\nand at least {{ fact page_size }}. Up to {{ fact page_size_max }} is fine. "
        f"A disk of up to {high * 2} GiB.\n")})
    said = {name: facts.FACTS[name].read() for name in ("disk_size", "page_size")}
    lines = "\n".join(problems).splitlines()
    told = [p for p in lines if ", a range, so" in p]
    assert told == [
        (f"docs/volumes/get.md:{last}: up to {{{{ fact disk_size }}}}: the fact says "
        f"{said['disk_size']!r}, a range, so the page would read 'up to {said['disk_size']}': "
        "no fact says its end alone: drop the 'up to' and say the range, rephrasing around it"),
        (f"docs/volumes/get.md:{last}: at most {{{{ fact page_size }}}}: the fact says "
        f"{said['page_size']!r}, a range, so the page would read 'at most "
        f"{said['page_size']}': write {{{{ fact page_size_max }}}} ({models.PAGE_SIZE[1]}) "
        "for its end"),
        (f"docs/volumes/get.md:{last + 1}: at least {{{{ fact page_size }}}}: the fact says "
        f"{said['page_size']!r}, a range, so the page would read 'at least "
        f"{said['page_size']}': write {{{{ fact page_size_min }}}} ({models.PAGE_SIZE[0]}) "
        "for its end")], problems
    # a negated bound is the other end
    for bound, end in (("no fewer than", "page_size_min"), ("not more than", "page_size_max"),
                       ("not above", "page_size_max"), ("no greater than", "page_size_max"),
                       ("not below", "page_size_min")):
        found = facts.BOUND_BEFORE_FACT.search(f"A page holds {bound} {{{{ fact page_size }}}}.")
        assert found is not None and found["bound"] == bound
        assert facts.bounded_range(found["bound"], found["name"]) == (end,)
    assert [(h.shape, h.text) for h in facts.hand_written(
        f"A limit greater than {high} is refused.")] == [("a bound", f"greater than {high}")]
    wrong = [p for p in lines if f"'up to {high * 2} GiB'" in p]  # (its unit with it)
    assert [h.stated for h in facts.hand_written("A body over 1 MiB gets `413`.")] == [
        "over 1 MiB"]  # (a bound no fact says, quoted with its unit)
    assert len(wrong) == 1 and f"({said['disk_size']}) or" in wrong[0] and \
        "read from the stub, rephrasing around it;" in wrong[0], problems


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def spelled(n: int) -> str:
    """``n`` (under ten thousand) in words, as a writer may put it: ``sixty-four``."""
    words = []
    if n >= 1000:
        words += [spelled(n // 1000), "thousand"]
        n %= 1000
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        words.append(_TENS[n // 10 - 2] + (f"-{_ONES[n % 10]}" if n % 10 else ""))
    elif n or not words:
        words.append(_ONES[n])
    return " ".join(words)


def test_a_fact_written_in_words_is_found_when_a_fact_says_it_today(hooks):
    """A number in words, or in digits in a looser shape ("between", "the maximum ... is"),
    is a fact written by hand when a fact says it today: all its numbers are the fact's,
    and the word after it is the fact's unit (for a fact with none, what a page counts,
    or no unit at all). It is named with the placeholder that says it. Anything else is
    left alone: an example's "three volumes at a time", "five minutes" to read a page,
    "twenty times" or "a hundred teams" (no page size), and "one" alone, English's "a"
    ("more than one volume")."""
    facts, _ = hooks
    ttl_hours = int(idempotency.KEY_TTL.total_seconds() // 3600)
    ids = models.ID_LENGTH
    stated = {
        f"A page holds {spelled(models.DEFAULT_PAGE_SIZE)} items.": "page_size_default",
        f"Ask for up to {spelled(models.PAGE_SIZE[1])}.": "page_size_max",
        f"Up to {spelled(models.PAGE_SIZE[1])} per page.": "page_size_max",
        f"A key is kept {spelled(ttl_hours)} hours.": "idempotency_key_ttl",
        f"Bodies of {spelled(limits.MAX_BODY_BYTES // 1024)} KiB.": "body_limit",
        f"Names of {spelled(models.NAME_LENGTH[0])} to {spelled(models.NAME_LENGTH[1])} "
        "characters.": "name_length",
        f"The default size is {spelled(models.DEFAULT_DISK_SIZE_GB)} GiB.": "disk_size_default",
        f"Names have between {spelled(models.NAME_LENGTH[0])} and "
        f"{spelled(models.NAME_LENGTH[1])} characters.": "name_length",
        f"The maximum page size is {spelled(models.PAGE_SIZE[1])}.": "page_size_max",
        f"THEY ARE KEPT {spelled(ttl_hours).upper()} HOURS.": "idempotency_key_ttl",
        # one end of a range, with the fact's unit
        f"Names can be up to {spelled(models.NAME_LENGTH[1])} characters long.": "name_length",
        f"Keys are at most {spelled(idempotency.KEY_MAX_LENGTH)} characters.":
            "idempotency_key_length",
        f"The minimum disk size is {spelled(models.DISK_SIZE_GB[0])} GiB.": "disk_size",
        # a unit by another name, or after a hyphen; a thousands separator; per page
        f"A body over {limits.MAX_BODY_BYTES // 1024} kilobytes is refused.": "body_limit",
        f"A {limits.MAX_BODY_BYTES // 1024}-KiB body is refused.": "body_limit",
        f"Keys are kept for a {ttl_hours}-hour window.": "idempotency_key_ttl",
        f"Disks run from {models.DISK_SIZE_GB[0]} to {models.DISK_SIZE_GB[1]:,} GiB.":
            "disk_size",
        f"You get {spelled(models.DEFAULT_PAGE_SIZE)} per page.": "page_size_default",
        # short forms: a unit's letter, a range with a hyphen
        f"Keys are kept {ttl_hours}h.": "idempotency_key_ttl",
        f"Pass a limit of {models.PAGE_SIZE[0]}-{models.PAGE_SIZE[1]}.": "page_size",
        f"Pass a limit in the {models.PAGE_SIZE[0]}-{models.PAGE_SIZE[1]} range.": "page_size",
        f"Disks are {models.DISK_SIZE_GB[0]}-{models.DISK_SIZE_GB[1]:,} GiB.": "disk_size",
        # in digits, the looser shapes
        f"IDs have between {ids[0]} and {ids[1]} lowercase letters.": "workstation_id",
        f"The maximum page size is {models.PAGE_SIZE[1]}.": "page_size_max",
    }
    for sentence, name in stated.items():
        found = facts.hand_written(sentence)
        assert len(found) == 1 and name in found[0].says, (sentence, found)
    said = {n for fact in facts.FACTS.values() for n in map(int, re.findall(r"\d+", fact.read()))}
    other = next(n for n in range(3, 10) if n not in said)
    for sentence in (f"It walks every page, {spelled(other)} volumes at a time.",
                     f"Read it in {spelled(other)} minutes.",
                     # a number of a fact in another unit, or counting something else
                     f"Start {spelled(ids[0])} workstations at a time.",
                     f"Retry at most {spelled(models.DISK_SIZE_GB[0])} times.",
                     f"There are {spelled(ttl_hours)} workstations.",
                     f"Retry up to {spelled(models.DEFAULT_PAGE_SIZE)} times.",
                     f"It starts in under {spelled(models.DEFAULT_PAGE_SIZE)} minutes.",
                     f"More than {spelled(models.PAGE_SIZE[1])} teams use it.",
                     # what an example makes, not what a page holds
                     f"Create {spelled(models.DEFAULT_PAGE_SIZE)} workstations in a loop.",
                     f"We made over {spelled(models.PAGE_SIZE[1])} volumes last year.",
                     f"The maximum number of retries is {ids[0]}.",
                     # in digits, the looser shapes: no fact
                     "Between 2020 and 2024; between 9 and 5; wait between 2 and 3.5 s.",
                     "The minimum Node version is 18.",
                     f"See steps 2-{other}, released 2026-01-01; it takes {other}h or 5s.",
                     f"See https://example.com/sizes/{models.PAGE_SIZE[0]}-{models.PAGE_SIZE[1]}.",
                     f"Released: 2026-01-{models.DEFAULT_PAGE_SIZE} volumes, attached.",
                     "A workstation has more than one volume, at least one.",
                     "Seventy-fourth, often, tens of items."):
        assert facts.hand_written(sentence) == [], sentence
