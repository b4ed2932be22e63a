"""The `bve` command: play, check, simulate (game/cli_simulate.py), replay, footprint, balance,
scenario, and the network's export, import, analyze and network synthesize (game/cli_network.py).

Every command reports bad input as a plain message (file, line, what was expected) and a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

import orjson


def say(key: str, /, **params) -> str:
    """A message of the command line in its language (game/i18n.py: command_language)."""
    from .i18n import I18n, command_language

    return I18n(command_language())(key, **params)


def issue_text(issue) -> str:
    """A scenario's problem, `file:line: field: message`, in the command line's language."""
    from .i18n import command_language, engine_words

    return issue.text(engine_words(command_language()))


def words(message) -> str:
    """The engine's words (engine/scenario/words.py) in the command line's language."""
    from engine.scenario.words import render

    from .i18n import command_language, engine_words

    return render(message, engine_words(command_language()))


_ENERGY_BASIS = {"primary": "cli.energy_primary", "final": "cli.energy_final", "as given": "cli.energy_as_given"}


def _scenario(path: str | None):
    from engine.scenario.load import load_scenario, read_text

    from .places import find_scenario

    path = str(find_scenario(path))
    text = read_text(path)
    return load_scenario(path), text, path


def cmd_check(args) -> int:
    from engine.scenario.check import check_paths

    from .i18n import command_language, engine_words

    code, output = check_paths(args.files, strict=args.strict, fmt=args.format,
                               say=engine_words(command_language()))
    sys.stdout.write(output if output.endswith("\n") or not output else output + "\n")
    return code


def _template_languages(value: str) -> str:
    from engine.scenario.authoring import LANGUAGES, AuthoringError, parse_languages

    try:
        parse_languages(value)
    except AuthoringError as exc:
        bad = next((v for v in value.split(",") if v.strip() not in LANGUAGES), None)
        if bad is None:  # all known: one was given twice
            raise argparse.ArgumentTypeError(words(exc.words)) from None
        raise argparse.ArgumentTypeError(say("cli.template_lang_invalid", bad=bad, languages=", ".join(LANGUAGES))) from None
    return value


def cmd_simulate(args) -> int:
    from .cli_simulate import simulate

    return simulate(args)


def cmd_replay(args) -> int:
    """Exit status: 0 a valid, closed session; 1 a damaged or edited log (or none to read);
    3 a valid log of a session that was not closed (stopped, or cut after a whole line)."""
    if args.ui:
        return _replay_ui(args)
    from engine.debrief import summary
    from engine.log.replay import replay

    result = replay(args.log)
    problems = [result.describe_error()] if result.error else []
    report: dict = {"ok": result.ok, "complete": result.complete, "lines": result.lines,
                    "checkpoints": result.checkpoints, "draws": result.draws, "version": result.version,
                    "gzip": result.gzip, "digest": None, "fingerprint": None, "round": None, "phase": None,
                    "problems": problems, "not_checked": result.unchecked}
    if result.state is not None:
        digest = result.digest()
        report.update(digest=digest, fingerprint=result.fingerprint(), round=result.state.round,
                      phase=result.state.phase, summary=summary(result.state))
    if args.json:
        print(orjson.dumps(report).decode())
    elif result.state is not None:
        s = report["summary"]
        print(say("cli.replay_read", log=str(args.log), lines=result.lines, checkpoints=result.checkpoints,
                  draws=result.draws))
        if result.complete:
            print(say("cli.replay_complete", actions=result.state.seq))
        elif result.ok:
            print(say("cli.replay_open"))
        print(say("cli.replay_state", round=result.state.round, phase=result.state.phase))
        print(say("cli.replay_fingerprint" if result.complete else "cli.replay_fingerprint_open",
                  fingerprint=report["fingerprint"]))
        for what in result.unchecked:
            print(say("cli.replay_unchecked", what=what))
        fp = s["footprint"]
        print(say("cli.replay_footprint", co2=f"{fp['co2_kg'] / 1000:.2f}", energy=f"{fp['energy_kwh']:.0f}",
                  biosphere=f"{fp['biosphere_m2'] / 10000:.2f}"))
        print(say("cli.replay_plan", projects=", ".join(p["project"] for p in s["plan"]) or say("cli.none")))
        for ask in s["asks"]:
            print(say("cli.replay_ask", level=ask["level"], about=ask["about"], text=ask["text"]))
    if not result.ok:
        print(result.describe_error(), file=sys.stderr)
        return 1
    return 0 if result.complete else 3


def _replay_ui(args) -> int:
    """The table, read-only, on the log: status 1 when there is nothing valid to show."""
    if args.json:
        print(say("cli.replay_json_ui"), file=sys.stderr)
        return 2
    from game.replay_view import replay_ui

    return replay_ui(Path(args.log), lang=args.lang, screenshot=args.screenshot)


def cmd_footprint(args) -> int:
    from engine.whatif import UnknownProject, household_footprint

    scenario, _, _ = _scenario(args.scenario)
    if args.profile is not None and args.family is not None:
        print(say("cli.footprint_both"), file=sys.stderr)
        return 2
    for flag, given, known in (("profile", args.profile, [p.id for p in scenario.profiles]),
                               ("family", args.family, [f.id for f in scenario.families])):
        if given is not None and given not in known:
            if flag == "profile":
                print(say("cli.footprint_unknown", profile=given, known=", ".join(known)), file=sys.stderr)
            else:
                print(say("cli.footprint_unknown_family", family=given, known=", ".join(known) or say("cli.none")),
                      file=sys.stderr)
            return 2
    projects = [p.strip() for p in (args.projects or "").split(",") if p.strip()]
    spec = next((f for f in scenario.families if f.id == args.family), None)
    try:
        data = household_footprint(scenario, spec=spec, profile=args.profile, projects=projects)
    except UnknownProject as exc:
        print(say("cli.footprint_problem", problem=words(exc.words)), file=sys.stderr)
        return 2
    if args.json:
        print(orjson.dumps(data).decode())
        return 0
    who = args.family or args.profile or say('cli.footprint_average')
    print(say("cli.footprint_title", territory=scenario.territory.name.get(scenario.language), who=who,
              basis=say(_ENERGY_BASIS[data["energy_basis"]])))
    for sid, v in data["sectors"].items():
        print(f"  {sid:<18} {v['co2_kg']:8.0f} kg CO2e {v['energy_kwh']:9.0f} kWh {v['biosphere_m2']:8.0f} m²")
        if len(v["components"]) > 1:
            for cid, c in v["components"].items():
                print(f"    {cid:<16} {c['co2_kg']:8.0f} kg CO2e {c['energy_kwh']:9.0f} kWh {c['biosphere_m2']:8.0f} m²")
    t = data["total"]
    print(f"  {say('cli.total'):<18} {t['co2_kg']:8.0f} kg CO2e {t['energy_kwh']:9.0f} kWh {t['biosphere_m2']:8.0f} m²")
    if projects:
        print(say("cli.footprint_applied", projects=", ".join(data["applied"]) or say("cli.none")))
        for pid, why in data["not_applied"].items():
            print(say("cli.footprint_not_applied", project=pid, why=words(why)))
    return 0


def cmd_play(args) -> int:
    from game.app import play_command

    return play_command(args)


def cmd_balance(args) -> int:
    from engine.balance import explore, render_text, write_chart

    scenario, _, _ = _scenario(args.scenario)
    if args.chart and not args.chart.lower().endswith((".svg", ".png")):
        print(say("cli.balance_chart_kind", chart=args.chart), file=sys.stderr)
        return 2
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=1, unit=" portfolios", unit_scale=True, leave=False, file=sys.stderr)

    def progress(done: int, total: int) -> None:
        if bar is not None:
            bar.total = total
            bar.n = done
            bar.refresh()

    try:
        report = explore(scenario, roster=args.roster, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if args.chart:
        write_chart(report, args.chart)
    if args.json:
        print(orjson.dumps(report.to_json(), option=orjson.OPT_INDENT_2).decode())
    else:
        print(render_text(report))
        if args.chart:
            print(say("cli.balance_chart_written", path=args.chart))
    return 0


def cmd_scenario(args) -> int:
    if args.action == "upgrade":
        return _scenario_upgrade(args)
    from engine.scenario.authoring import SCHEMA_NAME, AuthoringError, write_schema, write_template

    from .i18n import I18n, command_language

    try:
        if args.action == "new":
            path, text = write_template(args.out, args.territory, args.lang, start_from=args.start_from)
        else:
            path, text = write_schema(args.out)
    except AuthoringError as exc:
        print(f"bve scenario {args.action}: {words(exc.words)}", file=sys.stderr)
        for issue in exc.issues[:5]:
            print(f"  {issue_text(issue)}", file=sys.stderr)
        if len(exc.issues) > 5:
            print("  " + say("cli.more_problems", count=len(exc.issues) - 5), file=sys.stderr)
        return 2
    if path == "-":
        sys.stdout.write(text)
    elif args.action == "new":
        folder = Path(path).parent
        schema = "bve scenario schema" + (f" --out {folder}" if str(folder) != "." else "")
        if args.start_from:
            print(say("cli.scenario_wrote_from", path=str(path), territory=args.territory, origin=args.start_from))
        else:
            from engine.scenario.authoring import parse_languages

            i18n = I18n(command_language())
            language = ", ".join(i18n.language_name(lang) for lang in parse_languages(args.lang))
            print(say("cli.scenario_wrote_template", path=str(path), territory=args.territory, language=language))
        print(say("cli.scenario_next", schema=schema, name=SCHEMA_NAME, path=str(path)))
    else:
        print(say("cli.scenario_wrote_schema", path=str(path)))
    return 0


def _scenario_upgrade(args) -> int:
    """A version-1 scenario file rewritten as version 2 (comments kept), checked before it is written."""
    from engine.scenario.load import ScenarioError, read_text, validate_text
    from engine.scenario.upgrade import UpgradeError, upgrade_text

    try:
        text = upgrade_text(read_text(args.file))
    except ScenarioError as exc:
        print(issue_text(exc.issues[0]), file=sys.stderr)
        return 2
    except UpgradeError as exc:
        print(say("cli.upgrade_failed", file=args.file, problem=words(exc.words)), file=sys.stderr)
        return 2
    scenario, issues = validate_text(text, args.out)
    if scenario is None:
        for issue in issues:
            print(issue_text(issue), file=sys.stderr)
        print(say("cli.upgrade_not_upgraded", file=args.file), file=sys.stderr)
        return 2
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    out = Path(args.out)
    if out.exists() and out.resolve() == Path(args.file).resolve():
        print(say("cli.upgrade_same_file"), file=sys.stderr)
        return 2
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(say("cli.upgrade_cannot_write", out=str(out), reason=exc.strerror), file=sys.stderr)
        return 2
    print(say("cli.upgrade_wrote", out=str(out)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """`bve` and its commands, their help in the command line's language."""
    parser = argparse.ArgumentParser(prog="bve", description="Le jeu du Bien-Vivre Ensemble")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("play", help=say("cli.help_play"))
    try:
        from game.play import add_play_arguments

        add_play_arguments(p)
    except ImportError:
        p.add_argument("--scenario", help=say("cli.help_scenario_file"))
    p.set_defaults(func=cmd_play)

    p = sub.add_parser("check", help=say("cli.help_check"))
    p.add_argument("files", nargs="+", metavar="FILE", help=say("cli.help_scenario_file"))
    p.add_argument("--strict", action="store_true", help=say("cli.help_check_strict"))
    p.add_argument("--format", choices=("text", "json"), default="text", help=say("cli.help_check_format"))
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("simulate", help=say("cli.help_simulate"))
    p.add_argument("--scenario", help=say("cli.help_scenario_file"))
    p.add_argument("--seed", type=int, default=0, help=say("cli.help_simulate_seed"))
    p.add_argument("--families", type=int, choices=range(1, 25), metavar="K", help=say("cli.help_simulate_families"))
    p.add_argument("--bots", choices=("greedy", "random"), default="greedy", help=say("cli.help_simulate_bots"))
    p.add_argument("--log", help=say("cli.help_simulate_log"))
    p.add_argument("--runs", type=int, default=1, choices=range(1, 100001), metavar="R",
                   help=say("cli.help_simulate_runs"))
    p.add_argument("--reference", action="store_true", help=say("cli.help_simulate_reference"))
    p.add_argument("--chart", metavar="FILE.svg|png", help=say("cli.help_simulate_chart"))
    p.add_argument("--json", action="store_true", help=say("cli.help_json"))
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("replay", help=say("cli.help_replay"))
    p.add_argument("log", help=say("cli.help_replay_log"))
    p.add_argument("--json", action="store_true", help=say("cli.help_json"))
    p.add_argument("--ui", action="store_true", help=say("cli.help_replay_ui"))
    p.add_argument("--lang", choices=("fr", "en", "pt"), help=say("cli.help_replay_lang"))
    p.add_argument("--screenshot", type=Path, metavar="PNG", help=say("cli.help_replay_screenshot"))
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("footprint", help=say("cli.help_footprint"))
    p.add_argument("--scenario", help=say("cli.help_scenario_file"))
    p.add_argument("--profile", metavar="ID", help=say("cli.help_footprint_profile"))
    p.add_argument("--family", metavar="ID", help=say("cli.help_footprint_family"))
    p.add_argument("--projects", metavar="ID,ID...", help=say("cli.help_footprint_projects"))
    p.add_argument("--json", action="store_true", help=say("cli.help_json"))
    p.set_defaults(func=cmd_footprint)

    p = sub.add_parser("balance", help=say("cli.help_balance"))
    p.add_argument("scenario", help=say("cli.help_scenario_file"))
    p.add_argument("--roster", choices=("preset", "profile-mix"), default="preset", help=say("cli.help_balance_roster"))
    p.add_argument("--json", action="store_true", help=say("cli.help_json"))
    p.add_argument("--chart", help=say("cli.help_balance_chart"))
    p.set_defaults(func=cmd_balance)

    p = sub.add_parser("scenario", help=say("cli.help_scenario"))
    steps = p.add_subparsers(dest="action", required=True, metavar="{new,schema,upgrade}")
    s = steps.add_parser("new", help=say("cli.help_scenario_new"))
    s.add_argument("--territory", required=True, metavar="ID", help=say("cli.help_scenario_territory"))
    s.add_argument("--lang", type=_template_languages, metavar="LANG[,LANG...]", help=say("cli.help_scenario_lang"))
    s.add_argument("--from", dest="start_from", metavar="FILE", help=say("cli.help_scenario_from"))
    s.add_argument("--out", metavar="FILE", help=say("cli.help_scenario_out_new"))
    s = steps.add_parser("schema", help=say("cli.help_scenario_schema"))
    s.add_argument("--out", metavar="FILE", help=say("cli.help_scenario_out_schema"))
    s = steps.add_parser("upgrade", help=say("cli.help_scenario_upgrade"))
    s.add_argument("file", metavar="OLD.toml", help=say("cli.help_scenario_old"))
    s.add_argument("--out", required=True, metavar="NEW.toml", help=say("cli.help_scenario_out_upgrade"))
    p.set_defaults(func=cmd_scenario)

    from .cli_network import add_commands

    add_commands(sub)
    return parser


# argparse's own words (its gettext message ids) and the keys that word them in the catalogues
ARGPARSE_WORDS = {
    "usage: ": "cli.argparse_usage",
    "positional arguments": "cli.argparse_positional",
    "options": "cli.argparse_options",
    "subcommands": "cli.argparse_subcommands",
    "show this help message and exit": "cli.argparse_help",
    "%(prog)s: error: %(message)s\n": "cli.argparse_error",
    "the following arguments are required: %s": "cli.argparse_required",
    "unrecognized arguments: %s": "cli.argparse_unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse_choice",
    "argument %(argument_name)s: %(message)s": "cli.argparse_argument",
    "expected one argument": "cli.argparse_one",
    "expected at least one argument": "cli.argparse_at_least_one",
    "invalid %(type)s value: %(value)r": "cli.argparse_invalid",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse_ambiguous",
    " (default: %(default)s)": "cli.argparse_default",
}


@contextmanager
def argparse_words():
    """argparse speaks the command line's language while it builds, parses and prints help.

    argparse asks the standard library's gettext for its words through its module's `_` and
    `ngettext`, and this project's catalogues are not gettext's default domain; so, for the
    time of one command line's parsing, those two names point at the catalogues (and back after)."""
    from .i18n import I18n, command_language

    t = I18n(command_language())
    if t.lang == "en":
        yield
        return

    def words(message: str) -> str:
        key = ARGPARSE_WORDS.get(message)
        return t(key) if key is not None and t.has(key) else message

    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = words, lambda one, many, n: words(one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def main(argv: list[str] | None = None) -> int:
    from engine.scenario.load import ScenarioError

    with argparse_words():
        args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ScenarioError as exc:
        for issue in exc.issues:
            print(issue_text(issue), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard: a plain message, never a traceback
        print(say("cli.unexpected", command=args.command, kind=type(exc).__name__, problem=str(exc)), file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
