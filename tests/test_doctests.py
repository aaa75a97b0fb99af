"""The examples in the package's docstrings run, module by module."""

import doctest
import importlib
import pkgutil

import newsdump
import pytest

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(newsdump.__path__, "newsdump.") if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
