"""The ``cloudws`` command: ``cloudws serve`` and ``cloudws openapi``.

``cloudws serve`` exits 0 when stopped with Ctrl-C while it builds the site or serves,
or with ``kill`` while it builds the site (``kill`` while it serves ends it by the signal,
as uvicorn does), 1 when the site does not build, and 2 on a bad option or an address it
cannot listen on — said first, before anything starts. Ctrl-C in its first half-second,
while its modules load, ends it by the signal, after one line (:func:`run`).

Installed outside its repository (in another project, say), it has no site to build: it
serves the API alone, and says so, unless ``--site`` names a built one. Where MkDocs is
not installed (the package's own dependencies leave it out), a site older than its sources
is served as it is, and said to be.
"""

from __future__ import annotations

import argparse
import errno
import importlib.util
import ipaddress
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["DEFAULT_PORT", "main"]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: ``cloudws serve``'s port: not ``mkdocs serve``'s 8000, so both can run at once.
DEFAULT_PORT = 8080
#: The sandbox token ``cloudws serve`` suggests; any token starting ``cws_test_`` works.
SUGGESTED_TOKEN = "cws_test_sandbox"
_DESCRIPTION = """\
The Cloud Workstation API sandbox.

  cloudws serve     serve the sandbox API and the docs site on one origin
  cloudws openapi   print the OpenAPI 3.1 document as JSON
"""


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_SOURCES = ("mkdocs.yml", "docs", "snippets", "hooks", "src/cloudws")


def _newest_source(root: Path) -> float:
    paths = [root / name for name in _SOURCES]
    files = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts]
    return max((p.stat().st_mtime for p in files), default=0.0)


def _site_dir(build: bool, root: Path | None = None) -> Path | None:
    """The built site of the repository at ``root`` (this one's), (re)built first when it
    is missing or older than its sources; None, said, where there is no repository or
    nothing to build it with."""
    root = PROJECT_ROOT if root is None else root
    config = root / "mkdocs.yml"
    site = root / "site"
    index = site / "index.html"
    if not config.exists():
        print(f"cloudws: no docs site: this cloudws is installed outside its repository (no "
              f"mkdocs.yml in {root}), so it serves the API alone; --site DIR serves a site "
              "built in a clone (uv run mkdocs build -d DIR)", file=sys.stderr)
        return None
    stale = not index.exists() or index.stat().st_mtime < _newest_source(root)
    if build and stale and not _has_mkdocs():
        print(f"cloudws: MkDocs is not installed in this environment ({sys.executable}), so "
              + (f"{site} is served as it is, older than its sources"
                 if index.exists() else "the docs site cannot be built: it serves the API alone")
              + f"; `uv run cloudws serve` in {root} builds it", file=sys.stderr)
    elif build and stale:
        _build(config, site)
    return site if index.exists() else None


def _has_mkdocs() -> bool:
    """Whether MkDocs, which builds the site, is installed where this runs."""
    return importlib.util.find_spec("mkdocs") is not None


class _Stopped(Exception):
    """SIGTERM (``kill``) while the site builds."""


def _stop(signum: int, frame: object) -> None:
    raise _Stopped


#: MkDocs' lines about the folder it builds in (a new one, beside ``site``).
_BUILD_PROGRESS = re.compile(r"INFO\s+-\s+(?:Cleaning site directory|Building documentation "
                             r"to directory:)")


def _build(config: Path, site: Path) -> None:
    """Build the site into a folder beside ``site``, then put it in its place: a build
    that fails or is stopped (Ctrl-C, or ``kill``) leaves ``site`` as it was, never half
    written, and nothing beside it."""
    print("cloudws: building the docs site (mkdocs build)...", file=sys.stderr)
    new = Path(tempfile.mkdtemp(prefix=".site-building-", dir=site.parent))
    umask = os.umask(0)
    os.umask(umask)
    new.chmod(0o777 & ~umask)  # as MkDocs makes site/ (mkdtemp's is the owner's alone)
    stop = signal.signal(signal.SIGTERM, _stop)
    try:
        # stopped, the build is killed (subprocess.run kills it on any exception)
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config),
                                "--site-dir", str(new)],
                               cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, check=False)
    except (KeyboardInterrupt, _Stopped):
        shutil.rmtree(new, ignore_errors=True)
        print(f"cloudws: stopped before the docs site was built; {site.name}/ is as it was",
              file=sys.stderr)
        raise SystemExit(0) from None
    finally:
        signal.signal(signal.SIGTERM, stop)
    # MkDocs' warnings (a broken link, say) are shown; its progress lines are not, and,
    # where the build failed, all else it said but the cleaning and building of its
    # folder, which is not site/ (the folder it names elsewhere is site/'s, once in place).
    for line in built.stdout.replace(str(new), str(site)).splitlines():
        if line.startswith(("WARNING", "ERROR")) or built.returncode != 0 and not (
                _BUILD_PROGRESS.match(line)):
            print(line, file=sys.stderr)
    if built.returncode != 0:
        shutil.rmtree(new, ignore_errors=True)
        raise SystemExit(f"cloudws: the docs site did not build (see above; {site.name}/ is "
                         "as it was); fix it, or serve the API alone with --no-site")
    old = site.with_name(new.name.replace("building", "old"))
    if site.exists():
        site.rename(old)
    new.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def run() -> None:
    """The ``cloudws`` command: :func:`main`, exiting with its status. Ctrl-C while it
    starts (its modules load in the first half-second) prints one line instead of a
    traceback, then ends the process by the signal, as a shell expects of a command
    stopped by Ctrl-C: ``cloudws openapi > spec.json && ...`` runs nothing after it.
    (Stopped while it builds the site or serves, it exits 0: see the module.)"""
    try:
        status = main()
    except KeyboardInterrupt:
        print("cloudws: stopped", file=sys.stderr)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        status = 130  # where the signal does not end the process at once
    sys.exit(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cloudws", description=_DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the sandbox API and the docs site on one origin")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port (default {DEFAULT_PORT})")
    serve.add_argument("--allow-remote", action="store_true",
                       help="allow binding an address other than loopback")
    which = serve.add_mutually_exclusive_group()
    which.add_argument("--no-site", action="store_true", help="serve the API only")
    which.add_argument("--site", metavar="DIR", type=Path,
                       help="serve this built site (default: the repository's site/, built if "
                            "missing or older than its sources)")
    serve.add_argument("--api-base", metavar="URL",
                       help="another API base URL the site's Try it console may call "
                       "(added to the Content-Security-Policy's connect-src)")
    sub.add_parser("openapi", help="print the OpenAPI 3.1 document as JSON")
    args = parser.parse_args(argv)

    if args.command == "openapi":
        from .app import create_app

        try:
            sys.stdout.write(json.dumps(create_app().openapi(), indent=2) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # `cloudws openapi | head`: the reader stopped reading
            # What Python's documentation advises: no traceback, and nothing more
            # written to the closed pipe when the interpreter flushes at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
        except OSError as exc:  # a full disk, say: and nothing more tried at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            print(f"cloudws: cannot write the document: {exc.strerror or exc}", file=sys.stderr)
            return 1
        return 0

    args.host = args.host.removeprefix("[").removesuffix("]")  # as an URL writes IPv6
    if not _is_loopback(args.host) and not args.allow_remote:
        serve.error(f"refusing to bind {args.host}: the sandbox is for this machine only. "
                     "Pass --allow-remote to bind it anyway.")
    if not 0 < args.port < 65536:
        serve.error(f"--port must be 1 to 65535, not {args.port}")

    from .server import api_origin

    if args.api_base is not None:
        try:
            api_origin(args.api_base)
        except ValueError as exc:
            serve.error(str(exc))
    if args.site is not None and not (args.site / "index.html").is_file():
        serve.error(f"--site {args.site}: no index.html there; build the site first "
                     "(uv run mkdocs build -d DIR)")
    try:
        _check_free(args.host, args.port)
    except OSError as exc:
        print(f"cloudws: cannot listen on {args.host} port {args.port}: {exc.strerror}. "
              + ("Stop what uses it, or pick another port with --port."
                 if exc.errno == errno.EADDRINUSE else
                 "Pick a port from 1024 up with --port." if exc.errno == errno.EACCES else
                 f"Check --host: {args.host} is no address of this machine."),
              file=sys.stderr)
        return 2
    return _serve(args)


def _check_free(host: str, port: int) -> None:
    """Raise ``OSError`` now if ``host``:``port`` cannot be listened on (before the site
    is built and anything is announced)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        sock.bind((host, port))


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .operations import API_ROOT
    from .protocol import UVICORN_OPTIONS
    from .server import create_server

    site = None if args.no_site else args.site or _site_dir(build=True)
    app = create_server(site, api_base=args.api_base)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    where = f"http://{shown}:{args.port}"
    print(f"cloudws: sandbox API at {where}{API_ROOT}" + (f", docs at {where}/" if site else "")
          + ". Stop it with Ctrl-C.\n"
          "Point the examples at it (in the terminal you run them from):\n"
          f"  export CLOUDWS_BASE_URL={where}{API_ROOT}\n"
          f"  export CLOUDWS_TOKEN={SUGGESTED_TOKEN}", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, **UVICORN_OPTIONS)
    return 0


if __name__ == "__main__":
    run()
