"""The project's pytest plugins, for the suite and for a page checked on its own.

``uv run pytest`` runs the suite (``tests/``, and the stub's doctests). ``uv run pytest
docs/workstations/delete.md`` checks that page alone: its examples in every language,
its JSON blocks, its generated tables and prose references, and its share of the
coverage table (see ``tests/harness/page.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytest_plugins = ["tests.harness.fixtures"]

_SNIPPETS = Path(__file__).resolve().parent / "snippets"
_DOCS = _SNIPPETS.with_name("docs")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject.toml): every core for the whole suite (or a shard of it); a
    selection named on the command line (a page, a module, a test) runs in this process,
    which starts in a fraction of the time two workers take."""
    if config.args_source is pytest.Config.ArgsSource.ARGS:
        return 0
    return None  # pytest-xdist's own count: the cores this process may use


#: The project's own Python, imported by every process a run starts (workers, builds,
#: servers, pasted examples): its bytecode is cached before any of them starts.
_OWN_PYTHON = ("src", "tests", "hooks", "bench")


def _cache_own_bytecode(root: Path) -> None:
    """Write the bytecode of the project's own modules that is missing or stale to their
    ``__pycache__`` folders (ignored by git), as Python does on import, even where
    ``PYTHONDONTWRITEBYTECODE`` is set (CI images, containers): there each of a run's
    processes would compile them again (measured here: 0.3 s of a page's check, 17 s of
    the suite's CPU). Up to date, this takes a few milliseconds; where the tree
    cannot be written, nothing is cached and nothing fails. The installed packages'
    bytecode is :func:`_cache_packages_bytecode`'s."""
    import compileall

    for name in _OWN_PYTHON:
        compileall.compile_dir(root / name, quiet=2, workers=1)


def _cache_packages_bytecode(module_file: str = pytest.__file__) -> str | None:
    """Where Python may not cache bytecode (``PYTHONDONTWRITEBYTECODE``) and the project's
    environment has none for its installed packages (that of ``module_file``, one of them,
    is missing: ``uv run`` installs them without it), write it once, as ``uv sync
    --compile-bytecode`` does, and say so: else each process of each run compiles them
    again (measured here: 0.7 s of a page's check, 11 to 47 s of the suite's CPU). Not done in
    an interpreter's own site-packages (no virtual environment), nor a second time.

    Not uv's ``compile-bytecode`` setting in pyproject.toml: uv then checks all of it again,
    and says so, at every ``uv run`` (0.3 s here)."""
    import compileall
    import importlib.util
    import sysconfig

    if (not sys.dont_write_bytecode or sys.prefix == sys.base_prefix
            or Path(importlib.util.cache_from_source(module_file)).exists()):
        return None
    packages = sysconfig.get_paths()["purelib"]
    # in this process, not a pool: a pool forks, and a fork inside an xdist worker whose
    # threads run event loops (the test of this) hung a later in-process request
    compileall.compile_dir(packages, quiet=2, workers=1)
    return (f"cached the bytecode of the installed packages in {packages} (once: "
            "PYTHONDONTWRITEBYTECODE is set, so Python would never cache it)")


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session):
    """While the tests are collected, Python may write bytecode, even where
    ``PYTHONDONTWRITEBYTECODE`` is set (CI images, containers): pytest then caches each test
    module with its asserts rewritten in its ``__pycache__``, as it does by default, and
    reads it there in every later process, where it would rewrite every module again
    (measured here: about 1 s of each worker's collection of the suite, a quarter of it).
    The setting is the user's again before any test runs. pytest reads the cache even when
    told not to write it, and writes it only where the tree can be written."""
    held = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode = held


#: Every server a run talks to is on this machine.
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _loopback_without_proxy(env: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Where the shell sets a proxy (``HTTP_PROXY``, ``https_proxy``...), loopback is added
    to ``NO_PROXY`` and ``no_proxy`` in this run's environment (both then list the hosts
    either listed), so that the tests' httpx clients and ``curl`` reach the sandbox on
    127.0.0.1 directly, as a reader's would with it in their ``no_proxy``; the examples run
    with only the documented exports set, and node's ``fetch`` reads no proxy. Without a
    proxy set, or with ``*`` (no proxy for any host), nothing changes.

    Example:
        >>> env = {"HTTPS_PROXY": "http://proxy:3128", "no_proxy": "corp.example"}
        >>> _loopback_without_proxy(env)
        >>> env["no_proxy"] == env["NO_PROXY"] == "corp.example,127.0.0.1,localhost,::1"
        True
        >>> env = {"PATH": "/usr/bin"}; _loopback_without_proxy(env); env
        {'PATH': '/usr/bin'}
        >>> env = {"http_proxy": "http://proxy:3128", "NO_PROXY": "*"}
        >>> _loopback_without_proxy(env); env["NO_PROXY"], "no_proxy" in env
        ('*', False)
    """
    if not any(k.lower() in ("http_proxy", "https_proxy", "all_proxy") and v
               for k, v in env.items()):
        return
    hosts: list[str] = []
    for name in ("no_proxy", "NO_PROXY"):
        hosts += [h.strip() for h in env.get(name, "").split(",")
                  if h.strip() and h.strip() not in hosts]
    if "*" in hosts:
        return
    env["no_proxy"] = env["NO_PROXY"] = ",".join(
        hosts + [h for h in _LOOPBACK if h not in hosts])


def pytest_configure(config: pytest.Config) -> None:
    """The project's own bytecode is cached (by the run's first process, before any other
    starts). Pages named on the command line start building at once; an example of
    ``snippets/``, a file of ``docs/`` that is not a page (the lifecycle diagram) or a
    Markdown file outside ``docs/`` is refused, saying what to check instead (see
    tests/harness/page.py). A test named as a failure's summary shows it
    under workers (``…::test@<group>``: pytest-xdist adds the group) runs as named."""
    _loopback_without_proxy()
    if not hasattr(config, "workerinput"):
        said = _cache_packages_bytecode()
        if said is not None:
            print(said, file=sys.stderr)
        _cache_own_bytecode(_SNIPPETS.parent)
    if config.args_source is not pytest.Config.ArgsSource.ARGS:
        return
    if any("::" in arg and "@" in arg for arg in config.args):
        from tests.helpers import without_group

        config.args[:] = [without_group(arg) for arg in config.args]
    named = [(config.invocation_params.dir / arg.partition("::")[0]).resolve()
             for arg in config.args]
    if any(path.suffix == ".md" or path == _SNIPPETS or _SNIPPETS in path.parents
           or (_DOCS in path.parents and (not path.exists() or path.is_file()))
           for path in named):
        from tests.harness.page import refuse_what_is_not_a_page, start_builds

        refuse_what_is_not_a_page(config)
        if not config.option.collectonly:
            start_builds(config)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".md":  # the harness is imported only for Markdown files
        from tests.harness.page import PageFile, is_page

        if is_page(file_path):
            return PageFile.from_parent(parent, path=file_path)  # type: ignore[no-any-return]
    return None


def pytest_collection_finish(session: pytest.Session) -> None:
    """In a run of pages narrowed (``-k``, say), each page's build starts now, if its
    check was selected (see tests/harness/page.py)."""
    if "tests.harness.page" in sys.modules:  # a page was collected
        from tests.harness.page import start_selected_builds

        start_selected_builds(session)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """After ``--store-durations`` (pytest-split, which has just written the file): each
    test in an xdist group is also kept under its id without the group's ``@<group>``.

    Under ``--dist loadgroup`` pytest-split reads a grouped test's id with that suffix
    (xdist adds it first); a run without workers, such as ``--collect-only``, without it.
    With both ids in ``.test_durations``, both cut the same shards.
    """
    config = session.config
    if not getattr(config.option, "store_durations", False) or hasattr(config, "workerinput"):
        return
    import json

    from tests.helpers import without_group

    path = Path(config.option.durations_path)
    durations = json.loads(path.read_text())
    durations = {**{without_group(k): v for k, v in durations.items()}, **durations}
    path.write_text(json.dumps(durations, sort_keys=True, indent=4))
