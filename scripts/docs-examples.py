#!/usr/bin/env python3
"""The documentation, executed (docs/contributing.md, "Runnable examples").

Reads README.md and every docs/**/*.md and, for each document, runs its shell
examples marked runnable, in order, in one bash session against a fresh
poemsd server on loopback (a new temporary directory, so a new database),
and checks what each printed against what the document shows. It also checks
that every shell example is marked (run or not run, with the reason), that
every relative link resolves (file and heading), that docs/configuration.md
documents every option `poemsd serve --help` prints and nothing else, and
that docs/clinical-sources.md names every source document the code cites.

Markers (HTML comments on the line before a fenced block):
  <!-- doc-test run -->                   run the next ```sh block; no command of it
                                          may fail (as under `set -e`, with pipefail)
  <!-- doc-test run exit=1 -->            ... its first failing command must fail
                                          with this status
  <!-- doc-test run status=201,304 -->    ... and the HTTP status lines it
                                          prints (curl -i) must be these, in order
  <!-- doc-test output -->                the next block is what the run before
                                          it prints: each line, in order, must
                                          match a line of the output; … matches
                                          any text
  <!-- doc-test not run: REASON -->       the next ```sh block is not run
  <!-- doc-test restart [ARGS] -->        stop the server (SIGTERM; it must exit
                                          0) and start it again, with ARGS
  <!-- doc-test stop -->, <!-- doc-test start [ARGS] -->
                                          stop, and start again later

The server is `poemsd serve --port PORT [ARGS]`, run in the document's
directory (its database is ./poems.sqlite there), with `poemsd` on PATH for
the examples; `localhost:8080` and `127.0.0.1:8080` in an example are
rewritten to the server's port. The directory links the repository's
Tests, scripts and bench, so that examples name fixtures as from the
repository's root.

Usage: scripts/docs-examples.py [--binary .build/debug/poemsd] [--report FILE] [DOC ...]
(POEMSD_DOCS_KEEP=1 keeps each document's directory, as after a failure.)
Prints how many examples ran; exits 1 if any check failed.
"""

import argparse
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(r"^<!--\s*doc-test\s+(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)(.*)$")
SHELL_LANGUAGES = {"sh", "bash", "shell", "console"}
EXAMPLE_SECONDS = 60


class Failure(Exception):
    pass


# ---------------------------------------------------------------- parsing

class Block:
    def __init__(self, path, line, language, text):
        self.path, self.line, self.language, self.text = path, line, language, text
        self.marker = None          # the doc-test marker just before it, if any

    @property
    def where(self):
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def parse(path):
    """The document's steps, in order: fenced blocks (with the marker before
    each) and stand-alone markers (restart, stop, start)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    steps, pending, i = [], None, 0
    while i < len(lines):
        line = lines[i]
        marker = MARKER.match(line.strip())
        fence = FENCE.match(line)
        if marker:
            words = marker.group(1)
            if re.match(r"(restart|stop|start)\b", words):
                steps.append(("server", words, f"{path.relative_to(ROOT)}:{i + 1}"))
            else:
                pending = (words, i + 1)
            i += 1
            continue
        if fence:
            indent, ticks, language = fence.group(1), fence.group(2), fence.group(3).lower()
            body, j = [], i + 1
            while j < len(lines) and not re.match(r"^\s*" + re.escape(ticks[0]) + "{" + str(len(ticks)) + r",}\s*$", lines[j]):
                body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
                j += 1
            block = Block(path, i + 1, language, "\n".join(body) + "\n")
            if pending and pending[1] == i:   # the marker is on the line just before
                block.marker = pending[0]
            pending = None
            steps.append(("block", block, block.where))
            i = j + 1
            continue
        if line.strip():
            pending = None
        i += 1
    return steps


# ---------------------------------------------------------------- matching

def pattern_of(line):
    parts = [re.escape(part) for part in line.split("…")]
    return re.compile(r"\s*" + ".*?".join(parts) + r"\s*", re.S)


def check_output(expected, actual):
    """Each non-empty expected line, in order, matches a whole line of the
    output (… matching any text); returns the first that does not."""
    out = [line.rstrip("\r") for line in actual.split("\n")]
    position = 0
    for wanted in [line for line in expected.split("\n") if line.strip()]:
        pattern = pattern_of(wanted.strip())
        while position < len(out) and not pattern.fullmatch(out[position]):
            position += 1
        if position == len(out):
            return wanted
        position += 1
    return None


def statuses(output):
    return [int(m.group(1)) for m in re.finditer(r"(?m)^HTTP/[0-9.]+ (\d{3})", output)]


# ---------------------------------------------------------------- the server

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, directory, log):
        self.binary, self.directory, self.log = binary, directory, log
        self.process, self.port = None, free_port()

    def rewrite(self, text):
        """`text` with the documentation's port replaced by the server's."""
        return re.sub(r"\b(localhost|127\.0\.0\.1):8080\b", lambda m: f"{m.group(1)}:{self.port}", text)

    def start(self, arguments):
        args = [str(self.binary), "serve", "--port", str(self.port)] + shlex.split(arguments)
        self.log.write(f"$ {' '.join(args)}\n".encode())
        self.log.flush()
        self.process = subprocess.Popen(args, cwd=self.directory, stdout=self.log, stderr=self.log,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:   # until it answers readiness (or exits)
            if self.process.poll() is not None:
                raise Failure(f"the server exited with status {self.process.returncode} at start")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/readyz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise Failure("the server did not become ready within 60 s")
            time.sleep(0.05)

    def stop(self):
        if not self.process:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise Failure("the server did not stop within 30 s of SIGTERM")
        self.process = None
        if status != 0:
            raise Failure(f"the server exited with status {status} on SIGTERM")


# ---------------------------------------------------------------- the shell

class Shell:
    """One bash for a document: variables set by one example are there for
    the next, as for a reader typing them in order."""

    def __init__(self, directory, environment):
        self.directory = directory
        self.process = subprocess.Popen(["bash", "--noprofile", "--norc"], cwd=directory, env=environment,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, bufsize=1)
        # A block fails at its first failing command, as under `set -e`
        # with pipefail (the ERR trap fires where `set -e` would exit),
        # without ending the session: its status is that command's. A
        # writer stopped by SIGPIPE (141: `… | head -3`) has not failed.
        self.send("set -o pipefail; __doc_err=0; "
                  "trap '__doc_s=$?; if [ $__doc_err -eq 0 ] && [ $__doc_s -ne 141 ]; then __doc_err=$__doc_s; fi' ERR")
        self.count = 0

    def send(self, command):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def run(self, script):
        self.count += 1
        name = self.directory / f".example-{self.count}"
        (name.with_suffix(".sh")).write_text(script)
        out, err = name.with_suffix(".out"), name.with_suffix(".err")
        self.send(f"__doc_err=0; source {shlex.quote(str(name.with_suffix('.sh')))} </dev/null >{shlex.quote(str(out))} "
                  f"2>{shlex.quote(str(err))}; echo \"__doc_test_done__ $__doc_err\"")
        deadline = time.monotonic() + EXAMPLE_SECONDS
        import selectors
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                raise Failure(f"did not finish within {EXAMPLE_SECONDS} s")
            line = self.process.stdout.readline()
            if not line:
                raise Failure("the shell exited (an example ran `exit`?)")
            if line.startswith("__doc_test_done__ "):
                return int(line.split()[1]), out.read_text(errors="replace"), err.read_text(errors="replace")

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ---------------------------------------------------------------- a document

def run_document(path, binary, results):
    steps = parse(path)
    runnable = [s for s in steps if s[0] == "block" and (s[1].marker or "").startswith("run")]
    unmarked = [s[1] for s in steps if s[0] == "block" and s[1].language in SHELL_LANGUAGES and not s[1].marker]
    for block in unmarked:
        results.fail(block.where, "a shell example with no doc-test marker (run, or not run: with the reason)")
    for s in steps:
        if s[0] == "block" and (s[1].marker or "").startswith("not run") and not re.match(r"not run:\s*\S", s[1].marker):
            results.fail(s[1].where, "`not run` needs a reason: <!-- doc-test not run: REASON -->")
        if s[0] == "block" and s[1].marker and not re.match(r"(run|not run|output)\b", s[1].marker):
            results.fail(s[1].where, f"unknown doc-test marker `{s[1].marker}`")
    results.not_run += sum(1 for s in steps if s[0] == "block" and (s[1].marker or "").startswith("not run"))
    if not runnable:
        return
    directory = Path(tempfile.mkdtemp(prefix="poemsd-docs-"))
    log = open(directory / "server.log", "wb")
    server, shell = Server(binary, directory, log), None
    try:
        for name in ("Tests", "scripts", "bench"):
            (directory / name).symlink_to(ROOT / name)
        # poemsd first on PATH, then the tests' Python tools (scripts/python-venv.sh), as scripts/test.sh has them.
        search = [str(binary.parent)] + [str(v) for v in [ROOT / ".build" / "python-venv" / "bin"] if v.is_dir()]
        environment = dict(os.environ, PATH=":".join(search + [os.environ["PATH"]]), POEMSD_LOG_LEVEL="warning")
        environment.pop("POEMSD_DATABASE", None)
        server.start("")
        shell = Shell(directory, environment)
        last = None
        for kind, item, where in steps:
            if kind == "server":
                words = item.split(None, 1)
                try:
                    if words[0] in ("restart", "stop"):
                        server.stop()
                    if words[0] in ("restart", "start"):
                        server.start(server.rewrite(words[1] if len(words) > 1 else ""))
                except Failure as failure:
                    results.fail(where, f"{words[0]}: {failure}")
                    return
                continue
            block = item
            if block.marker == "output":
                if last is None:
                    results.fail(block.where, "an output block with no run example before it")
                elif last[1] is not None:
                    missing = check_output(block.text, last[1])
                    if missing is not None:
                        results.fail(block.where, f"the output of {last[0].where} has no line matching\n    {missing.strip()}\n"
                                     f"  it printed:\n{indent(last[1])}")
                        last = (last[0], None)
                continue
            if not (block.marker or "").startswith("run"):
                continue
            options = dict(word.split("=", 1) for word in block.marker.split()[1:] if "=" in word)
            script = server.rewrite(block.text)
            try:
                status, out, err = shell.run(script)
            except Failure as failure:
                results.fail(block.where, str(failure))
                return
            expected_exit = int(options.get("exit", "0"))
            problem = None
            if status != expected_exit:
                problem = (f"a command failed with status {status}" if expected_exit == 0 else
                           f"its first failing command's status was {status}, not {expected_exit}")
            elif "status" in options:
                wanted = [int(s) for s in options["status"].split(",")]
                if statuses(out) != wanted:
                    problem = f"answered {statuses(out) or 'no HTTP status'}, not {wanted}"
            if problem:
                results.fail(block.where, f"{problem}\n  stdout:\n{indent(out)}\n  stderr:\n{indent(err)}")
                last = (block, None)
            else:
                results.ran += 1
                last = (block, out)
    finally:
        if shell:
            shell.close()
        try:
            server.stop()
        except Failure as failure:
            results.fail(str(path.relative_to(ROOT)), f"at the end: {failure}")
        log.close()
        if results.failed_in(path) or os.environ.get("POEMSD_DOCS_KEEP"):
            print(f"  (kept {directory}: its server.log and each example's .sh, .out, .err)", file=sys.stderr)
        else:
            shutil.rmtree(directory, ignore_errors=True)


def indent(text, limit=4000):
    text = text if len(text) <= limit else text[:limit] + f"\n… ({len(text) - limit} more characters)"
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


# ---------------------------------------------------------------- the other checks

def slug(heading):
    """GitHub's anchor for a heading."""
    text = re.sub(r"`", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path):
    found, counts, fenced = set(), {}, False
    for line in path.read_text(encoding="utf-8").split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and re.match(r"^#{1,6} ", line):
            base = slug(line.lstrip("#"))
            n = counts.get(base, 0)
            counts[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
    return found


def check_links(documents, results):
    link = re.compile(r"\]\(([^)\s]+)\)")
    for path in documents:
        fenced = False
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if FENCE.match(line):
                fenced = not fenced
            if fenced:
                continue
            for target in link.findall(line):
                if re.match(r"[a-z]+:", target):
                    continue
                file, _, anchor = target.partition("#")
                resolved = (path.parent / file).resolve() if file else path
                where = f"{path.relative_to(ROOT)}:{number}"
                if not resolved.exists():
                    results.fail(where, f"link to {target}: no such file")
                elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
                    results.fail(where, f"link to {target}: no such heading in {resolved.relative_to(ROOT)}")
    results.checks += 1


def check_configuration(binary, results):
    """docs/configuration.md's table and `poemsd serve --help` name the same
    options, each with the same environment variable and default."""
    page = ROOT / "docs" / "configuration.md"
    help_text = subprocess.run([str(binary), "serve", "--help"], capture_output=True, text=True).stdout
    options = {}
    for entry in re.split(r"\n(?=\s{2}(?:-\w, )?--)", help_text.split("OPTIONS:", 1)[-1]):
        m = re.match(r"\s*(?:-\w, )?(--[\w-]+)", entry)
        if not m or m.group(1) in ("--help", "--version"):
            continue
        text = " ".join(entry.split())
        env = re.search(r"\[env: ([^\]]+)\]", text)
        default = re.search(r"\(default: ([^)]*(?:\([^)]*\)[^)]*)*)\)", text)
        options[m.group(1)] = (env.group(1) if env else None, default.group(1) if default else None)
    rows = {}
    for line in page.read_text(encoding="utf-8").split("\n"):
        if line.startswith("| `--"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            for flag in re.findall(r"`(--[\w-]+)", cells[0]):
                rows[flag] = cells
    for flag, (env, default) in options.items():
        row = rows.get(flag)
        if row is None:
            results.fail("docs/configuration.md", f"`{flag}` (poemsd serve --help) is not in the table")
            continue
        if env and not all(f"`{name}`" in row[1] for name in re.findall(r"POEMSD_\w+", env)):
            results.fail("docs/configuration.md", f"`{flag}`: the help says [env: {env}], the table `{row[1]}`")
        if default and default.split(";")[0].strip() not in row[2].replace("`", ""):
            results.fail("docs/configuration.md", f"`{flag}`: the help says (default: {default}), the table `{row[2]}`")
    for flag in rows:
        if flag not in options:
            results.fail("docs/configuration.md", f"`{flag}` is in the table but not in poemsd serve --help")
    results.checks += 1
    return len(options)


def check_sources(results):
    """Every seed the code cites is in docs/clinical-sources.md, and every
    seed and REFERENCES.md section named there, or cited by its quoted title
    in the code, exists in ../shared."""
    page = (ROOT / "docs" / "clinical-sources.md").read_text(encoding="utf-8")
    cited, sections = set(), set()
    for path in (ROOT / "Sources").rglob("*"):
        if path.suffix in (".swift", ".json", ".sql", ".c", ".h", ".js", ".html", ".css"):
            text = path.read_text(errors="replace")
            cited.update(int(n) for n in re.findall(r"(?i)\bseeds? 0*(\d{1,3})\b", text))
            for section in re.findall(r"REFERENCES\.md, \\?\"([^\"\\]+)\\?\"", text):
                # a title broken across comment lines reads as one
                sections.add(" ".join(line.strip().lstrip("/#-* ").strip() for line in section.split("\n")))
    listed = {int(n) for n in re.findall(r"(?m)^\| seed 0*(\d+)", page)}
    for seed in sorted(cited - listed):
        results.fail("docs/clinical-sources.md", f"the code cites seed {seed:03d}; the index does not list it")
    shared = ROOT.parent / "shared"
    if not shared.is_dir():
        if os.environ.get("CI"):
            results.fail("docs/clinical-sources.md", f"{shared} is missing (CI needs the source documents beside the repository)")
        else:
            print(f"note: {shared} is missing: the seeds and REFERENCES.md sections were not checked", file=sys.stderr)
        results.checks += 1
        return
    for seed in listed:
        if not list((shared / "seeds").glob(f"{seed:03d}_*.txt")):
            results.fail("docs/clinical-sources.md", f"seed {seed:03d}: no file ../shared/seeds/{seed:03d}_*.txt")
    headings = {line.lstrip("#").strip() for line in (shared / "REFERENCES.md").read_text().split("\n") if line.startswith("#")}
    for section in re.findall(r"REFERENCES\.md, \"([^\"]+)\"", page):
        if section not in headings:
            results.fail("docs/clinical-sources.md", f"REFERENCES.md has no section \"{section}\"")
    for section in sorted(sections):   # the sections the code cites by their quoted title
        if section not in headings:
            results.fail("Sources", f"the code cites REFERENCES.md, \"{section}\", which has no such section")
    results.checks += 1


# ---------------------------------------------------------------- main

class Results:
    def __init__(self):
        self.ran, self.not_run, self.checks, self.checks_failed, self.failures = 0, 0, 0, 0, []

    def fail(self, where, message):
        self.failures.append((where, message))
        print(f"FAIL {where}: {message}", file=sys.stderr)

    def failed_in(self, path):
        name = str(path.relative_to(ROOT))
        return any(where.startswith(name) for where, _ in self.failures)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "debug" / "poemsd"))
    parser.add_argument("--report", help="write 'passed failed' here (examples and checks)")
    parser.add_argument("documents", nargs="*")
    arguments = parser.parse_args()
    binary = Path(arguments.binary).resolve()
    if not binary.is_file():
        sys.exit(f"no poemsd at {binary}: build it first (swift build)")
    everything = [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))
    documents = [Path(d).resolve() for d in arguments.documents] or everything
    results = Results()
    started = time.monotonic()
    for path in documents:
        before = results.ran
        run_document(path, binary, results)
        if results.ran > before:
            print(f"  {path.relative_to(ROOT)}: {results.ran - before} example(s) ran")
    if not arguments.documents:
        options = 0
        for check in (lambda: check_links(everything, results), lambda: check_configuration(binary, results),
                      lambda: check_sources(results)):
            before = len(results.failures)
            options = check() or options
            results.checks_failed += len(results.failures) > before
        print(f"  links resolved; docs/configuration.md agrees with poemsd serve --help ({options} options); "
              f"docs/clinical-sources.md lists every seed the code cites")
    print(f"docs examples: {results.ran} ran, {results.not_run} marked not run, {results.checks} other checks, "
          f"{len(results.failures)} failed ({time.monotonic() - started:.1f} s)")
    if arguments.report:   # for scripts/test.sh's closing line: each example and each check counts one
        checks_passed = results.checks - results.checks_failed
        Path(arguments.report).write_text(f"{results.ran + checks_passed} {len(results.failures)}\n")
    sys.exit(1 if results.failures else 0)


if __name__ == "__main__":
    main()
