"""What a user would write in an afternoon: skip ticker lines, pair each
title with the paragraph after it, print JSON with the standard library.

Usage: python bench/plain.py FILE > out.jsonl
(It does much less than `newsdump parse`: no page date, result counts,
captions, subheadings, notes, truncation, glued tickers or full articles.)
"""

import hashlib
import json
import re
import sys

TICKER = re.compile(r"^\s*•\s*[A-Z]{3}/[A-Z]{3} = ")


def main(path: str) -> None:
    out = sys.stdout
    title = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or TICKER.match(line) or line.startswith("Viewing results"):
                continue
            if title is None:
                title = (n, line)
                continue
            body = line
            out.write(
                json.dumps(
                    {
                        "source": path,
                        "line": title[0],
                        "title": title[1],
                        "body": body,
                        "id": hashlib.sha256(f"{title[1]}\n{body}".encode()).hexdigest()[:16],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            title = None


if __name__ == "__main__":
    main(sys.argv[1])
