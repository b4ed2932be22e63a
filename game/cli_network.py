"""The network's commands: export, import, analyze, network synthesize.

Each reports a refused file on its own line (`FILE:LINE: reason` or `BUNDLE.zip:member:
reason`), goes on with the others, and exits 1 when any was refused, 2 on bad usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .cli import say


def _data_home() -> Path:
    from .places import data_home

    return data_home()


def cmd_export(args) -> int:
    from engine.network import exchange, keys

    out = Path(args.out)
    if out.suffix != ".zip":
        print(say("cli.export_zip", out=str(out)), file=sys.stderr)
        return 2
    key = keys.load_or_create(_data_home() / "network")
    preview = out.with_name(out.name + ".preview")
    try:
        exported = exchange.export(args.log, preview, key, with_text=args.with_text)
    except exchange.ExchangeError as exc:
        print(f"bve export: {exc}", file=sys.stderr)
        return 1
    consent = exported.manifest["consent"]
    if args.with_text and exported.kept_words:
        print(say("cli.export_words", n=len(exported.kept_words)))
        for whose, words in exported.kept_words:
            print(f"  {whose}: {words}")
        if not args.yes and not _confirm(say("cli.export_confirm")):
            preview.unlink(missing_ok=True)
            print(say("cli.export_nothing"), file=sys.stderr)
            return 1
    preview.replace(out)
    if consent["consented"] == 0:
        print(say("cli.export_no_consent"))
    elif not args.with_text:
        print(say("cli.export_figures_only"))
    print(say("cli.export_done", out=str(out), session=str(exported.manifest["session"]), families=consent["families"],
              consented=consent["consented"], fingerprint=exported.manifest["fingerprint"],
              original=exported.manifest["original_fingerprint"]))
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        print(say("cli.export_needs_yes"), file=sys.stderr)
        return False
    return input(question).strip().lower() in ("y", "yes", "o", "oui", "s", "sim")


def cmd_import(args) -> int:
    from engine.network import exchange

    into = Path(args.into) if args.into else _data_home() / "network" / "bundles"
    known = exchange.known_keys(into)
    refused = 0
    for name in args.bundles:
        try:
            verified = exchange.verify(name, known)
        except exchange.ExchangeError as exc:
            print(exc, file=sys.stderr)
            refused += 1
            continue
        signer = verified.bundle.signer
        if verified.signer_known is None and args.known_only:
            print(say("cli.import_unknown_refused", name=name, signer=signer[:16]), file=sys.stderr)
            refused += 1
            continue
        target = exchange.keep(name, verified, into)  # verified once, above
        who = (say("cli.import_known_key", name=verified.signer_known) if verified.signer_known
               else say("cli.import_unknown_key", signer=signer[:16]))
        m = verified.bundle.manifest
        print(say("cli.import_accepted", name=name, target=str(target), territory=m["territory"],
                  session=str(m["session"]), who=who))
    return 1 if refused else 0


def cmd_analyze(args) -> int:
    from engine.network.sources import expand, read
    from engine.network.tables import Tables

    try:
        import duckdb  # noqa: F401
    except ImportError:
        print(say("cli.analyze_needs_duckdb"), file=sys.stderr)
        return 2
    paths = expand(args.inputs)
    if not paths:
        print(say("cli.analyze_nothing"), file=sys.stderr)
        return 2
    tables = Tables()
    seen: dict[str, str] = {}
    problems = 0
    for item in _progress(paths, "sessions"):
        got = read(item)
        if got.problem:
            print(got.problem, file=sys.stderr)
            problems += 1
        if got.summary is None:
            continue
        session = got.summary["session"]
        if session in seen:
            print(say("cli.analyze_twice", source=str(got.source), session=str(session), first=str(seen[session])),
                  file=sys.stderr)
            problems += 1
            continue
        seen[session] = got.source
        tables.add(got.summary, got.source, got.from_bundle)
    db = tables.write(args.out)
    print(say("cli.analyze_done", n=str(len(seen)), db=str(db), folder=str(Path(args.out))))
    return 1 if problems else 0


def cmd_synthesize(args) -> int:
    from engine.network.sources import expand, read
    from engine.network.synthesis import render

    summaries, problems = [], 0
    for item in _progress(expand(args.bundles), "bundles"):
        got = read(item)
        if got.problem:
            print(got.problem, file=sys.stderr)
            problems += 1
        if got.summary is not None and got.from_bundle:
            summaries.append(got.summary)
        elif got.summary is not None:
            print(say("cli.synthesize_not_bundle", source=str(got.source)), file=sys.stderr)
            problems += 1
    if not summaries:
        print(say("cli.synthesize_nothing"), file=sys.stderr)
        return 1
    from .i18n import command_language, engine_words

    lang = args.lang or command_language()
    Path(args.out).write_text(render(summaries, lang, engine_words(lang)), encoding="utf-8")
    print(say("cli.synthesize_done", out=str(args.out), n=str(len(summaries))))
    return 1 if problems else 0


def _progress(items, unit: str):
    if not sys.stderr.isatty() or len(items) < 20:
        return items
    from tqdm import tqdm

    return tqdm(items, unit=f" {unit}", leave=False)


def add_commands(sub) -> None:
    p = sub.add_parser("export", help=say("cli.help_export"))
    p.add_argument("log", help=say("cli.help_replay_log"))
    p.add_argument("--out", required=True, help=say("cli.help_export_out"))
    p.add_argument("--with-text", action="store_true", help=say("cli.help_export_text"))
    p.add_argument("--yes", action="store_true", help=say("cli.help_export_yes"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help=say("cli.help_import"))
    p.add_argument("bundles", nargs="+", metavar="BUNDLE", help=say("cli.help_import_bundles"))
    p.add_argument("--into", help=say("cli.help_import_into"))
    p.add_argument("--known-only", action="store_true", help=say("cli.help_import_known"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("analyze", help=say("cli.help_analyze"))
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=say("cli.help_analyze_inputs"))
    p.add_argument("--out", required=True, help=say("cli.help_analyze_out"))
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("network", help=say("cli.help_network"))
    steps = p.add_subparsers(dest="action", required=True, metavar="{synthesize}")
    s = steps.add_parser("synthesize", help=say("cli.help_synthesize"))
    s.add_argument("bundles", nargs="+", metavar="BUNDLE", help=say("cli.help_synthesize_bundles"))
    s.add_argument("--out", required=True, help=say("cli.help_synthesize_out"))
    s.add_argument("--lang", choices=["fr", "en", "pt"], help=say("cli.help_synthesize_lang"))
    s.set_defaults(func=cmd_synthesize)
