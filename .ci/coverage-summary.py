#!/usr/bin/env python3
"""Merges the cobertura reports of every test project into one figure per production assembly.

Each test project (unit, integration) writes its own report covering the same production
assemblies. A line counts as covered when any report covered it; for a branch line the most
branches any one report covered is taken (cobertura does not say which branches, so this is a
lower bound of the union). Prints a table and exits 1 when an assembly is below its floor.

usage: coverage-summary.py --floor ASSEMBLY=PERCENT ... REPORT.xml ...
"""
import argparse
import re
import sys
import xml.etree.ElementTree as ET

CONDITION = re.compile(r"\((\d+)/(\d+)\)")


def merge(reports):
    lines = {}     # (assembly, file, line) -> hit
    branches = {}  # (assembly, file, line) -> (covered, total)
    for report in reports:
        root = ET.parse(report).getroot()
        for package in root.iter("package"):
            assembly = package.get("name")
            for cls in package.iter("class"):
                source = cls.get("filename")
                for line in cls.findall("./lines/line"):
                    key = (assembly, source, int(line.get("number")))
                    lines[key] = lines.get(key, False) or int(line.get("hits", "0")) > 0
                    match = CONDITION.search(line.get("condition-coverage") or "")
                    if line.get("branch") == "True" and match:
                        covered, total = int(match.group(1)), int(match.group(2))
                        seen = branches.get(key, (0, total))
                        branches[key] = (max(seen[0], covered), max(seen[1], total))
    return lines, branches


def percent(covered, total):
    return 100.0 * covered / total if total else 100.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--floor", action="append", default=[], help="ASSEMBLY=PERCENT minimum line coverage")
    parser.add_argument("reports", nargs="+")
    args = parser.parse_args()
    floors = {name: float(value) for name, value in (f.split("=", 1) for f in args.floor)}

    lines, branches = merge(args.reports)
    table = {}
    for (assembly, _, _), hit in lines.items():
        row = table.setdefault(assembly, [0, 0, 0, 0])
        row[0] += hit
        row[1] += 1
    for (assembly, _, _), (covered, total) in branches.items():
        row = table.setdefault(assembly, [0, 0, 0, 0])
        row[2] += covered
        row[3] += total

    print(f"{'assembly':<24} {'lines':>13} {'line %':>7} {'branches':>13} {'branch %':>8} {'floor':>6}")
    failures = []
    for assembly in sorted(table):
        line_hit, line_total, branch_hit, branch_total = table[assembly]
        line_rate = percent(line_hit, line_total)
        floor = floors.get(assembly)
        print(f"{assembly:<24} {f'{line_hit}/{line_total}':>13} {line_rate:>6.1f}% {f'{branch_hit}/{branch_total}':>13} "
              f"{percent(branch_hit, branch_total):>7.1f}% {('' if floor is None else f'{floor:.0f}%'):>6}")
        if floor is not None and line_rate < floor:
            failures.append(f"{assembly} line coverage {line_rate:.1f}% is below its floor of {floor:.0f}%")
    for assembly in floors.keys() - table.keys():
        failures.append(f"{assembly} has a coverage floor but appears in no report")

    for failure in failures:
        print(f"coverage: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
