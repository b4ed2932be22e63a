"""The table application: one window, one loop, every action through the engine's session log.

`App.tick()` handles the pending events, draws one frame and remembers what it drew (widgets for
clicks and focus, text boxes for the tests). Everything shown comes from the session's state,
which is always what replaying the log gives: the screen never holds a decision the log lacks.
"""

from __future__ import annotations

import os
import random
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame  # noqa: E402

from typing import TYPE_CHECKING  # noqa: E402

from . import places, theme  # noqa: E402
from .controls import Controls  # noqa: E402
from .fonts import Fonts  # noqa: E402
from .i18n import I18n, start_language  # noqa: E402
from .layout import Painter  # noqa: E402
from .play import Options, View, add_play_arguments, main, play_command  # noqa: E402,F401
from .widgets import UI, Widget  # noqa: E402

if TYPE_CHECKING:  # the engine is imported once a session starts: the title's first frame needs none of it
    from engine import actions as A
    from engine.log.session import Session
    from engine.state import State

SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)


class App(Controls):
    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.started = time.perf_counter()
        pygame.display.init()
        pygame.font.init()
        self.surface = self._open_display()
        self.fonts = Fonts()
        self.scale = self.options.text_scale
        theme.use(self.options.theme or theme.from_environment())
        self.animations = self.options.animations if self.options.animations is not None else (
            os.environ.get("BVE_ANIMATIONS", "").strip().lower() not in ("off", "0", "no", "false"))
        self.painter = Painter(self.fonts, self.scale)
        self.lang_chosen = self.options.lang is not None
        self.t = I18n(self.options.lang or "en")
        self.session: Session | None = None
        self.view = View()
        self.widgets: list[Widget] = []
        self.focus: str | None = None
        self.hover: str | None = None
        self.pressed: str | None = None
        self.typing: tuple[str, str] | None = None  # (number field, digits typed into it so far)
        self.overlay: str | None = None
        self.toasts: list[tuple[str, float, bool]] = []
        self.running = True
        self.frame = 0
        self.first_frame_s: float | None = None
        self.exit_code = 0
        self._legal: dict = {}
        self._legal_seq: tuple | None = None
        self._drawn: tuple | None = None
        self.fullscreen = False
        self._noticed: set[tuple] = set()  # (scenario, language) pairs already told of
        from .entries import Entries
        from .scenes import scene_for

        self.entries = Entries(self)
        self._scene_for = scene_for
        self.scenario_choices = self._scenario_choices()
        self.follow_scenario(self.scenario_choices[0])
        if self.options.resume is not None:
            self.resume(self.options.resume)
        self.unfinished = self.find_unfinished()
        pygame.key.start_text_input()

    def find_unfinished(self) -> list:
        """Unfinished sessions the title offers to resume (each found by replaying its log)."""
        if self.session:
            return []
        from . import sessions

        return sessions.unfinished()

    # -- display -----------------------------------------------------------------------------
    def _open_display(self) -> pygame.Surface:
        headless = self.options.headless or os.environ.get("SDL_VIDEODRIVER") == "dummy"
        self.headless = headless
        if headless:
            pygame.display.set_mode((1, 1))
            return pygame.Surface(theme.LOGICAL)
        pygame.display.set_caption("Bien-Vivre Ensemble")
        try:
            pygame.display.set_icon(pygame.image.load(str(places.icon())))
        except (pygame.error, OSError):  # a window without its icon still plays
            pass
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
            return [places.find_scenario(self.options.scenario)]
        return places.scenario_files()

    def follow_scenario(self, path: Path, languages=None) -> None:
        """Speak the scenario's first language, unless someone chose a language."""
        if not self.lang_chosen:
            from .scenes.title import scenario_languages

            self.t = I18n(start_language(languages or scenario_languages(path)), self.t.classroom)

    def new_session(self, scenario_path: Path, classroom: bool = False) -> None:
        from engine.scenario.load import ScenarioError, read_text

        from . import sessions

        self.follow_scenario(scenario_path)
        try:
            text = read_text(scenario_path)
            seed = self.options.seed if self.options.seed is not None else random.SystemRandom().randrange(2**31)
            log = Path(self.options.log) if self.options.log else sessions.new_log_path()
            self.session = sessions.start(text, scenario_path.name, seed, self.t.lang, log)
        except ScenarioError as exc:
            from .i18n import engine_words

            problem = exc.issues[0].text(engine_words(self.t.lang)) if exc.issues else ""
            self.toast(self.t("error.scenario", problem=problem), bad=True)
            return
        self.view = View()
        self.focus = None
        if classroom:
            from engine import actions as A

            self.act(A.ClassMode())

    def resume(self, path: Path) -> None:
        from . import sessions

        try:
            self.session = sessions.resume(Path(path))
        except (sessions.ResumeError, OSError) as exc:
            self.toast(self.t("error.resume", problem=str(exc)), bad=True)
            return
        self.follow_scenario(path, self.state.scenario.territory.languages)
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
        from engine.rules import Rejected

        from .messages import rejection_text
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
        if action.kind == "advance":  # a detail opened in one phase is not where the next one opens
            for name in ("escape", "objecting", "cat-open", "db-open", "db-story", "rv-criteria", "guessing"):
                self.view.set(name, None)

    def legal(self, action: A.Action) -> bool:
        state = self.state
        if state is None:
            return False
        key = (state.seq, id(state))
        if key != self._legal_seq:
            self._legal, self._legal_seq = {}, key
        found = self._legal.get(action)
        if found is None:
            from engine.rules import Rejected, apply

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
        self.t = I18n(lang, self.t.classroom)
        self.lang_chosen = True

    def classroom(self) -> bool:
        """Class mode: the session's, or at the title the one chosen for the next session."""
        if self.state is not None:
            return self.state.class_mode
        from .scenes.title import class_chosen

        return class_chosen(self)

    def follow_class_mode(self) -> None:
        """Plain words and the teacher's help in class mode (a new translator: the frame changes)."""
        if self.t.classroom != self.classroom():
            self.t = I18n(self.t.lang, self.classroom())

    def toggle_contrast(self) -> None:
        theme.use("standard" if theme.current == "high-contrast" else "high-contrast")
        self.entries.rebuild()  # the text fields take the palette anew

    def toggle_animations(self) -> None:
        self.animations = not self.animations
        self.entries.rebuild()

    def shown_scenario(self):
        """The scenario in play, or the one the title has chosen (None when it cannot be read)."""
        if self.state is not None:
            return self.state.scenario
        from .scenes.title import chosen_scenario

        return chosen_scenario(self)

    def language_fallback(self) -> str | None:
        """The language the scenario's own texts are shown in when it lacks the table's, else None."""
        scenario = self.shown_scenario()
        if scenario is None or self.t.lang in scenario.territory.languages:
            return None
        return scenario.language

    def tell_language_fallback(self) -> None:
        """Say once per scenario and language that the scenario's own texts are in another language
        (rather than mixing languages on the screen without a word)."""
        shown = self.language_fallback()
        if shown is None:
            return
        key = (self.shown_scenario().territory.id, self.t.lang)
        if key in self._noticed:
            return
        self._noticed.add(key)
        self.toast(self.t("notice.scenario_language", language=self.t.language_name(self.t.lang),
                          shown=self.t.language_name(shown)))

    # -- the loop ------------------------------------------------------------------------------
    def scene_key(self) -> str:
        if self.state is None:
            return "title"
        return self.state.phase

    def draw(self) -> None:
        surf = self.surface
        self.painter.record = []
        self.painter.layer = 0
        ui = UI(surf, self.painter, self.focus, self.hover)
        from .words import mark, marker_for

        marker = marker_for(self)
        self.painter.marks = marker
        if self.state is None or marker is not None:  # marked words are found as they are drawn: no kept regions
            surf.fill(theme.BG)
        if marker is not None:
            marker.start_frame()
        self.draw_body(ui)
        self.painter.marks = None
        if marker is not None:
            mark(self, ui, marker)
        from .bar import toasts
        from .overlays import overlays

        overlays(self, ui)
        self.entries.sync(ui.entries)
        self.entries.draw(surf)
        toasts(self, ui)
        self.widgets = ui.widgets
        if self.focus is not None and not any(w.id == self.focus for w in self.widgets):
            self.focus = None

    def draw_body(self, ui) -> None:
        """What a frame shows under the overlays: the scene (or the room view) and the bar.

        Once a session runs, the scene is kept (widgets.UI.region) for as long as the state, the
        view, the digits being typed, the overlay, the language and the text size stay the same,
        and the bar for as long as what it shows: a frame where only the focus, the hover or a
        toast changed blits them."""
        if self.state is None:
            self.draw_scene(ui)
            return
        from .bar import BAR, facilitator_bar

        self.kept(ui, "scene", pygame.Rect(0, 0, theme.LOGICAL[0], BAR.y), lambda: self.draw_scene(ui))
        facilitator_bar(self, ui)

    def kept(self, ui, name: str, rect, draw) -> None:
        """A region of the screen drawn once for the present state, view, typing and overlay."""
        version = self.view.version
        key = (name, self.scene_key(), version, self.typing, self.overlay)
        ui.region(key, rect, draw, anchors=(self.state, self.t, self.view, self.session), bg=theme.BG,
                  keep=lambda: self.view.version == version)

    def draw_scene(self, ui) -> None:
        if self.state is None:
            self._scene_for(self.scene_key()).build(self, ui)
            return
        from . import room

        if room.is_open(self):
            from .scenes.common import MAIN, header

            header(self, ui)
            room.room_view(self, ui, MAIN)
        else:
            self._scene_for(self.scene_key()).build(self, ui)

    def signature(self) -> tuple:
        """What a frame depends on besides the events: when it is unchanged and no event came, the
        last frame is still right and is not drawn again (an idle table costs next to nothing)."""
        now = time.monotonic()
        state = self.state
        return (id(state), state.seq if state is not None else None, id(self.view), self.view.version,
                self.scale, id(self.t), self.overlay, self.focus, self.hover, self.typing, self.fullscreen,
                tuple(x for x in self.toasts if x[1] > now), self.entries.focused, id(self.session),
                theme.current, self.animations)

    def tick(self, events: list | None = None) -> None:
        events = pygame.event.get() if events is None else events
        for event in events:
            self.handle(event)
        self.follow_class_mode()
        self.tell_language_fallback()
        sig = self.signature()
        # a focused text field blinks its cursor (animations on): it is redrawn every frame
        if (events or sig != self._drawn or (self.entries.focused is not None and self.animations)
                or self.first_frame_s is None):
            self.draw()
            self._drawn = self.signature()
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


if __name__ == "__main__":
    sys.exit(main())
