import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"
# Samples of the default (timesca) site; NAME.toml beside NAME.txt marks another site's sample and its profile.
TIMESCA_DUMPS = [p for p in sorted(SAMPLES.glob("*.txt")) if not p.with_suffix(".toml").exists()]


def newsdump_command() -> list[str]:
    """The installed console script beside this interpreter, else on PATH."""
    script = Path(sys.executable).parent / "newsdump"
    if script.exists():
        return [str(script)]
    found = shutil.which("newsdump")
    if found:
        return [found]
    pytest.fail("newsdump is not installed: run `make test`, which installs it")


@pytest.fixture(scope="session")
def newsdump() -> list[str]:
    return newsdump_command()
