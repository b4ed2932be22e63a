"""The table application: one window, one loop, every action through the engine's session log.

`App.tick()` handles the pending events, draws one frame and remembers what it drew (widgets for
clicks and focus, text boxes for the tests). Everything shown comes from the session's state,
which is always what replaying the log gives: the screen never holds a decision the log lacks.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from engine import actions as A  # noqa: E402
from engine.rules import Rejected, apply  # noqa: E402
from engine.session import Session  # noqa: E402
from engine.state import State  # noqa: E402

from . import sessions, theme  # noqa: E402
from .controls import Controls  # noqa: E402
from .fonts import Fonts  # noqa: E402
from .i18n import I18n  # noqa: E402
from .layout import Painter  # noqa: E402
from .messages import rejection_text  # noqa: E402
from .widgets import UI, Widget  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "scenarios" / "fr-quartier.toml"
FALLBACK_SCENARIO = ROOT / "tests" / "data" / "mini.toml"
SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)


@dataclass
class Options:
    scenario: Path | None = None
    resume: Path | None = None
    lang: str = "fr"
    demo: bool = False
    screenshots: Path | None = None
    until: str | None = None
    log: Path | None = None
    fast: bool = False
    seed: int | None = None
    text_scale: float = 1.0
    headless: bool = False  # draw to an off-screen surface (tests, bench)


@dataclass
class View:
    """What the screen shows besides the state: selections, drafts, pages (never decisions)."""

    data: dict = field(default_factory=dict)

    def get(self, key, default=None):
        return self.data.get(key, default)

    def set(self, key, value) -> None:
        self.data[key] = value


class App(Controls):
    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.started = time.perf_counter()
        pygame.display.init()
        pygame.font.init()
        self.surface = self._open_display()
        self.fonts = Fonts()
        self.scale = self.options.text_scale
        self.painter = Painter(self.fonts, self.scale)
        self.t = I18n(self.options.lang)
        self.session: Session | None = None
        self.view = View()
        self.widgets: list[Widget] = []
        self.focus: str | None = None
        self.hover: str | None = None
        self.pressed: str | None = None
        self.overlay: str | None = None
        self.toasts: list[tuple[str, float, bool]] = []
        self.running = True
        self.frame = 0
        self.first_frame_s: float | None = None
        self.exit_code = 0
        self._legal: dict = {}
        self._legal_seq: tuple | None = None
        self.fullscreen = False
        from .entries import Entries
        from .scenes import scene_for

        self.entries = Entries(self)
        self._scene_for = scene_for
        self.scenario_choices = self._scenario_choices()
        if self.options.resume is not None:
            self.resume(self.options.resume)
        self.unfinished = [] if self.session else sessions.unfinished()
        pygame.key.start_text_input()

    # -- display -----------------------------------------------------------------------------
    def _open_display(self) -> pygame.Surface:
        headless = self.options.headless or os.environ.get("SDL_VIDEODRIVER") == "dummy"
        self.headless = headless
        if headless:
            pygame.display.set_mode((1, 1))
            return pygame.Surface(theme.LOGICAL)
        pygame.display.set_caption("Bien-Vivre Ensemble")
        screen = pygame.display.set_mode(theme.LOGICAL, pygame.SCALED | pygame.RESIZABLE)
        try:
            dw, dh = pygame.display.get_desktop_sizes()[0]
            if dw < theme.LOGICAL[0] or dh < theme.LOGICAL[1]:
                k = min((dw - 40) / theme.LOGICAL[0], (dh - 80) / theme.LOGICAL[1])
                size = (max(theme.MIN_WINDOW[0], int(1920 * k)), max(theme.MIN_WINDOW[1], int(1080 * k)))
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    pygame.Window.from_display_module().size = size
        except (pygame.error, AttributeError, IndexError):
            pass
        return screen

    def toggle_fullscreen(self) -> None:
        if not self.headless:
            pygame.display.toggle_fullscreen()
        self.fullscreen = not self.fullscreen

    # -- sessions ------------------------------------------------------------------------------
    def _scenario_choices(self) -> list[Path]:
        if self.options.scenario is not None:
            return [Path(self.options.scenario)]
        found = sorted((ROOT / "scenarios").glob("*.toml"))
        if DEFAULT_SCENARIO in found:
            found.remove(DEFAULT_SCENARIO)
            found.insert(0, DEFAULT_SCENARIO)
        return found or [FALLBACK_SCENARIO]

    def new_session(self, scenario_path: Path) -> None:
        from engine.load import ScenarioError, read_text

        try:
            text = read_text(scenario_path)
            seed = self.options.seed if self.options.seed is not None else random.SystemRandom().randrange(2**31)
            log = Path(self.options.log) if self.options.log else sessions.new_log_path()
            self.session = sessions.start(text, scenario_path.name, seed, self.t.lang, log)
        except ScenarioError as exc:
            self.toast(self.t("error.scenario", problem=str(exc.issues[0]) if exc.issues else ""), bad=True)
            return
        self.view = View()
        self.focus = None

    def resume(self, path: Path) -> None:
        try:
            self.session = sessions.resume(Path(path))
        except (sessions.ResumeError, OSError) as exc:
            self.toast(self.t("error.resume", problem=str(exc)), bad=True)
            return
        self.view = View()
        self.focus = None
        self.toast(self.t("toast.resumed", round=self.state.round, phase=self.t(f"phase.{self.state.phase}")))

    @property
    def state(self) -> State | None:
        return self.session.state if self.session else None

    def act(self, action: A.Action, actor: str = "facilitator") -> bool:
        """Apply an action through the session (logged and flushed before the screen changes)."""
        if self.session is None:
            return False
        try:
            self.session.act(action, actor=actor)
        except Rejected as exc:
            self.toast(rejection_text(self.t, exc, self.state), bad=True)
            return False
        self.on_state_change(action)
        return True

    def on_state_change(self, action: A.Action) -> None:
        if action.kind in ("advance", "undo"):
            self.focus = None

    def legal(self, action: A.Action) -> bool:
        state = self.state
        if state is None:
            return False
        key = (state.seq, id(state))
        if key != self._legal_seq:
            self._legal, self._legal_seq = {}, key
        found = self._legal.get(action)
        if found is None:
            try:
                apply(state, action)
                found = True
            except Rejected:
                found = False
            self._legal[action] = found
        return found

    def toast(self, message: str, bad: bool = False) -> None:
        self.toasts = (self.toasts + [(message, time.monotonic() + (6 if bad else 4), bad)])[-3:]

    def set_scale(self, scale: float) -> None:
        self.scale = max(SCALES[0], min(SCALES[-1], scale))
        self.painter = Painter(self.fonts, self.scale)
        self.entries.rebuild()

    def set_language(self, lang: str) -> None:
        self.t = I18n(lang)

    # -- the loop ------------------------------------------------------------------------------
    def scene_key(self) -> str:
        if self.state is None:
            return "title"
        return self.state.phase

    def draw(self) -> None:
        surf = self.surface
        surf.fill(theme.BG)
        self.painter.record = []
        ui = UI(surf, self.painter, self.focus, self.hover)
        scene = self._scene_for(self.scene_key())
        scene.build(self, ui)
        if self.state is not None:
            from .bar import facilitator_bar

            facilitator_bar(self, ui)
        from .bar import overlays, toasts

        overlays(self, ui)
        self.entries.sync(ui.entries)
        self.entries.draw(surf)
        toasts(self, ui)
        self.widgets = ui.widgets
        if self.focus is not None and not any(w.id == self.focus for w in self.widgets):
            self.focus = None

    def tick(self, events: list | None = None) -> None:
        events = pygame.event.get() if events is None else events
        for event in events:
            self.handle(event)
        self.draw()
        if not self.headless:
            pygame.display.flip()
        if self.first_frame_s is None:
            self.first_frame_s = time.perf_counter() - self.started
        self.frame += 1

    def run_frames(self, n: int = 1) -> None:
        for _ in range(n):
            self.tick()

    def run(self, driver=None) -> int:
        clock = pygame.time.Clock()
        while self.running:
            if driver is not None:
                driver.before_tick(self)
            self.tick()
            if driver is not None:
                driver.after_tick(self)
            clock.tick(0 if self.options.fast else 30)
        if self.session is not None:
            self.session.close()
        pygame.quit()
        return self.exit_code


def add_play_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", type=Path, help="scenario file (TOML)")
    parser.add_argument("--resume", type=Path, metavar="LOG", help="take up a session log where it stopped")
    parser.add_argument("--lang", choices=("fr", "en", "pt"), default="fr", help="language (default fr)")
    parser.add_argument("--demo", action="store_true", help="play the preset roster by itself")
    parser.add_argument("--screenshots", type=Path, metavar="DIR", help="save one PNG per scene and phase")
    parser.add_argument("--until", choices=("debrief",), help="exit with status 0 once the debrief is shown")
    parser.add_argument("--log", type=Path, metavar="FILE", help="write the session log to FILE")
    parser.add_argument("--fast", action="store_true", help="no pauses in demo mode")
    parser.add_argument("--seed", type=int, help="seed of the event deck")
    parser.add_argument("--text-size", type=int, default=100, metavar="PERCENT", help="text size, 100 to 200")


def play_command(args: argparse.Namespace) -> int:
    options = Options(
        scenario=args.scenario, resume=args.resume, lang=args.lang, demo=args.demo,
        screenshots=args.screenshots, until=args.until, log=args.log, fast=args.fast,
        seed=args.seed if args.seed is not None else (7 if args.demo else None),
        text_scale=max(1.0, min(2.0, getattr(args, "text_size", 100) / 100)),
    )
    driver = None
    if options.demo or options.screenshots or options.until:
        from .demo import Demo

        driver = Demo(options)
    return App(options).run(driver)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bve play", description="The Bien-Vivre Ensemble table.")
    add_play_arguments(parser)
    return play_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
