"""A copy button copies what runs when pasted (docs/stylesheets/theme.css): a console
block's commands, without their ``$`` prompts or the lines they print."""

from __future__ import annotations

from pathlib import PurePosixPath

from tests.harness.discovery import DOCS, console_commands, pages

from .conftest import Visit


def _url(path: PurePosixPath) -> str:
    """The site's address of the page at ``path`` (relative to ``docs/``)."""
    parts = path.with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return "/" + "".join(part + "/" for part in parts)


def test_a_console_blocks_copy_button_copies_its_commands_only(visit: Visit) -> None:
    shown = [(page, fences) for page in pages()
             if (fences := [fence for fence in page.fences if fence.lang == "console"])]
    assert shown, "no page shows a console block: this test would check nothing"
    for page, fences in shown:
        tab = visit.open(_url(PurePosixPath(page.path.relative_to(DOCS).as_posix())))
        blocks = tab.locator("article pre:has(> code > .gp)")
        assert blocks.count() == len(fences), f"{page.where}: console blocks on its page"
        for block, fence in zip(blocks.all(), fences, strict=True):
            block.hover()
            block.locator("button[data-md-type='copy']").click()
            copied = tab.evaluate("navigator.clipboard.readText()")
            commands = [line for command in console_commands(page, fence)
                        for line in command.text.rstrip("\n").split("\n")]
            # Each line of output hidden leaves a blank line (bash runs through them).
            assert [line for line in copied.split("\n") if line.strip()] == commands, (
                f"{page.where}:{fence.first_content_line}: its copy button copied "
                f"{copied!r}, not the block's commands alone")
