"""The browser tests' own rules: skip only without Chromium, and never in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import require_chromium


def test_require_chromium_returns_the_executable_when_present(tmp_path: Path) -> None:
    executable = tmp_path / "chromium"
    executable.write_text("")
    assert require_chromium(executable, env={"CI": "true"}) == executable


def test_require_chromium_skips_with_the_reason_when_missing(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match="chromium is missing: install Debian's"):
        require_chromium(tmp_path / "chromium", env={})


def test_require_chromium_fails_in_ci_when_missing(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set but .*chromium is missing"):
        require_chromium(tmp_path / "chromium", env={"CI": "true"})

