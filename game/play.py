"""How the table is started: its options, the view state beside the engine's, and `bve play`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import LANGUAGES, PSEUDO


@dataclass
class Options:
    scenario: Path | None = None
    resume: Path | None = None
    lang: str | None = None  # None: the scenario's first language when the table has it, else English
    demo: bool = False
    screenshots: Path | None = None
    until: str | None = None
    log: Path | None = None
    fast: bool = False
    seed: int | None = None
    text_scale: float = 1.0
    headless: bool = False  # draw to an off-screen surface (tests, bench)
    theme: str | None = None  # None: BVE_THEME, else the standard theme
    animations: bool | None = None  # None: on unless BVE_ANIMATIONS=off


@dataclass
class View:
    """What the screen shows besides the state: selections, drafts, pages (never decisions)."""

    data: dict = field(default_factory=dict)
    version: int = 0  # counts the changes, so a frame with nothing new need not be drawn again

    def get(self, key, default=None):
        return self.data.get(key, default)

    def set(self, key, value) -> None:
        self.data[key] = value
        self.version += 1


def add_play_arguments(parser: argparse.ArgumentParser) -> None:
    from .i18n import I18n, command_language

    say = I18n(command_language())  # the help speaks the command line's language
    parser.add_argument("--scenario", type=Path, help=say("cli.help_scenario_file"))
    parser.add_argument("--resume", type=Path, metavar="LOG", help=say("cli.help_play_resume"))
    parser.add_argument("--lang", choices=(*LANGUAGES, PSEUDO), default=None,
                        help=say("cli.help_play_lang", pseudo=PSEUDO))
    parser.add_argument("--demo", action="store_true", help=say("cli.help_play_demo"))
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help=say("cli.help_play_screenshots"))
    parser.add_argument("--until", choices=("title", "debrief"), help=say("cli.help_play_until"))
    parser.add_argument("--log", type=Path, metavar="FILE", help=say("cli.help_play_log"))
    parser.add_argument("--fast", action="store_true", help=say("cli.help_play_fast"))
    parser.add_argument("--seed", type=int, help=say("cli.help_simulate_seed"))
    parser.add_argument("--text-size", type=int, default=100, metavar="PERCENT", help=say("cli.help_play_text_size"))
    parser.add_argument("--theme", choices=("standard", "high-contrast"), default=None,
                        help=say("cli.help_play_theme"))
    parser.add_argument("--no-animations", dest="animations", action="store_false", default=None,
                        help=say("cli.help_play_animations"))


def play_command(args: argparse.Namespace) -> int:
    options = Options(
        scenario=args.scenario, resume=args.resume, lang=args.lang, demo=args.demo,
        screenshots=args.screenshots, until=args.until, log=args.log, fast=args.fast,
        seed=args.seed if args.seed is not None else (7 if args.demo else None),
        text_scale=max(1.0, min(2.0, getattr(args, "text_size", 100) / 100)),
        theme=getattr(args, "theme", None), animations=getattr(args, "animations", None),
    )
    driver = None
    if options.demo or options.screenshots or options.until:
        from .demo import Demo

        driver = Demo(options)
    from .app import App

    return App(options).run(driver)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bve play", description="The Bien-Vivre Ensemble table.")
    add_play_arguments(parser)
    return play_command(parser.parse_args(argv))
