"""Mutation score per mutated file and in total, from the results `mutmut run` left in mutants/.

Run by `make mutation` in .mutation/ after mutmut; lists the surviving mutants (`mutmut show
NAME` there prints one) and exits 1 when fewer than --fail-under percent were killed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

COLUMNS = ("killed", "survived", "timeout", "no tests")


def _results(mutants: Path) -> dict[str, dict[str, str]]:
    """Each mutated file's mutants, by name, with mutmut's status of each."""
    results = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        source = str(meta.relative_to(mutants)).removesuffix(".meta")
        exit_codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        results[source] = {name: status_by_exit_code[code] for name, code in exit_codes.items()}
    return results


def _row(name: str, statuses: Counter[str]) -> str:
    total = statuses.total()
    others = total - sum(statuses[column] for column in COLUMNS)
    killed = 100 * statuses["killed"] / total if total else 100.0
    counts = "".join(f"{statuses[column]:>10}" for column in COLUMNS)
    return f"{name:<50}{total:>7}{counts}{others:>8}{killed:>9.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--fail-under", type=float, default=0.0, help="percent killed, in total")
    arguments = parser.parse_args()
    results = _results(arguments.mutants)
    lines = [
        f"not killed  {name}"
        for mutants in results.values()
        for name, status in sorted(mutants.items())
        if status != "killed"
    ]
    header = "".join(f"{column:>10}" for column in COLUMNS)
    lines.append(f"{'file':<50}{'total':>7}{header}{'other':>8}{'killed %':>9}")
    overall: Counter[str] = Counter()
    for source, mutants in results.items():
        statuses = Counter(mutants.values())
        overall += statuses
        lines.append(_row(source, statuses))
    lines.append(_row("total", overall))
    sys.stdout.write("\n".join(lines) + "\n")
    total = overall.total()
    score = 100 * overall["killed"] / total if total else 100.0
    return 0 if score >= arguments.fail_under else 1


if __name__ == "__main__":
    sys.exit(main())
