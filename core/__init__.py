"""newsdump core: pure functions that turn the text of news dumps into records.

Nothing in this package opens files, prints or exits. The entry points are
:func:`core.parser.parse_stream` (lines in, parsed pages out) and
:func:`core.parser.parse_text` (a whole string, for tests and notebooks).
"""

__version__ = "0.1.0"
