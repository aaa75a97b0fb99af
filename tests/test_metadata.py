"""The project as a package: license, URLs, classifiers, the man page
installed with it, and every reference to the contract resolved inside the
repository."""

import json
import re
import tomllib
from importlib.metadata import metadata
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_file_and_metadata():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    meta = metadata("newsdump")
    assert meta["License"] == "MIT" or meta["License-Expression"] == "MIT"
    classifiers = meta.get_all("Classifier")
    assert "License :: OSI Approved :: MIT License" in classifiers
    assert any(c.startswith("Programming Language :: Python :: 3") for c in classifiers)
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert {"Homepage", "Source", "Issues"} <= set(urls)


def test_the_man_page_is_installed_with_the_package():
    data_files = PYPROJECT["tool"]["setuptools"]["data-files"]
    assert data_files["share/man/man1"] == ["man/newsdump.1"]
    assert (ROOT / "man" / "newsdump.1").is_file()
    assert "man/newsdump.1" in (ROOT / "MANIFEST.in").read_text(encoding="utf-8")


def test_schema_ids_are_under_the_project_source():
    source = PYPROJECT["project"]["urls"]["Source"]
    for kind in ("article", "page", "quote", "audit"):
        schema = json.loads(files("newsdump").joinpath("schemas").joinpath(f"{kind}.schema.json").read_text())
        assert schema["$id"] == f"{source}/raw/main/core/schemas/{kind}.schema.json"
        assert "invalid" not in schema["$id"]


REFERENCE = re.compile(r"SPEC(?:\.md)?,? sections? (\d+)(?:(?: and |, )(\d+))?")


def test_every_reference_to_the_contract_resolves_inside_the_repository():
    spec = ROOT / "SPEC.md"
    sections = set(re.findall(r"^## (\d+)\. ", spec.read_text(encoding="utf-8"), re.MULTILINE))
    assert sections
    found = 0
    for path in [*ROOT.glob("core/**/*"), *ROOT.glob("cli/*.py"), *ROOT.glob("tests/*.py"), ROOT / "README.md"]:
        if not path.is_file() or path.suffix not in (".py", ".json", ".md", ".toml"):
            continue
        text = path.read_text(encoding="utf-8")
        assert "SPEC " + "section" not in text, path  # the file is named, SPEC.md
        for match in REFERENCE.finditer(text):
            for number in filter(None, match.groups()):
                found += 1
                assert number in sections, (path, match.group())
    assert found >= 4
