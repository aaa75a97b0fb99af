"""newsdump core: pure functions that turn the text of news dumps into records.

The text-to-records modules (``text``, ``ticker``, ``dates``, ``results``,
``pages``, ``shortcodes``, ``lines``, ``articles``, ``parser``, ``audit``,
``strip``, ``stats``) are pure: text in, values out. Input and output live in
three modules of their own: ``reader`` (bytes of a file or stream to lines),
``jsonl`` (records to bytes) and ``batch`` (many files to JSON Lines). Nothing
in the package prints or exits; the command line is :mod:`newsdump.cli`. The entry points are
:func:`newsdump.parser.parse_stream` (lines in, parsed pages out) and
:func:`newsdump.parser.parse_text` (a whole string, for tests and notebooks).
"""

__version__ = "0.1.0"
