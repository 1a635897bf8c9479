"""Times quantulum3's parser on the same texts the `figures` bench reads.

Usage: python3 benches/baselines/quantulum.py [REPEATS] FILE...
Prints one JSON object: seconds per pass over all files (the median of REPEATS passes), and
how many quantities a pass found. Interpreter start and `import quantulum3` (which loads its
unit tables and classifier) are excluded: only `quantulum3.parser.parse` calls are timed, after
one warm-up pass.
"""

import json
import sys
import time

from quantulum3 import parser


def main() -> None:
    repeats = int(sys.argv[1])
    texts = [open(path, encoding="utf-8").read() for path in sys.argv[2:]]
    found = sum(len(parser.parse(text)) for text in texts)  # warm-up: lazy loading happens here
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in texts:
            parser.parse(text)
        times.append(time.perf_counter() - start)
    times.sort()
    print(json.dumps({"seconds_per_pass": times[len(times) // 2], "quantities": found, "repeats": repeats}))


if __name__ == "__main__":
    main()
