#!/usr/bin/env python3
"""Compare tj3's schedule with `prog schedule --format json` of the same plan.

Usage: compare_tj3.py PLAN.tjp TJ3.csv PROG.json

PLAN.tjp is `proggen --format tjp` output; TJ3.csv a tj3 CSV taskreport of it
with columns id, start, end and timeformat "%Y-%m-%d %H:%M"; PROG.json is
`prog schedule --format json` of the same plan as `.prog`. Both schedules are
turned into working hours from the project start (9:00-17:00 on working days,
as in the .tjp) and compared task by task, groups included.
"""
import csv
import datetime as dt
import json
import re
import sys


def main(tjp, tj_csv, prog_json):
    text = open(tjp).read()
    start = dt.date.fromisoformat(re.search(r"^project \S+ \"[^\"]*\" (\S+)", text, re.M).group(1))
    off_days = {d for d in re.findall(r"workinghours (\w+) off", text)}
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    holidays = set()
    for first, days in re.findall(r"^leaves holiday \"[^\"]*\" (\S+) \+(\d+)d", text, re.M):
        first = dt.date.fromisoformat(first)
        holidays.update(first + dt.timedelta(days=i) for i in range(int(days)))

    def working(d):
        return names[d.weekday()] not in off_days and d not in holidays

    cache = {}

    def days_before(d):
        # Working days in [start, d).
        if d not in cache:
            n, day = 0, start
            step = dt.timedelta(days=1)
            while day < d:
                n += working(day)
                day += step
            cache[d] = n
        return cache[d]

    def hours(stamp):
        t = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M")
        h = days_before(t.date()) * 8
        if working(t.date()):
            h += min(max(t.hour + t.minute / 60 - 9, 0), 8)
        return round(h)

    tj = {}
    with open(tj_csv) as f:
        for row in csv.DictReader(f, delimiter=";"):
            tj[row["Id"].split(".")[-1]] = (hours(row["Start"]), hours(row["End"]))
    prog = {t["id"]: (round(t["es"] * 8), round(t["ef"] * 8)) for t in json.load(open(prog_json))["tasks"]}
    common = sorted(set(tj) & set(prog), key=lambda k: (len(k), k))
    same = [k for k in common if tj[k] == prog[k]]
    diff = [k for k in common if tj[k] != prog[k]]
    print(f"tasks: prog {len(prog)}, tj3 {len(tj)} (incl. not_before milestones), compared {len(common)}")
    print(f"same start and end (working hours): {len(same)}; different: {len(diff)}")
    end_tj = max(v[1] for v in tj.values())
    end_prog = max(v[1] for v in prog.values())
    print(f"project end: prog {end_prog} h, tj3 {end_tj} h")
    for k in diff[:15]:
        print(f"  {k}: prog es/ef {prog[k]} h, tj3 {tj[k]} h")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
