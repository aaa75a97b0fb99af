"""The command line: files, inputs, errors and exit codes in this process
(tests.conftest.run_main calls the console script's own function); stdin,
a terminal, pipes, signals and the entry points in a real subprocess."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from newsdump import __version__
from newsdump.cli.help import render_man, with_reference
from newsdump.cli.main import build_app
from typer.main import get_command
from typer.testing import CliRunner

from tests.conftest import SAMPLES, TIMESCA_DUMPS, run_main
from tests.records import load_jsonl, load_jsonl_text

LISTING = SAMPLES / "listing.txt"
FULL = SAMPLES / "full.txt"


def run(cmd, *args, stdin=None, cwd=None):
    return subprocess.run([*cmd, *args], input=stdin, capture_output=True, cwd=cwd, timeout=60)


def titles(stdout: bytes):
    return [r["title"] for r in load_jsonl_text(stdout.decode())]


def test_parse_file_matches_expected():
    out = run_main("parse", "listing.txt", cwd=SAMPLES)
    assert out.returncode == 0 and out.stderr == b""
    assert load_jsonl_text(out.stdout.decode()) == load_jsonl(SAMPLES / "listing.articles.jsonl")


def test_output_is_utf8_not_ascii_escaped():
    out = run_main("parse", str(FULL))
    assert "Azerbaijan’s".encode() in out.stdout and b"\\u2019" not in out.stdout


def test_stdin_is_read_when_no_path_or_dash(newsdump):
    data = LISTING.read_bytes()
    for args in ([], ["-"]):
        out = run(newsdump, "parse", *args, stdin=data)
        assert out.returncode == 0
        records = load_jsonl_text(out.stdout.decode())
        assert len(records) == 6 and {r["source"] for r in records} == {"-"}


def test_cat_of_many_files_on_stdin(newsdump):
    files = TIMESCA_DUMPS
    out = run(newsdump, "pages", stdin=b"".join(f.read_bytes() for f in files))
    pages = load_jsonl_text(out.stdout.decode())
    assert out.returncode == 0 and len(pages) >= len(files)
    assert [p["page"] for p in pages] == list(range(1, len(pages) + 1))


def test_several_files_keep_their_own_source_and_page_numbers():
    out = run_main("pages", "listing.txt", "stream.txt", cwd=SAMPLES)
    assert [(p["source"], p["page"]) for p in load_jsonl_text(out.stdout.decode())] == [
        ("listing.txt", 1),
        ("stream.txt", 1),
        ("stream.txt", 2),
    ]


def test_missing_file_among_good_ones(tmp_path):
    out = run_main("parse", str(LISTING), str(tmp_path / "nope.txt"), str(FULL))
    assert out.returncode == 1
    assert len(titles(out.stdout)) == 6 + 3  # both good files still written
    assert out.stderr.decode() == f"newsdump: error: {tmp_path / 'nope.txt'}: no such file\n"


def test_a_directory_without_dumps_is_an_error(tmp_path):
    (tmp_path / "notes.md").write_text("not a dump\n")
    out = run_main("parse", str(tmp_path), str(LISTING))
    assert out.returncode == 1 and len(titles(out.stdout)) == 6
    assert out.stderr.decode() == f"newsdump: error: {tmp_path}: a directory with no *.txt file in it\n"


def test_binary_file_is_skipped(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = run_main("parse", str(binary), str(LISTING))
    assert out.returncode == 1 and len(titles(out.stdout)) == 6
    assert b"binary file" in out.stderr and b"Traceback" not in out.stderr


def test_nul_bytes_past_the_first_batch_stop_the_file_at_their_line(tmp_path):
    text = LISTING.read_bytes()
    copies = 200_000 // len(text) + 1  # well past the sniffed head and the first 64 KB list of lines
    bad = tmp_path / "late-nul.txt"
    bad.write_bytes(text * copies + b"Broken\x00 line\n" + text)
    out = run_main("parse", str(bad))
    line = text.count(b"\n") * copies + 1
    assert out.returncode == 1 and len(titles(out.stdout)) == 6 * copies
    assert f"{bad}:{line}".encode() in out.stderr and b"NUL" in out.stderr


def test_invalid_utf8_is_replaced_and_named_once(tmp_path):
    bad = tmp_path / "bad-utf8.txt"
    bad.write_bytes("Café Opens in Almaty\n\nThe café serves plov".encode() + b" \xff and tea.\n")
    out = run_main("parse", str(bad))
    assert out.returncode == 0
    assert titles(out.stdout) == ["Café Opens in Almaty"]
    assert out.stderr.decode().count("warning:") == 1 and "1 byte(s) replaced" in out.stderr.decode()
    fixed = run_main("parse", "--encoding", "latin-1", str(bad))
    assert titles(fixed.stdout) == ["CafÃ© Opens in Almaty"] and fixed.stderr == b""


def test_latin1_file_is_detected_and_named_once(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 Opens in Almaty\n\nThe caf\xe9 serves plov.\n".encode("latin-1"))
    out = run_main("parse", str(bad))
    assert out.returncode == 0
    err = out.stderr.decode()
    assert titles(out.stdout) == ["Café Opens in Almaty"]
    assert err.count("newsdump: decoding warning:") == 1 and f"{bad}: not UTF-8, read as" in err


def test_cp1251_with_encoding_option(tmp_path):
    dump = tmp_path / "ru.txt"
    dump.write_bytes("Новости Бишкека\n\nГород открыл новый парк.\n".encode("cp1251"))
    out = run_main("parse", "--encoding", "cp1251", str(dump))
    assert titles(out.stdout) == ["Новости Бишкека"]


def test_utf16_with_bom_is_detected(tmp_path):
    dump = tmp_path / "utf16.txt"
    dump.write_bytes(LISTING.read_text(encoding="utf-8").encode("utf-16"))
    out = run_main("parse", str(dump))
    assert out.returncode == 0 and len(titles(out.stdout)) == 6


def test_quiet_silences_warnings(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title\n\nBody \xff.\n")
    assert run_main("parse", "--quiet", str(bad)).stderr == b""


@pytest.mark.parametrize(
    "args", [["parse", "--no-such-option"], ["no-such-command"], ["parse", "--encoding", "klingon", "x.txt"]]
)
def test_command_line_errors_exit_2(newsdump, args):
    out = run(newsdump, *args)
    assert out.returncode == 2 and b"Traceback" not in out.stderr and out.stderr
    # like every other message: the program's name first, then what is wrong, then where to look
    lines = out.stderr.decode().splitlines()
    assert lines[0].startswith("newsdump: error: ") and "Error:" not in out.stderr.decode()
    assert lines[-1].startswith("Try 'newsdump") and lines[-1].endswith("--help' for help.")


def test_bare_newsdump_prints_the_help_and_exits_0():
    out = run_main()
    assert out.returncode == 0 and out.stderr == b""
    assert out.stdout.startswith(b"Usage: newsdump [OPTIONS] COMMAND [ARGS]...") and b"Commands:" in out.stdout


def test_stdin_on_a_terminal_gets_a_one_line_hint(newsdump):
    """`newsdump parse` with no path on a terminal says it is waiting, on
    stderr; on a pipe it says nothing (test_stdin_is_read_when_no_path_or_dash)."""
    import pty

    primary, secondary = pty.openpty()
    proc = subprocess.Popen(
        [*newsdump, "parse"], stdin=secondary, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    os.close(secondary)
    try:
        os.write(primary, b"A Title\n\nIts body.\n")
        time.sleep(0.5)
        os.write(primary, b"\x04")  # one Ctrl-D ends the input, as it does for cat
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(primary)
    assert err.decode().splitlines()[0] == "newsdump: reading standard input; Ctrl-D to end"
    assert proc.returncode == 0 and out.startswith(b"{")


def test_version_and_module_entry_point(newsdump):
    assert run(newsdump, "--version").stdout.startswith(b"newsdump ")
    assert run(newsdump, "-V").stdout == run(newsdump, "--version").stdout
    module = subprocess.run(
        [sys.executable, "-m", "newsdump", "--version"], capture_output=True, cwd=SAMPLES.parent, timeout=60
    )
    assert module.returncode == 0 and module.stdout.startswith(b"newsdump ")


def test_closed_pipe_is_quiet(newsdump, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(LISTING.read_bytes() * 2000)
    cmd = " ".join(newsdump) + f" parse '{big}' | head -1"
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, timeout=60)
    assert out.returncode == 0
    assert len(out.stdout.splitlines()) == 1 and out.stderr == b""


def test_ctrl_c_exits_130_without_traceback(newsdump):
    proc = subprocess.Popen([*newsdump, "parse"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(LISTING.read_bytes())  # a page in, then the input stalls
    proc.stdin.flush()
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err


def test_unreadable_file(tmp_path):
    """Unreadable for anyone: a file without read permission, or, for root
    (who reads everything), a UNIX socket, which no one can open as a file."""
    import socket

    locked = tmp_path / "locked.txt"
    if os.geteuid() == 0:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(locked))
    else:
        locked.write_text("T\n\nB.\n")
        locked.chmod(0)
    out = run_main("parse", str(locked), str(LISTING))
    assert out.returncode == 1 and len(titles(out.stdout)) == 6
    assert out.stderr.decode().startswith(f"newsdump: error: {locked}: ") and b"Traceback" not in out.stderr


def test_path_through_a_file_is_an_error(tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("T\n\nB.\n")
    out = run_main("parse", str(plain / "child.txt"), str(plain))
    assert out.returncode == 1 and len(titles(out.stdout)) == 1
    assert b"child.txt" in out.stderr and b"Traceback" not in out.stderr


# In-process: the help of every registered command, the man page, the inputs.


APP = build_app()
ROOT = get_command(APP)


def _commands(group=ROOT, path=()):
    for name, command in group.commands.items():
        yield (*path, name), command
        if getattr(command, "commands", None) is not None:
            yield from _commands(command, (*path, name))


COMMANDS = dict(_commands())
LEAVES = [path for path, command in COMMANDS.items() if getattr(command, "commands", None) is None]
READERS = [path for path in LEAVES if any(p.name == "paths" for p in COMMANDS[path].params)]


def invoke(*args, **kwargs):
    return CliRunner().invoke(APP, list(args), prog_name="newsdump", **kwargs)


def test_the_commands_are_found():
    assert {"parse", "pages", "ticker", "strip", "stats", "convert", "audit", "schema"} <= {p[0] for p in LEAVES}
    assert ("profile", "show") in LEAVES and ("profile", "check") in LEAVES


@pytest.mark.parametrize("path", [(), *COMMANDS], ids=lambda p: " ".join(p) or "newsdump")
def test_help_reads_like_a_shell_tool(path):
    out = invoke(*path, "--help")
    assert out.exit_code == 0
    text = out.stdout
    usage, _, summary = text.splitlines()[:3]
    assert usage.startswith(f"Usage: {' '.join(('newsdump', *path))} ")
    assert summary.strip() and summary.strip().endswith(".")  # the one-line summary
    assert "Example:" in text or "Examples:" in text
    # plain metavars: no <bool>, <list[str]>, {INPUT...}..., [default: ...] added after the help's own words
    lists = text[text.index("\nOptions:") :]
    if "\nArguments:" in text:
        lists = text[text.index("\nArguments:") :]
    for mark in ("<", ">", "{", "}", "[default:", "[required]", "╭", "│"):
        assert mark not in usage and mark not in lists, mark
    for line in text.splitlines():
        assert len(line) <= 80, line
        assert line.lower().count("default") <= 1, line


def test_no_option_states_its_default_twice():
    for path, command in COMMANDS.items():
        for param in command.params:
            assert (param.help or "").lower().count("default") <= 1, (path, param.name)


def test_usage_lines():
    assert invoke("convert", "--help").stdout.splitlines()[0] == "Usage: newsdump convert [OPTIONS] INPUT..."
    assert invoke("stats", "--help").stdout.splitlines()[0] == "Usage: newsdump stats [OPTIONS] [INPUT]..."
    assert invoke("schema", "--help").stdout.splitlines()[0] == "Usage: newsdump schema [OPTIONS] KIND"


def test_the_command_list_gives_each_command_one_whole_line():
    text = invoke("--help").stdout
    listed = text.split("\nCommands:\n")[1].splitlines()
    assert [line.split()[0] for line in listed] == list(ROOT.commands)  # no continuation lines
    for line in listed:
        assert line.rstrip().endswith(".")


def test_dash_capital_v_is_the_version():
    for flag in ("-V", "--version"):
        assert invoke(flag).stdout == f"newsdump {__version__}\n"


def test_the_man_page_is_current():
    """`make man` writes it; it is rendered from the same pages as --help."""
    man = (Path(__file__).parent.parent / "man" / "newsdump.1").read_text(encoding="utf-8")
    assert man == render_man(ROOT, __version__), "man/newsdump.1 is stale: run `make man`"
    for path in LEAVES:
        assert f'.SS "newsdump {" ".join(path)}"'.replace("-", "\\-") in man


def test_the_readme_command_reference_is_current():
    """`make readme` writes it; each command's section is what its --help prints."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme == with_reference(readme, ROOT), "README.md's command reference is stale: run `make readme`"
    for path in [(), *COMMANDS]:
        shown = invoke(*path, "--help").stdout
        assert f"### `{' '.join(('newsdump', *path))}`\n\n```text\n{shown}```\n" in readme, path


# Inputs: every command that reads dumps takes directories, globs and @lists as convert does.


@pytest.fixture
def tree(tmp_path):
    """listing.txt and stream.txt in a tree, a file that is not a dump, and an @list."""
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "a" / "listing.txt").write_bytes(LISTING.read_bytes())
    (tmp_path / "a" / "deep" / "stream.txt").write_bytes((SAMPLES / "stream.txt").read_bytes())
    (tmp_path / "a" / "readme.md").write_text("not a dump\n")
    (tmp_path / "list.txt").write_text(
        f"# dumps\n{tmp_path / 'a' / 'listing.txt'}\n\n{tmp_path / 'a/deep/stream.txt'}\n"
    )
    return tmp_path


@pytest.mark.parametrize("path", READERS, ids=" ".join)
def test_every_reading_command_takes_directories_globs_and_lists(path, tree, monkeypatch):
    monkeypatch.chdir(tree)
    files = invoke(*path, "a/deep/stream.txt", "a/listing.txt")  # the order expand_inputs gives for a/
    assert files.exit_code == 0 and files.stdout_bytes
    for inputs in (["a"], ["a/"], ["a/**/*.txt"], ["@list.txt"]):
        got = invoke(*path, *inputs)
        assert got.exit_code == 0, (inputs, got.output)
        if inputs == ["@list.txt"]:  # listed in the other order, with absolute paths
            continue
        assert got.stdout_bytes.replace(b'"a//', b'"a/') == files.stdout_bytes, inputs
    two = invoke(*path, "a", str(tree / "a" / "deep"))  # two directories
    assert two.exit_code == 0


@pytest.mark.parametrize("path", READERS, ids=" ".join)
def test_an_input_that_matches_nothing_is_an_error_and_the_rest_is_read(path, tree, monkeypatch):
    monkeypatch.chdir(tree)
    out = invoke(*path, "nothing-*.txt", "a/listing.txt")
    assert out.exit_code == 1 and out.stdout_bytes
    assert "newsdump: error: nothing-*.txt: no file matches" in out.stderr


@pytest.mark.parametrize("path", list(COMMANDS), ids=" ".join)
def test_an_app_of_one_command_answers_as_the_whole_app(path):
    """main() builds only the command it runs (a shorter start-up): its help
    and its usage errors are the whole app's."""
    one = build_app(path[0])
    assert set(get_command(one).commands) == {path[0]}
    for args in ([*path, "--help"], [*path, "--no-such-option"]):
        alone = CliRunner().invoke(one, args, prog_name="newsdump")
        whole = invoke(*args)
        assert (alone.exit_code, alone.stdout, alone.stderr) == (whole.exit_code, whole.stdout, whole.stderr)


def test_main_builds_only_the_command_it_runs(monkeypatch):
    from newsdump.cli import main as main_module

    built = []
    real = main_module.build_app
    monkeypatch.setattr(main_module, "build_app", lambda only=None: built.append(only) or real(only))
    monkeypatch.delenv("_NEWSDUMP_COMPLETE", raising=False)
    sigpipe = signal.getsignal(signal.SIGPIPE)  # main() restores the default action, for a real process
    try:
        with pytest.raises(SystemExit):
            main_module.main(["schema", "article"])
        with pytest.raises(SystemExit):
            main_module.main(["--help"])
    finally:
        signal.signal(signal.SIGPIPE, sigpipe)  # not this test process's: a later test's closed pipe would kill it
    assert built == ["schema", None]
