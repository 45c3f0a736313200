"""`sahel-tui stats`: the tallies and the analyst questions as plain-text tables, CSV or JSON.

Registered into the CLI through sahel_tui.cli.COMMAND_MODULES; kept light at import time
(the work is imported when the command runs).
"""

from __future__ import annotations

import sys

BY = ("actor", "type", "sub", "country", "admin1", "source", "week", "month")


def register(sub, common) -> None:
    """Add this package's subcommands to ``sub`` (argparse subparsers)."""
    p = sub.add_parser(
        "stats", help="tallies of coded events and the analysts' questions",
        description="Tallies of coded events (of the items matching --query), or one of the "
                    "questions: --rate-change, --dyad, --colocated. Every row carries the query "
                    "that lists the items behind it (csv/json: the 'query' field).")
    common(p, suppress=True)  # --config, --db, --demo
    p.add_argument("--query", "-q", default="", metavar="Q",
                   help="only events of the items matching this query (the app's query language)")
    p.add_argument("--by", choices=BY, help="one tally (default: a summary of several)")
    p.add_argument("--since", metavar="DATE", help="events on or after this date (event_date)")
    p.add_argument("--until", metavar="DATE", help="events on or before this date (event_date)")
    p.add_argument("--top", type=int, default=20, metavar="N",
                   help="rows of a tally (default 20); for week/month: series for the top N/4 actors")
    p.add_argument("--assoc", action="store_true",
                   help="associated actors count as actors (by actor, the questions)")
    q = p.add_argument_group("questions")
    q.add_argument("--rate-change", action="store_true",
                   help="monthly rate in two windows: equal ones either side of --date, the "
                        "second ending today, or --before/--after (filters: --actor --type --sub "
                        "--country --admin1 --location)")
    q.add_argument("--date", metavar="DATE", help="the date of --rate-change")
    q.add_argument("--before", metavar="FROM..TO", help="the before window of --rate-change")
    q.add_argument("--after", metavar="FROM..TO", help="the after window of --rate-change")
    q.add_argument("--actor", metavar="A")
    q.add_argument("--type", metavar="T", help="event type")
    q.add_argument("--sub", metavar="S", help="sub-event type")
    q.add_argument("--country", metavar="C")
    q.add_argument("--admin1", metavar="R")
    q.add_argument("--location", metavar="L")
    q.add_argument("--dyad", nargs=2, metavar=("A", "B"),
                   help="how often A and B met on opposite sides, per quarter and admin1 "
                        "(--type narrows)")
    q.add_argument("--colocated", nargs=2, metavar=("A", "B"),
                   help="events of A and B at the same place within --hours")
    q.add_argument("--hours", type=int, default=24, help="for --colocated (default 24)")
    q.add_argument("--km", type=float, help="for --colocated: also events this close")
    q.add_argument("--actor1-only", action="store_true",
                   help="for --colocated: only events where the actor is actor1")
    p.add_argument("--format", "-f", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=run)


# -- running ----------------------------------------------------------------------------------

def _fail(msg: str) -> int:
    print(f"sahel-tui: {msg}", file=sys.stderr)
    return 2


def _config(args):
    from sahel_tui.config import config_for_command

    return config_for_command(args)


def run(args) -> int:
    from pathlib import Path

    from sahel_tui.analysis import questions as Q
    from sahel_tui.analysis import tallies as T
    from sahel_tui.store.db import open_to_read
    from sahel_tui.store.query import QueryError, parse

    asked = [n for n, v in (("--rate-change", args.rate_change), ("--dyad", args.dyad),
                            ("--colocated", args.colocated), ("--by", args.by)) if v]
    if len(asked) > 1:
        return _fail(f"choose one of {', '.join(asked)}")
    if args.rate_change and not (args.date or args.after):
        return _fail("--rate-change needs --date YYYY-MM-DD or --after FROM..TO")
    if args.top < 1:
        return _fail("--top must be at least 1")
    try:
        compiled = parse(args.query) if args.query.strip() else None
    except QueryError as exc:
        pad = " " * (len("sahel-tui: query: ") + exc.position)
        print(f"sahel-tui: query: {args.query}\n{pad}{'^' * exc.length}\n"
              f"sahel-tui: bad query at column {exc.position + 1}: {exc.message}", file=sys.stderr)
        return 2
    config = _config(args)
    path = Path(config.settings.database)
    if not path.exists():
        from sahel_tui.config import demo_hint

        return _fail(f"{path}: no database yet (run `sahel-tui fetch` first){demo_hint(args)}")
    conn = open_to_read(path)
    try:
        scope = T.Scope(compiled, args.since, args.until)
        if args.rate_change or args.dyad or args.colocated:
            if args.rate_change:
                actor = Q.resolve_actor(conn, args.actor) if args.actor else None
                windows = [Q.parse_window(w, n) if w else None
                           for w, n in ((args.before, "before"), (args.after, "after"))]
                result = Q.rate_change(conn, args.date, scope=scope, actor=actor,
                                       before=windows[0], after=windows[1],
                                       event_type=args.type, sub_event_type=args.sub,
                                       country=args.country, admin1=args.admin1,
                                       location=args.location, include_assoc=args.assoc)
                out = _rate_output(result)
            elif args.dyad:
                a, b = (Q.resolve_actor(conn, x) for x in args.dyad)
                out = _dyad_output(Q.dyads(conn, a, b, scope=scope, include_assoc=args.assoc,
                                           event_type=args.type))
            else:
                a, b = (Q.resolve_actor(conn, x) for x in args.colocated)
                out = _coloc_output(Q.colocated(conn, a, b, hours=args.hours, km=args.km,
                                                scope=scope, include_assoc=args.assoc,
                                                actor1_only=args.actor1_only))
        else:
            out = _tallies_output(conn, scope, args)
    except (ValueError, QueryError) as exc:
        return _fail(str(exc))
    finally:
        conn.close()
    try:
        _emit(out, args.format)
        sys.stdout.flush()
    except BrokenPipeError:  # `sahel-tui stats | head`: the reader left, no traceback
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


# -- building the tables ----------------------------------------------------------------------
# A table: {"title", "note", "columns": [(name, kind)], "rows": [[...]], "bar": column index or
# None, "sparks": [(label, sparkline)]}; kind: 's' text, 'n' number, 'f' float, 'q' query.

def _table(title, note, columns, rows, bar=None, sparks=(), extra=None):
    return {"title": title, "note": note, "columns": columns, "rows": rows, "bar": bar,
            "sparks": list(sparks), "extra": extra or {}}


def _tally_table(t, key_names):
    cols = [(k, "s") for k in key_names] + [("events", "n"), ("fatalities", "n")]
    has_roles = t.name == "actor"
    if has_roles:
        cols += [("as_actor1", "n"), ("as_actor2", "n")]
    cols.append(("query", "q"))
    rows = []
    for r in t.rows:
        row = [*r.key, r.events, r.fatalities]
        if has_roles:
            row += [r.detail.get("as_actor1", 0), r.detail.get("as_actor2", 0)]
        rows.append([*row, r.drill.query])
    ev, fat = t.total.events, t.total.fatalities
    note = (f"{t.note}. Total: {ev} event{'s' if ev != 1 else ''}, "
            f"{fat} fatalit{'ies' if fat != 1 else 'y'}.")
    return _table(t.title, note, cols, rows, bar=len(key_names))


def _timeline_table(tl):
    from sahel_tui.analysis.charts import sparkline

    cols = [(tl.unit, "s"), ("events", "n"), ("fatalities", "n")]
    cols += [(s.label, "n") for s in tl.series]
    cols.append(("query", "q"))
    rows = []
    for i, p in enumerate(tl.periods):
        rows.append([p, tl.total.counts[i], tl.total.fatalities[i],
                     *(s.counts[i] for s in tl.series), tl.total.drills[i].query])
    sparks = [("all events", sparkline(tl.total.counts))]
    sparks += [(s.label, sparkline(s.counts)) for s in tl.series]
    title = f"Events per {tl.unit} ({tl.periods[0]} .. {tl.periods[-1]})" if tl.periods else \
        f"Events per {tl.unit}"
    return _table(title, "week = ISO week, labelled by its Monday" if tl.unit == "week" else
                  "calendar months", cols, rows, bar=1, sparks=sparks)


def _tallies_output(conn, scope, args):
    from sahel_tui.analysis import tallies as T

    keys = {"actor": ["actor"], "type": ["event_type"], "sub": ["event_type", "sub_event_type"],
            "country": ["country"], "admin1": ["country", "admin1"], "source": ["source"]}
    with T.materialized(conn, scope) as m:
        if args.by in ("week", "month"):
            return [_timeline_table(T.timeline(conn, m, args.by, top=max(1, args.top // 4)))]
        if args.by == "actor":
            return [_tally_table(T.by_actor(conn, m, args.top, include_assoc=args.assoc), keys["actor"])]
        if args.by == "source":
            return [_tally_table(T.by_source(conn, m, args.top), keys["source"])]
        if args.by:
            return [_tally_table(T.by_column(conn, m, args.by, args.top), keys[args.by])]
        total = T.totals(conn, m)
        tri = T.triage_today(conn, scope.query)
        head = _table("Summary", f"live events of the items matching {scope.text or 'everything'}"
                      + (f", event dates {scope.since or '…'} .. {scope.until or '…'}"
                         if scope.since or scope.until else ""),
                      [("what", "s"), ("count", "n"), ("query", "q")],
                      [["events", total.events, total.drill.query],
                       ["fatalities", total.fatalities, total.drill.query],
                       *[[f"triaged today: {s}", n, tri.drills[s].query]
                         for s, n in tri.counts.items()]])
        return [head,
                _tally_table(T.by_actor(conn, m, min(args.top, 10), include_assoc=args.assoc,
                                        total=total), keys["actor"]),
                _tally_table(T.by_column(conn, m, "type", total=total), keys["type"]),
                _tally_table(T.by_column(conn, m, "admin1", min(args.top, 10), total=total),
                             keys["admin1"]),
                _timeline_table(T.timeline(conn, m, "month", periods=12, top=3))]


def _rate_output(r):
    from sahel_tui.analysis.charts import sparkline

    cond = r.filter.term() or "all events"
    periods = _table(f"Rate change at {r.date}: {cond}", r.note,
                     [("period", "s"), ("from", "s"), ("to", "s"), ("days", "n"), ("events", "n"),
                      ("fatalities", "n"), ("per_month", "f"), ("warning", "s"), ("query", "q")],
                     [[name, p.start, p.end, p.days, p.events, p.fatalities, p.per_month,
                       p.warning, p.drill.query]
                      for name, p in (("before", r.before), ("after", r.after))],
                     extra={"ratio": r.ratio, "change": r.change, "warnings": list(r.warnings)})
    periods["note"] += f". Change: {r.change}."
    for w in r.warnings:
        periods["note"] += f" Warning, {w}."
    months = _table("Events per month", "the first and last months may be partial (days)",
                    [("month", "s"), ("days", "n"), ("events", "n"), ("query", "q")],
                    [[m, d, n, q.query] for m, d, n, q in zip(r.months, r.month_days, r.counts,
                                                            r.drills, strict=True)],
                    bar=2, sparks=[("per month", sparkline(r.counts))])
    return [periods, months]


def _dyad_output(d):
    from sahel_tui.analysis.charts import sparkline

    quarters = _table(f"{d.actors[0]} vs {d.actors[1]}: {d.total} events, "
                      f"{d.per_quarter} per quarter", d.note,
                      [("quarter", "s"), ("events", "n"), ("fatalities", "n"), ("query", "q")],
                      [[q, n, f, x.query] for q, n, f, x in zip(d.quarters, d.counts, d.fatalities,
                                                                d.drills, strict=True)],
                      bar=1, sparks=[("per quarter", sparkline(d.counts))])
    places = _table("Where (admin1)", "last = the latest event there; quarters as above",
                    [("country", "s"), ("admin1", "s"), ("events", "n"), ("fatalities", "n"),
                     ("first", "s"), ("last", "s"), ("quarters", "s"), ("query", "q")],
                    [[p.country, p.admin1, p.events, p.fatalities, p.first, p.last,
                      sparkline(p.counts, zero="·"), p.drill.query] for p in d.places], bar=2)
    return [quarters, places]


def _coloc_output(c):
    from sahel_tui.analysis.charts import sparkline

    pairs = _table(f"{c.actors[0]} and {c.actors[1]} at the same place within {c.hours} h: "
                   f"{c.total} pairs", c.note,
                   [("date_a", "s"), ("date_b", "s"), ("place", "s"), ("hours", "n"),
                    ("km", "f"), ("matched_by", "s"), ("event_a", "n"), ("event_b", "n"),
                    ("query", "q")],
                   [[p.date_a, p.date_b, p.place, p.hours, p.km, p.same_place, p.event_a,
                     p.event_b, p.drill.query] for p in c.pairs])
    months = _table("Pairs per month (of the later event)", "",
                    [("month", "s"), ("pairs", "n")],
                    [[m, n] for m, n in zip(c.months, c.counts, strict=True)], bar=1,
                    sparks=[("per month", sparkline(c.counts))] if c.counts else ())
    return [pairs, months]


# -- writing ----------------------------------------------------------------------------------

def _emit(tables, fmt: str) -> None:
    if fmt == "json":
        import json

        out = []
        for t in tables:
            names = [c[0] for c in t["columns"]]
            out.append({"title": t["title"], "note": t["note"], **t["extra"],
                        "rows": [dict(zip(names, r, strict=True)) for r in t["rows"]]})
        json.dump(out[0] if len(out) == 1 else out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        for k, t in enumerate(tables):
            if k:
                sys.stdout.write("\n")
            if len(tables) > 1:
                w.writerow([f"# {t['title']}"])
            w.writerow([c[0] for c in t["columns"]])
            w.writerows(t["rows"])
        return
    for k, t in enumerate(tables):
        if k:
            sys.stdout.write("\n")
        sys.stdout.write(render_table(t))


def _cell(v, kind) -> str:
    if v is None:
        return ""
    if kind == "f":
        return f"{v:.2f}" if isinstance(v, float) else str(v)
    return str(v)


def render_table(t, *, max_text: int = 48, bar_width: int = 20) -> str:
    """An aligned plain-text table (the query column left out: csv/json carry it)."""
    from sahel_tui.analysis.charts import bars

    cols = [(i, name, kind) for i, (name, kind) in enumerate(t["columns"]) if kind != "q"]
    lines = [t["title"]]
    if t["note"]:
        lines.append(f"  {t['note']}")
    if t["sparks"]:
        w = max(len(label) for label, _ in t["sparks"])
        lines += [f"  {label.ljust(w)}  {s}" for label, s in t["sparks"]]
    if not t["rows"]:
        lines.append("  (no events)")
        return "\n".join(lines) + "\n"
    cells = [[_cell(r[i], kind) for i, _, kind in cols] for r in t["rows"]]
    cells = [[c if len(c) <= max_text else c[: max_text - 1] + "…" for c in row] for row in cells]
    heads = [name for _, name, _ in cols]
    widths = [max(len(heads[j]), *(len(row[j]) for row in cells)) for j in range(len(cols))]
    bar_col = t["bar"]
    bar_cells = None
    if bar_col is not None:
        values = [r[bar_col] or 0 for r in t["rows"]]
        bar_cells = bars(values, bar_width)

    def fmt(row, header=False):
        parts = []
        for j, (_, _, kind) in enumerate(cols):
            c = row[j]
            parts.append(c.rjust(widths[j]) if kind in "nf" and not header else c.ljust(widths[j]))
        return "  ".join(parts)

    lines.append(fmt(heads, header=True).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for k, row in enumerate(cells):
        line = fmt(row)
        if bar_cells is not None:
            line += "  " + bar_cells[k]
        lines.append(line.rstrip())
    return "\n".join(lines) + "\n"
