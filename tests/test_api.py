"""The library API: what `import newsdump` offers, against what the CLI prints."""

import doctest
import io
import pydoc
import warnings
from pathlib import Path

import newsdump
import orjson
import pytest
from newsdump.cli.main import build_app

from tests.conftest import ROOT, SAMPLES, TIMESCA_DUMPS


def test_every_public_name_resolves_and_is_documented():
    for name in newsdump.__all__:
        value = getattr(newsdump, name)
        if name != "__version__":
            assert value.__doc__, name
    assert "parse" in dir(newsdump)
    with pytest.raises(AttributeError):
        newsdump.no_such_name  # noqa: B018


def test_api_functions_are_not_shadowed_by_submodules():
    import newsdump.auditing  # noqa: F401  (importing the modules must not rebind the names)
    import newsdump.split  # noqa: F401

    assert callable(newsdump.pages) and callable(newsdump.audit) and callable(newsdump.parse)


def test_help_is_short():
    for function in (newsdump.parse, newsdump.pages, newsdump.audit, newsdump.read_pages):
        assert len(pydoc.render_doc(function)) < 1500
    from newsdump.parser import parse_stream

    assert len(pydoc.render_doc(parse_stream)) < 1500  # a default Rules prints as its profile's name


def cli_records(*args: str) -> list[dict]:
    from typer.testing import CliRunner

    result = CliRunner().invoke(build_app(), list(args))
    assert result.exit_code == 0, result.output
    return [orjson.loads(line) for line in result.stdout_bytes.splitlines()]


@pytest.mark.parametrize("dump", TIMESCA_DUMPS, ids=lambda p: p.name)
def test_records_to_dict_equal_what_the_cli_prints(dump, monkeypatch):
    monkeypatch.chdir(SAMPLES)
    name = dump.name
    assert [a.to_dict() for a in newsdump.parse(name)] == cli_records("parse", name)
    assert [p.to_dict() for p in newsdump.pages(name)] == cli_records("pages", name)
    assert [s.to_dict() for s in newsdump.audit(name)] == cli_records("audit", name)


def test_every_kind_of_source_gives_the_same_records():
    path = SAMPLES / "full.txt"
    by_path = [a.to_dict() for a in newsdump.parse(str(path))]
    assert [a.to_dict() for a in newsdump.parse(path)] == by_path  # os.PathLike
    with open(path, "rb") as f:
        from_file = [a.to_dict() for a in newsdump.parse(f)]
        assert not f.closed
    assert from_file == by_path  # the file's name is the source
    from_bytes = [a.to_dict() | {"source": str(path)} for a in newsdump.parse(io.BytesIO(path.read_bytes()))]
    assert from_bytes == by_path
    text = path.read_text(encoding="utf-8")
    assert [a.to_dict() | {"source": str(path)} for a in newsdump.parse_text(text)] == by_path


def test_profiles_by_name_path_text_or_object_give_the_same_records():
    dump = SAMPLES / "vestnik.txt"
    toml = ROOT / "core" / "profiles" / "vestnik.toml"
    want = [a.to_dict() for a in newsdump.parse(dump, profile="vestnik")]
    assert want and want[0]["page_date"] is not None
    assert [a.to_dict() for a in newsdump.parse(dump, profile=toml)] == want
    assert [a.to_dict() for a in newsdump.parse(dump, profile=str(toml))] == want
    assert [a.to_dict() for a in newsdump.parse(dump, profile=toml.read_text(encoding="utf-8"))] == want
    assert [a.to_dict() for a in newsdump.parse(dump, profile=newsdump.load_profile("vestnik"))] == want
    assert [a.to_dict() for a in newsdump.parse(dump)] != want  # the default profile reads it differently


def test_bad_profiles_and_inputs_raise_the_documented_errors(tmp_path):
    with pytest.raises(newsdump.ProfileError, match="no-such.toml"):
        newsdump.load_profile(tmp_path / "no-such.toml")
    with pytest.raises(newsdump.ProfileError, match="dates.monts: unknown key"):
        newsdump.load_profile("[dates]\nmonts = []")
    with pytest.raises(newsdump.InputError, match="no such file"):
        list(newsdump.parse(tmp_path / "missing.txt"))


def test_decoding_warnings_go_to_the_callback_or_to_python_warnings(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("• A/USD = 1 0%\nTitle\n\nCafe text ".encode() + b"\xff\xfe\xfa.\n")
    heard: list[str] = []
    assert [a.title for a in newsdump.parse(bad, on_warning=heard.append)] == ["Title"]
    assert len(heard) == 1 and str(bad) in heard[0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        list(newsdump.parse(bad))
    assert [w.category for w in caught] == [newsdump.DecodingWarning]


def test_the_readme_python_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    readme = Path(ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from Python", 1)[1].split("\n## ", 1)[0]
    test = doctest.DocTestParser().get_doctest(section, {}, "README: Use from Python", "README.md", 0)
    assert len(test.examples) >= 8
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0


def test_learn_profile_gives_what_the_learn_command_prints():
    pages = sorted((SAMPLES / "pamir").glob("*.txt"))
    learned = newsdump.learn_profile(pages)
    printed = cli_records_text("learn", *map(str, pages))
    assert learned.toml() == printed
    assert learned.profile().boilerplate_lines  # the profile it makes holds the learned lines


def cli_records_text(*args: str) -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(build_app(), list(args))
    assert result.exit_code == 0, result.output
    return result.stdout
