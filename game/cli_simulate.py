"""`bve simulate`: one session played by bot families, or many and where they end up (the
spread per year, the shares reaching the targets, the projects adopted most often, a chart)."""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

from .cli import _scenario, say


def simulate(args) -> int:
    from engine.simulate import distribution, run_many, run_once

    if args.chart and args.runs == 1:
        print(say("cli.simulate_chart_runs"), file=sys.stderr)
        return 2
    if args.chart and Path(args.chart).suffix.lower() not in (".svg", ".png"):
        print(say("cli.simulate_chart_kind", chart=args.chart), file=sys.stderr)
        return 2
    if args.chart and not Path(args.chart).resolve().parent.is_dir():  # said before the runs, not after
        print(say("cli.simulate_chart_unwritable", path=args.chart, problem=say("cli.simulate_no_folder")),
              file=sys.stderr)
        return 2
    scenario, text, path = _scenario(args.scenario)
    if not scenario.families:
        print(say("cli.simulate_no_roster", path=path), file=sys.stderr)
        return 2
    if args.runs > 1 and args.log:
        print(say("cli.simulate_log_runs"), file=sys.stderr)
        return 2
    if args.runs == 1:
        run = run_once(scenario, text, args.seed, families=args.families, policy=args.bots,
                       log_path=args.log, scenario_name=path)
        if args.json:
            print(orjson.dumps(run.as_dict()).decode())
        else:
            print(say("cli.simulate_seed", seed=str(run.seed), digest=run.digest[:16]))
            print(say("cli.simulate_adopted", projects=", ".join(run.adopted) or say("cli.none")))
            for r in run.rounds:
                print(f"  {r['year']}: {r['co2_kg'] / 1000:6.2f} t CO2e  {r['energy_kwh']:9.0f} kWh  {r['biosphere_m2'] / 10000:5.2f} gha")
            print(say("cli.simulate_cards"))
            for card in run.cards:
                print(say("cli.simulate_card", round=card["round"], year=str(card["year"]),
                          card=_card(scenario, card["event"])))
        return 0
    seeds = range(args.seed, args.seed + args.runs)
    with _progress(args.runs) as on_done:
        # many sessions at once on arrays, or with --reference each through the engine one action at a time
        runs = run_many(scenario, text, seeds, families=args.families, policy=args.bots, scenario_name=path,
                        on_done=on_done, batch=not args.reference)
    dist = distribution(runs, scenario)
    if args.json:
        head = {"seeds": [seeds[0], seeds[-1]], "bots": args.bots, "path": "reference" if args.reference else "batch"}
        print(orjson.dumps({**head, **dist}).decode())
    else:
        print_spread(dist, scenario, seeds, args.bots)
    if args.chart:
        return _spread_chart(dist, scenario, args)
    return 0


class _progress:
    """A progress bar of the runs on stderr when it is a terminal; nothing in a pipe or a test."""

    def __init__(self, total: int) -> None:
        self.total, self.bar = total, None

    def __enter__(self):
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit=" sessions", leave=False, file=sys.stderr)
        return self.done

    def done(self, n: int) -> None:
        if self.bar is not None:  # told at most once a session, or a batch of them: shown each time
            self.bar.n = n
            self.bar.refresh()

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


def print_spread(dist: dict, scenario, seeds: range, bots: str) -> None:
    """Per footprint, a row a year: mean, p10, p50, p90, then the target and the share of runs
    reaching it; then the projects adopted most often."""
    from engine.spread import FOOTPRINTS
    from engine.whatif import energy_basis

    from .i18n import command_language

    print(say("cli.spread_head", runs=dist["runs"], first=str(seeds[0]), last=str(seeds[-1]),
              bots=say(f"cli.spread_bots_{bots}")))
    columns = (say("cli.spread_year"), say("cli.spread_mean"), "p10", "p50", "p90")
    headings = (say("cli.spread_co2"), say("cli.spread_energy", basis=say("energy.basis." + energy_basis(scenario))),
                say("cli.spread_biosphere"))
    for (key, scale), heading in zip(FOOTPRINTS, headings):
        print(heading)
        print(f"  {columns[0]:<6}" + "".join(f"{c:>8}" for c in columns[1:]))
        for year in dist["years"]:
            s = year[key]
            row = f"  {year['year']:<6}" + "".join(f"{s[k] / scale:8.2f}" for k in ("mean", "p10", "p50", "p90"))
            target = year["target"][key]
            if target is not None:
                row += "   " + say("cli.spread_target", target=f"{target / scale:.2f}",
                                   share=f"{year['reaching'][key]:.0%}")
            print(row)
    print(say("cli.spread_adopted"))
    lang = command_language()
    for entry in dist["adopted"][:10]:
        name = scenario.project(entry["project"]).name.get(lang, scenario.language)
        print(f"  {entry['share']:>5.0%}  {entry['project']}, {name}")
    if not dist["adopted"]:
        print(say("cli.spread_none_adopted"))


def _spread_chart(dist: dict, scenario, args) -> int:
    from .i18n import command_language
    from .spread_chart import write_spread_chart

    words = {
        "title": say("cli.spread_chart_title", territory=scenario.territory.name.get(command_language(), scenario.language),
                     runs=dist["runs"], bots=say(f"cli.spread_bots_{args.bots}")),
        "x_axis": say("cli.spread_year"), "y_axis": say("cli.spread_chart_y"), "band": say("cli.spread_chart_band"),
        "median": say("cli.spread_chart_median"), "target_line": say("cli.spread_chart_target_line"),
        "target": say("cli.spread_chart_target"),
    }
    try:
        write_spread_chart(dist, words, args.chart)
    except OSError as exc:
        print(say("cli.simulate_chart_unwritable", path=args.chart, problem=exc.strerror or str(exc)), file=sys.stderr)
        return 2
    print(say("cli.balance_chart_written", path=args.chart), file=sys.stderr if args.json else sys.stdout)
    return 0


def _card(scenario, event_id: str | None) -> str:
    if event_id is None:
        return say("cli.simulate_no_card")
    return f"{event_id}, {scenario.event(event_id).name.get(scenario.language)}"
