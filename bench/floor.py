"""The floor: read the lines and write each as a JSON string with orjson,
the fastest encoder newsdump uses. No parsing at all.

Usage: python bench/floor.py FILE > out.jsonl
"""

import sys

import orjson


def main(path: str) -> None:
    out = sys.stdout.buffer
    dumps = orjson.dumps
    with open(path, encoding="utf-8") as f:
        out.writelines(dumps(line, option=orjson.OPT_APPEND_NEWLINE) for line in f)


if __name__ == "__main__":
    main(sys.argv[1])
