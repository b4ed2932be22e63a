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
    parser.add_argument("--scenario", type=Path, help="scenario file (TOML)")
    parser.add_argument("--resume", type=Path, metavar="LOG", help="take up a session log where it stopped")
    parser.add_argument("--lang", choices=(*LANGUAGES, PSEUDO), default=None,
                        help="language (default: the scenario's first language if the table speaks it, else en; "
                        f"{PSEUDO}: the translators' pseudo-language, 40 %% longer)")
    parser.add_argument("--demo", action="store_true", help="play the preset roster by itself")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="save one PNG per scene and phase")
    parser.add_argument("--until", choices=("title", "debrief"),
                        help="exit with status 0 once the title (the first frame) or the debrief is shown")
    parser.add_argument("--log", type=Path, metavar="FILE", help="write the session log to FILE")
    parser.add_argument("--fast", action="store_true", help="no pauses in demo mode")
    parser.add_argument("--seed", type=int, help="seed of the event deck")
    parser.add_argument("--text-size", type=int, default=100, metavar="PERCENT", help="text size, 100 to 200")
    parser.add_argument("--theme", choices=("standard", "high-contrast"), default=None,
                        help="colours (default: the environment's BVE_THEME, else standard)")
    parser.add_argument("--no-animations", dest="animations", action="store_false", default=None,
                        help="nothing moves or blinks on screen (also BVE_ANIMATIONS=off)")


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
