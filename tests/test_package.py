"""The installed package: one import name, its data files, and its entry points."""

import subprocess
import sys
from importlib.resources import files

import newsdump


def test_package_data_is_installed():
    root = files("newsdump")
    assert root.joinpath("py.typed").is_file()
    for kind in ("article", "page", "quote", "audit"):
        assert root.joinpath("schemas").joinpath(f"{kind}.schema.json").is_file()
    for name in ("timesca", "vestnik"):
        assert root.joinpath("profiles").joinpath(f"{name}.toml").is_file()


def test_a_project_with_its_own_core_and_cli_still_runs_newsdump(tmp_path):
    # A user's project with packages named like the repository's folders.
    for name in ("core", "cli"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("raise ImportError('the user project, not newsdump')\n")
    code = "import newsdump, newsdump.cli.main, newsdump.parser; print(newsdump.__version__)"
    imported = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == newsdump.__version__
    module = subprocess.run(
        [sys.executable, "-m", "newsdump", "--version"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert module.returncode == 0, module.stderr
    assert module.stdout.strip() == f"newsdump {newsdump.__version__}"
