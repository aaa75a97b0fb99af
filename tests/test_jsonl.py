"""newsdump.jsonl: records to JSON Lines bytes."""

import subprocess
import sys

from newsdump.jsonl import jsonl
from newsdump.records import Results


def test_records_become_one_line_each():
    assert jsonl([Results(1, 2, None), {"a": "é"}]) == b'{"first":1,"last":2,"total":null}\n{"a":"\xc3\xa9"}\n'
    assert jsonl([]) == b""


def test_a_page_of_many_records_costs_about_its_output_in_memory():
    """orjson's output objects keep far more memory than their length: holding
    one per record (b"".join) took 270 MB for 15 MB of JSON. Measured in a
    fresh process, as peak RSS growth against the output's size."""
    code = """
import resource, sys
from newsdump.jsonl import jsonl
records = [{"source": "x.txt", "page": 1, "title": f"Title {i}", "body": "word " * 60} for i in range(40000)]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
data = jsonl(records)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
print(grown / len(data))
"""
    ratio = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert ratio < 4, f"memory grew {ratio:.1f}x the output"
