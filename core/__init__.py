"""newsdump core: pure functions that turn the text of news dumps into records.

Nothing in this package opens files, prints or exits. The entry points are
:func:`newsdump.parser.parse_stream` (lines in, parsed pages out) and
:func:`newsdump.parser.parse_text` (a whole string, for tests and notebooks).
"""

__version__ = "0.1.0"
