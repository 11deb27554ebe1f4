"""Site build overhead of the project's hooks, and growth to an API ten times larger.

Both work on copies of the project in temporary folders, built and verified by fresh
processes, so the measured tree is exactly the committed one:

- **overhead**: ``mkdocs build`` of the site vs the same Markdown with the project's hooks
  (``hooks/site.py``, ``hooks/sandbox.py`` and the Griffe extensions) taken out of
  ``mkdocs.yml``, which leaves every generated table as its ``{{ placeholder }}``.
  mkdocstrings itself stays in both.
- **growth**: the API made ten times larger — every operation copied nine times under
  ``/v1/g2/...`` to ``/v1/g10/...`` in the OpenAPI document the hooks read, every endpoint
  page and its example files copied for each copy — then built strictly and its examples
  verified by the project's harness (Python, curl and JavaScript), against today's tree;
  and the same a hundred times larger (about 1,100 operations), reported with what its
  time goes to (the build, and each language's verification).
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .measure import Stat, run_timed, stat

__all__ = ["ROOT", "build_overhead", "growth", "make_tree"]

ROOT = Path(__file__).resolve().parents[1]
_COPIED = ["mkdocs.yml", "pyproject.toml", "conftest.py", "docs", "snippets", "hooks",
           "tests/__init__.py", "tests/helpers.py",
           "tests/conftest.py", "tests/harness", "tests/test_examples.py",
           "tests/test_curl_examples.py", "tests/test_js_examples.py"]
_SECTIONS = ("workstations", "volumes")
#: The modules that verify the examples (Python, curl, JavaScript).
VERIFIED = ("tests/test_examples.py", "tests/test_curl_examples.py", "tests/test_js_examples.py")
_OPERATION = re.compile(r"^operation: (\w+)$", re.MULTILINE)

#: The document the grown site's hooks read: today's, with each operation copied.
_GROWN_DOCUMENT = '''"""The stub's OpenAPI document with every operation copied under /v1/g<k>/ (bench)."""

import copy

from cloudws.document import load_document as _load

FACTOR = {factor}


def load_document():
    doc = _load()
    for path, item in list(doc["paths"].items()):
        for k in range(2, FACTOR + 1):
            grown = copy.deepcopy(item)
            for operation in grown.values():
                operation["operationId"] += f"_g{{k}}"
                if "x-replaced-by" in operation:
                    operation["x-replaced-by"] += f"_g{{k}}"
                for response in operation["responses"].values():
                    for link in response.get("links", {{}}).values():
                        link["operationId"] += f"_g{{k}}"
            doc["paths"][path.replace("/v1/", f"/v1/g{{k}}/", 1)] = grown
    return doc
'''


def make_tree(dest: Path, factor: int = 1) -> Path:
    """A copy of the project's docs, hooks and harness in ``dest``, grown ``factor`` times."""
    for name in _COPIED:
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    (dest / "src").symlink_to(ROOT / "src")
    if factor > 1:
        _grow(dest, factor)
    return dest


def _grow(dest: Path, factor: int) -> None:
    for section in _SECTIONS:
        for page in sorted((dest / "docs" / section).glob("*.md")):
            text = page.read_text()
            if not _OPERATION.search(text):
                continue
            stem = page.stem
            own = re.compile(rf"^{re.escape(stem)}(?=[._])")
            included = re.compile(rf"(snippets/{section}/{re.escape(stem)})(?=[._])")
            for k in range(2, factor + 1):
                page.with_name(f"{stem}_g{k}.md").write_text(
                    included.sub(rf"\g<1>_g{k}", _OPERATION.sub(rf"operation: \g<1>_g{k}", text))
                )
                for snippet in sorted((dest / "snippets" / section).iterdir()):
                    if own.match(snippet.name) and "_g" not in snippet.name:
                        shutil.copy2(snippet, snippet.with_name(own.sub(f"{stem}_g{k}",
                                                                        snippet.name)))
    hooks = dest / "hooks"
    (hooks / "grown_document.py").write_text(_GROWN_DOCUMENT.format(factor=factor))
    site = hooks / "site.py"
    site.write_text(site.read_text().replace("from cloudws.document import load_document",
                                             "from grown_document import load_document"))
    # a copied page's examples call the operation they were copied from, which the copy
    # (stopWorkstation_g2) stands for: the check that an endpoint page's example calls
    # its operation reads the copy's name as the original's
    checks = dest / "tests" / "harness" / "checks.py"
    own = "    operation = _own_examples().get(_resolved(file)) if file is not None else None\n"
    if own not in checks.read_text():
        raise RuntimeError(f"{checks}: no line {own.strip()!r} to read a grown copy's "
                           "operation as its original's: update bench/site.py")
    checks.write_text(checks.read_text().replace(
        own, own + '    operation = operation and re.sub(r"_g\\d+$", "", operation)\n'))
    config = dest / "mkdocs.yml"  # the copies are built, just not listed in the nav
    config.write_text(config.read_text().replace("omitted_files: warn", "omitted_files: info"))


def _without_hooks(config: Path) -> Path:
    """``config`` with the project's Python taken out: its MkDocs hooks, its Griffe
    extensions (griffe-pydantic stays) and the llmstxt plugin's ``preprocess``; what is
    left builds the same Markdown with the plugins alone."""
    lines, skipping = [], False
    for line in config.read_text().splitlines():
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and line.startswith("  - "):
            continue
        skipping = False
        if _PROJECT_PYTHON.match(line):
            continue
        lines.append(line)
    plain = config.with_name("mkdocs-no-hooks.yml")
    plain.write_text("\n".join(lines) + "\n")
    return plain


#: A line of mkdocs.yml that names a Python file of the project's (not a comment).
_PROJECT_PYTHON = re.compile(r"^\s*(?:-\s+|[\w-]+:\s+)hooks/[\w/]+\.py\b")


def _build(tree: Path, config: str, strict: bool = False) -> float:
    return run_timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config,
                      "-d", str(tree / "site"), *(["--strict"] if strict else [])],
                     cwd=tree)


def _verify(tree: Path, by_module: dict[str, list[float]] | None = None) -> float:
    """Seconds to verify the tree's examples (one process, as a named selection runs);
    with ``by_module``, each module's share from pytest's JUnit times is added to it."""
    with tempfile.TemporaryDirectory(prefix="cloudws-bench-") as tmp:
        report = Path(tmp) / "junit.xml"
        seconds = run_timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             f"--junitxml={report}", *VERIFIED], cwd=tree)
        if by_module is not None:
            shares: dict[str, float] = {}
            for case in ET.parse(report).getroot().iter("testcase"):
                module = case.get("classname", "").rpartition(".")[2] + ".py"
                shares[module] = shares.get(module, 0.0) + float(case.get("time", 0))
            for module, share in shares.items():
                by_module.setdefault(module, []).append(share)
    return seconds


def build_overhead(runs: int) -> dict[str, Stat]:
    """Seconds to build the site with the hooks and without, ``runs`` times each."""
    with tempfile.TemporaryDirectory(prefix="cloudws-bench-") as tmp:
        tree = make_tree(Path(tmp))
        plain = _without_hooks(tree / "mkdocs.yml")
        _build(tree, "mkdocs.yml")  # warm: the OpenAPI document cache, file caches
        hooked, bare = [], []
        for _ in range(runs):
            hooked.append(_build(tree, "mkdocs.yml"))
            bare.append(_build(tree, plain.name))
    return {"with_hooks": stat(hooked), "without_hooks": stat(bare)}


def growth(runs: int, factor: int = 10, *, base: bool = True
           ) -> dict[str, dict[str, Stat] | int]:
    """Seconds to build strictly and verify today's tree (unless ``base`` is false) and
    one grown ``factor`` times; ``<label>_modules`` splits each verification by module."""
    results: dict[str, dict[str, Stat] | int] = {}
    trees = ((("today", 1),) if base else ()) + ((f"x{factor}", factor),)
    for label, grow in trees:
        with tempfile.TemporaryDirectory(prefix="cloudws-bench-") as tmp:
            tree = make_tree(Path(tmp), grow)
            builds, verifies, totals = [], [], []
            modules: dict[str, list[float]] = {}
            for _ in range(runs):
                built = _build(tree, "mkdocs.yml", strict=True)
                verified = _verify(tree, modules)
                builds.append(built)
                verifies.append(verified)
                totals.append(built + verified)
            results[label] = {"build": stat(builds), "verify": stat(verifies),
                              "total": stat(totals)}
            results[f"{label}_modules"] = {m: stat(v) for m, v in sorted(modules.items())}
            results[f"{label}_pages"] = len(list((tree / "docs").rglob("*.md")))
            results[f"{label}_operations"] = len(re.findall(
                r"^operation: ", "".join(p.read_text() for p in (tree / "docs").rglob("*.md")),
                re.MULTILINE))
            results[f"{label}_examples"] = sum(
                len(list((tree / "snippets").rglob(f"*{suffix}")))
                for suffix in (".py", ".sh", ".mjs"))
    return results
