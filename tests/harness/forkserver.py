"""Fresh ``python`` processes for pasted examples, without paying for ``import httpx`` each.

A reader pastes a Python example into a new ``python``. Starting one costs about 20 ms;
importing httpx in it (with ssl, anyio, h11, idna, certifi), which every example does,
ten times that (and the reference pages' ``cloudws.testing``, with FastAPI, far more).
So :class:`PythonForkServer` starts one ``python`` that has imported httpx
(:data:`PRELOADED`; ``cloudws.testing`` too once an example names it) and waits; for each example it forks a child, which is a new process
in the state a fresh interpreter would reach after importing them: it takes the reader's
environment, folder and a closed standard input, runs the example's text as ``python -``
does (compiled as ``<stdin>``, in a fresh ``__main__`` namespace: nothing the server
imported is a name the example can use without importing it), prints an uncaught
exception's traceback and exits 1, exactly as ``python -`` would. Or, with
:meth:`PythonForkServer.paste`, it reads the text as the interactive interpreter reads a
paste, line by line (the stdlib's ``codeop``, as ``code.InteractiveConsole``): what
each statement leaves is echoed, an error is printed and the session goes on. Its
errors name lines of the text as a whole (``<stdin>``, line 9), where a session counts
them within the statement; an unclosed bracket is told as Python compiles the whole
statement, where a session may tell it at a later line.

The suite's tests that run the harness as a writer does (``python -m pytest docs/...``, in
a copy of the tree) use one too, with pytest and the libraries the checks use imported
(``harness_runs`` in ``tests/conftest.py``): :meth:`PythonForkServer.run_module` runs
``python -m pytest ...`` in a forked child, with the run's own environment, folder,
``sys.path`` (the folder, then ``PYTHONPATH``), arguments and streams, ended as the
interpreter ends (its ``atexit`` functions run). Such a run takes about half a second less
CPU than a new interpreter's. What a new interpreter reads as it starts (its locale,
``TZ``, ``PYTHONWARNINGS``, ``PYTHONDONTWRITEBYTECODE``, ``PYTHONHASHSEED``) is read from the
test process's environment, once, by the server, so a test of such a setting starts a new
interpreter. Nor does a run see the warnings those libraries raise as they are imported,
or miss a submodule an import of its own forgot (``import http`` then ``http.cookiejar``)
that the server imported; and every run has the same hash seed. The runs turn pytest's
plugin autoload off, as the suite's do, so that none of the plugins imported with those
libraries (respx's, anyio's) is loaded, too late to have its assertions rewritten.

Before each fork the server freezes what it holds (``gc.freeze()``, as Python's documentation
advises a server that forks): a child's garbage collections never walk those objects, and
so never copy their pages. Measured here over tests/test_page.py, tests/test_pasted.py and
tests/test_harness.py, run alone: 22.2 to 22.4 core-seconds before, 20.6 to 20.9 after.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, PythonForkServer() as server:
    ...     done = server.run("import os\\nprint(os.environ['GREETING'])\\nprint(sys)",
    ...                       {"GREETING": "hello"}, Path(folder))
    >>> done.returncode, done.stdout
    (1, 'hello\\n')
    >>> done.stderr.splitlines()  # as python - prints it
    ['Traceback (most recent call last):', '  File "<stdin>", line 3, in <module>', \
"NameError: name 'sys' is not defined"]
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

__all__ = ["PRELOADED", "Pasted", "PythonForkServer"]

#: What the examples import, imported by the server before it forks: httpx (every
#: example) at start; the stub's testing module (the reference pages' examples) when
#: the first example that names it comes.
PRELOADED = ("httpx",)
ON_DEMAND = {"cloudws": "cloudws.testing"}

#: The server: reads one JSON request per line, forks a child per request, answers with
#: the child's exit status.
_SERVER = r"""
import builtins, codeop, gc, importlib, json, os, signal, sys, traceback


def paste(source, ends, events):
    # Feed source to a Python session line by line, as the interactive interpreter reads
    # what a reader pastes (the stdlib's code.InteractiveConsole does the same): a
    # statement runs once complete (a block, at the blank line after it), its value is
    # echoed, and an error is printed and the session goes on. An empty line is pushed at
    # each of ``ends`` (the reader's Enter after a block, and at the end). Each error and
    # echo is noted in ``events``, with the line of <stdin> where its statement starts.
    compiler, namespace, noted = codeop.CommandCompiler(), {"__name__": "__main__",
                                                          "__builtins__": builtins}, []
    running = [0]

    def echo(value):
        if value is not None:
            noted.append({"echo": running[0], "value": repr(value)})
        sys.__displayhook__(value)

    def error(exc, frames, line):
        said = "".join(traceback.format_exception(type(exc), exc, frames))
        sys.stderr.write(said)
        noted.append({"error": line, "text": said})

    sys.displayhook = echo
    try:
        lines, buffer, first = source.split("\n"), [], 0
        pushes = [(n, text) for n, text in enumerate(lines, start=1)]
        for end in sorted(set(ends), reverse=True):
            pushes.insert(min(end, len(pushes)), (end, ""))
        for number, text in pushes:
            if not buffer:
                if not text.strip():
                    continue
                first = number
            buffer.append(text)
            try:
                code = compiler("\n" * (first - 1) + "\n".join(buffer), "<stdin>", "single")
            except (OverflowError, SyntaxError, ValueError) as exc:
                buffer = []
                error(exc, None, getattr(exc, "lineno", None) or first)
                continue
            if code is None:
                continue
            buffer, running[0] = [], first
            try:
                exec(code, namespace)
            except SystemExit:
                raise
            except BaseException as exc:
                frames = exc.__traceback__.tb_next
                at, step = first, frames
                while step is not None:
                    if step.tb_frame.f_code.co_filename == "<stdin>":
                        at = step.tb_lineno
                    step = step.tb_next
                error(exc, frames, at)
        return 1 if any("error" in event for event in noted) else 0
    finally:  # exit() in the session too: what it met is told
        with open(events, "w") as f:
            json.dump(noted, f)


for name in sys.argv[1:]:  # what every example imports: loaded once, before any fork
    importlib.import_module(name)

def run_module(request):
    # In the child: ``python -m <module> <args>`` from here on, as a new interpreter would
    # run it: its environment, folder, sys.path (the folder, then PYTHONPATH's entries),
    # argv and standard streams; ended by SystemExit, so that its atexit functions run.
    os.setpgid(0, 0)  # its own group: what it starts ends with it if it is ended
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    extra = [entry for entry in request["env"].get("PYTHONPATH", "").split(os.pathsep) if entry]
    sys.path[:] = [os.getcwd(), *extra, *BASE_PATH]
    streams(request)
    sys.argv = [request["module"], *request["args"]]
    import importlib.util
    import runpy
    try:
        found = importlib.util.find_spec(request["module"])
    except ImportError:
        found = None
    if found is None:  # as python -m says it
        sys.stderr.write(f"{sys.executable}: No module named {request['module']}\n")
        raise SystemExit(1)
    runpy.run_module(request["module"], run_name="__main__", alter_sys=True)


def streams(request):
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        out = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, fd)
        os.close(out)
    # as python opens them: stderr line by line, escaping what it cannot encode; both
    # unbuffered under PYTHONUNBUFFERED
    import io
    unbuffered = bool(request["env"].get("PYTHONUNBUFFERED"))

    def text(fd, **options):
        raw = open(fd, "wb", buffering=0 if unbuffered else -1, closefd=False)
        return io.TextIOWrapper(raw, write_through=unbuffered, **options)

    sys.stdin = open(0, closefd=False)
    sys.stdout = text(1)
    sys.stderr = text(2, errors="backslashreplace", line_buffering=True)


def waited(pid, timeout):
    # The child's exit status; or, should it run for more than ``timeout`` seconds, it and
    # every process still in its group are ended, and None.
    import contextlib
    import select
    with contextlib.suppress(OSError):  # (the child may have done so, or ended, already)
        os.setpgid(pid, pid)
    with open(os.pidfd_open(pid), "rb", buffering=0) as handle:
        ready, _, _ = select.select([handle], [], [], timeout)
    if not ready:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) if ready else None


BASE_PATH = [entry for entry in sys.path if entry]  # without this server's folder ('')
for line in sys.stdin:
    request = json.loads(line)
    for name in request["preload"]:  # loaded on first need, kept for the next examples
        importlib.import_module(name)
    gc.freeze()  # (what the server holds: no child's collection walks it, nor copies it)
    if request.get("module"):
        pid = os.fork()
        if pid == 0:
            try:
                run_module(request)
            except SystemExit:
                raise  # to the interpreter, which ends as ``python -m`` ends
            except BaseException as exc:  # told without this server's two frames
                frames = exc.__traceback__.tb_next
                traceback.print_exception(exc.with_traceback(frames.tb_next or frames))
                if isinstance(exc, KeyboardInterrupt):  # ended by SIGINT, as python is
                    sys.stderr.flush()
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                    os.kill(os.getpid(), signal.SIGINT)
                raise SystemExit(1) from None
            raise SystemExit(0)
        print(json.dumps(waited(pid, request["timeout"])), flush=True)
        continue
    pid = os.fork()
    if pid == 0:
        signal.setitimer(signal.ITIMER_REAL, request["timeout"])  # then SIGALRM ends it
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        streams(request)
        sys.argv = ["-"]
        status = 0
        try:
            if request.get("ends") is not None:
                status = paste(request["source"], request["ends"], request["events"])
            else:
                exec(compile(request["source"], "<stdin>", "exec"),
                     {"__name__": "__main__", "__builtins__": __builtins__})
        except SystemExit as exc:
            code = exc.code
            if code is not None and not isinstance(code, int):
                print(code, file=sys.stderr)
                code = 1
            status = code or 0
        except BaseException as exc:  # as python - prints it: without this server's frame
            traceback.print_exception(exc.with_traceback(exc.__traceback__.tb_next))
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    _, status = os.waitpid(pid, 0)
    print(json.dumps(os.waitstatus_to_exitcode(status)), flush=True)
os._exit(0)  # its input closed: every answer is written, and nothing else is kept
"""


@dataclass(frozen=True)
class Pasted:
    """What a session a block was pasted into printed, and where it failed or echoed: each
    error with the line of ``<stdin>`` it names and the text the session printed for it;
    each value echoed with the line of the statement that left it and its ``repr``."""

    returncode: int
    stdout: str
    stderr: str
    errors: list[tuple[int, str]]
    echoes: list[tuple[int, str]]


class PythonForkServer:
    """A ``python`` that forks a fresh process for each example (see the module)."""

    def __init__(self, python: str = sys.executable, preloaded: tuple[str, ...] = PRELOADED,
                 env: dict[str, str] | None = None) -> None:
        self.python = python
        self.preloaded = preloaded
        #: The server's own environment, which decides what a new interpreter reads as it
        #: starts (its locale, ``TZ``, ``PYTHONWARNINGS``...) for every child; without
        #: ``PYTHONPATH``, which each run sets for itself.
        self.env = {k: v for k, v in (env or {"PATH": "/usr/bin:/bin"}).items()
                    if k != "PYTHONPATH"}
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._folder = tempfile.TemporaryDirectory(prefix="cloudws-forkserver-")

    def __enter__(self) -> Self:
        # In a session of its own: a Ctrl-C in the terminal interrupts pytest, which then
        # ends this server by closing its input (as it does when pytest dies), instead of
        # killing it midway with a traceback printed over pytest's report.
        self._process = subprocess.Popen(
            [self.python, "-c", _SERVER, *self.preloaded], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, env=self.env, start_new_session=True)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process is not None:
            try:
                self._process.stdin.close()  # type: ignore[union-attr]
            except BrokenPipeError:  # it has ended already
                pass
            # and an example still running (the run was stopped: Ctrl-C) ends with it, at
            # once; every answer has been read
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=30)
        self._folder.cleanup()

    def run(self, source: str, env: dict[str, str], cwd: Path,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run ``source`` as ``python -`` would, with ``env`` as its whole environment;
        ``subprocess.TimeoutExpired`` if it has not ended after ``timeout`` seconds (it is
        then ended, as ``subprocess.run`` ends its process)."""
        return self._run(source, env, cwd, timeout)[0]

    def paste(self, source: str, ends: list[int], env: dict[str, str], cwd: Path,
              timeout: float = 60) -> Pasted:
        """Paste ``source`` into a new ``python`` session line by line, as a reader pastes
        a block at the interactive interpreter's prompt (pressing Enter after the line of
        each of ``ends``, and after the last), with ``env`` as its whole environment:
        each statement runs once complete, what it leaves is echoed, and an error is
        printed and the session goes on (its exit status is then 1). As :meth:`run`, but
        for what it prints.

        Example:
            >>> import tempfile
            >>> with tempfile.TemporaryDirectory() as folder, PythonForkServer() as server:
            ...     done = server.paste("x = 2\\nif x:\\n    print(x)\\nx + 1\\nprint(y)",
            ...                         [], {}, Path(folder))
            >>> done.stdout, done.echoes
            ('', [])
            >>> [line for line, _ in done.errors], done.errors[0][1].splitlines()[-1]
            ([4, 5], 'SyntaxError: invalid syntax')
            >>> with tempfile.TemporaryDirectory() as folder, PythonForkServer() as server:
            ...     done = server.paste("x = 2\\nif x:\\n    print(x)\\nx + 1", [3], {},
            ...                         Path(folder))
            >>> done.returncode, done.stdout, done.echoes
            (0, '2\\n3\\n', [(4, '3')])
        """
        done, events = self._run(source, env, cwd, timeout, ends)
        return Pasted(done.returncode, done.stdout, done.stderr,
                      [(e["error"], e["text"]) for e in events if "error" in e],
                      [(e["echo"], e["value"]) for e in events if "echo" in e])

    def run_module(self, module: str, args: list[str], env: dict[str, str], cwd: Path,
                   timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run ``python -m module *args`` in ``cwd``, with ``env`` as its whole environment
        (its ``PYTHONPATH`` put on ``sys.path`` after ``cwd``, as ``python`` does), an empty
        standard input (``/dev/null``), and what it prints captured;
        ``subprocess.TimeoutExpired`` if it has not ended after ``timeout`` seconds, when it
        and every process still in its process group are ended. It ends as ``python -m``
        does, its ``atexit`` functions run.

        Example:
            >>> import tempfile
            >>> with tempfile.TemporaryDirectory() as folder, PythonForkServer() as server:
            ...     _ = Path(folder, "hello.py").write_text("import sys\\nprint(sys.argv[1:])")
            ...     done = server.run_module("hello", ["a", "b"], {}, Path(folder))
            ...     missing = server.run_module("nope", [], {}, Path(folder))
            ...     _ = Path(folder, "nap.py").write_text("import time\\ntime.sleep(30)")
            ...     server.run_module("nap", [], {}, Path(folder), timeout=0.2)
            Traceback (most recent call last):
            subprocess.TimeoutExpired: Command '['python', '-m', 'nap']' timed out after 0.2 seconds
            >>> done.returncode, done.stdout
            (0, "['a', 'b']\\n")
            >>> missing.returncode, missing.stderr.endswith(": No module named nope\\n")
            (1, True)
        """
        return self._request({"module": module, "args": args}, env, cwd, timeout)[0]

    def _run(self, source: str, env: dict[str, str], cwd: Path, timeout: float,
             ends: list[int] | None = None
             ) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]]]:
        return self._request({"source": source, "ends": None if ends is None
                              else [*ends, source.count("\n") + 1],
                              "preload": [module for word, module in ON_DEMAND.items()
                                          if word in source]}, env, cwd, timeout)

    def _request(self, what: dict[str, Any], env: dict[str, str], cwd: Path, timeout: float,
                 ) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]]]:
        process = self._process
        if process is None or process.poll() is not None:
            raise RuntimeError("the fork server is not running")
        with self._lock:  # one example at a time: each answer is one line
            out, err = Path(self._folder.name, "stdout"), Path(self._folder.name, "stderr")
            noted = Path(self._folder.name, "events")
            noted.write_text("[]")
            for path in (out, err):  # (what a child ended before it began printed: nothing)
                path.write_text("")
            request = {"preload": [], **what, "env": env, "cwd": str(cwd),
                       "timeout": timeout, "stdout": str(out), "stderr": str(err),
                       "events": str(noted)}
            process.stdin.write(json.dumps(request) + "\n")  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
            # the child ends itself after ``timeout``; should the server not answer, it is
            # ended a little later
            timer = threading.Timer(timeout + 10, process.kill)
            timer.start()
            try:
                line = process.stdout.readline()  # type: ignore[union-attr]
            finally:
                timer.cancel()
            if not line:
                raise RuntimeError(f"the fork server stopped (exit {process.poll()}) before "
                                   f"it said how its run ended (given {timeout} s)")
            status, stdout, stderr = json.loads(line), out.read_text(), err.read_text()
            command = (["python", "-m", what["module"], *what["args"]] if "module" in what
                       else ["python", "-"])
            if status is None or (status == -signal.SIGALRM and "module" not in what):
                raise subprocess.TimeoutExpired(command, timeout, stdout, stderr)
            return (subprocess.CompletedProcess(command, status, stdout, stderr),
                    json.loads(noted.read_text()))
