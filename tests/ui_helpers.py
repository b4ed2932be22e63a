"""Driving the table in tests: real mouse, finger and key events posted into the running loop."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game import theme  # noqa: E402
from game.app import App, Options  # noqa: E402
from game.demo import Demo  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.toml"
SCREENS = ROOT / "build" / "ui-screens"


def make_app(home: Path, scenario: Path = MINI, **kw) -> App:
    os.environ["BVE_HOME"] = str(home)
    kw.setdefault("log", home / "session.jsonl")
    kw.setdefault("seed", 11)
    app = App(Options(scenario=scenario, headless=True, **kw))
    app.tick()
    return app


def widget(app: App, wid: str):
    for w in app.widgets:
        if w.id == wid:
            return w
    raise AssertionError(f"no widget {wid!r} on screen; there are {[w.id for w in app.widgets]}")


def click(app: App, wid: str) -> None:
    pos = widget(app, wid).rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.tick()


def tap(app: App, wid: str) -> None:
    x, y = widget(app, wid).rect.center
    fx, fy = x / 1920, y / 1080
    common = dict(touch_id=1, finger_id=0, dx=0.0, dy=0.0, pressure=1.0, window_id=0)
    pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=fx, y=fy, **common))
    pygame.event.post(pygame.event.Event(pygame.FINGERUP, x=fx, y=fy, **common))
    app.tick()


def key(app: App, k: int, mod: int = 0, tick: bool = True) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    if tick:
        app.tick()


def keyboard_press(app: App, wid: str) -> None:
    """Reach a widget with Tab alone (as many presses as it takes), then press Enter."""
    enabled = [w.id for w in app.widgets if w.enabled]
    assert wid in enabled, f"{wid!r} is not enabled"
    start = enabled.index(app.focus) if app.focus in enabled else -1
    steps = (enabled.index(wid) - start) % len(enabled) or len(enabled)
    for _ in range(steps):
        key(app, pygame.K_TAB, tick=False)
    app.tick()
    assert app.focus == wid, (app.focus, wid)
    key(app, pygame.K_RETURN)


def type_text(app: App, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.tick()


def texts(app: App) -> list[str]:
    return [b.text for b in app.painter.record]


def _plain(text: str) -> str:
    # numbers and units are joined by no-break spaces on screen; tests write ordinary spaces
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def on_screen(app: App, needle: str) -> bool:
    needle = _plain(needle)
    return any(needle in _plain(b.text) for b in app.painter.record)


def overflowing(app: App) -> list:
    return [b for b in app.painter.record if b.drawn.w and not b.box.contains(b.drawn)]


def unreadable(app: App) -> list[str]:
    """Everything on this frame that a reader could not read in full, in words.

    Text smaller than the floor of the text size (28 px at 100 %), text in grey, text cut with an
    ellipsis, text drawn outside
    its box, two texts drawn over each other (in the same layer: scene, overlay, toast) and two
    buttons over each other.
    """
    floor = theme.floor(app.scale)
    found = []
    for b in app.painter.record:
        if b.size < floor:
            found.append(f"{b.text!r} at {b.size} px, under the floor of {floor} px")
        if b.colour[:3] in (theme.MUTED, theme.LINE):
            found.append(f"{b.text!r} in grey: what the room reads is in ink")
        if b.cut:
            found.append(f"{b.text!r} cut to fit {tuple(b.box)}")
        if b.drawn.w and not b.box.contains(b.drawn):
            found.append(f"{b.text!r} drawn outside its box")
    for layer in (0, 1, 2):
        boxes = [b for b in app.painter.record if b.layer == layer and b.drawn.w]
        rects = [b.drawn for b in boxes]
        for i, r in enumerate(rects):
            for j in r.collidelistall(rects[i + 1:]):
                found.append(f"{boxes[i].text!r} over {boxes[i + 1 + j].text!r}")
    rects = [w.rect for w in app.widgets]
    for i, r in enumerate(rects):
        for j in r.collidelistall(rects[i + 1:]):
            found.append(f"button {app.widgets[i].id} over {app.widgets[i + 1 + j].id}")
    return found


def play(app: App, press, until: str = "debrief", shots: Path | None = None, check=None, most: int = 4000,
         every=None) -> list[str]:
    """Play the preset roster to the debrief, choosing each press as the demo would.

    `check(app, scene)` runs on the first frame of each scene, `every(app, scene)` on every frame.
    """
    demo = Demo(app.options)
    demo.fast = True
    seen: list[str] = []
    for _ in range(most):
        scene = app.scene_key()
        if scene not in seen:
            seen.append(scene)
            if shots is not None:
                shots.mkdir(parents=True, exist_ok=True)
                pygame.image.save(app.surface, str(shots / f"{len(seen):02d}_{scene}.png"))
            if check is not None:
                check(app, scene)
        if every is not None:
            every(app, scene)
        if scene == until and (until != "debrief" or demo.report_saved):
            return seen
        target = demo.next_press(app)
        assert target is not None, f"nothing to press on {scene}"
        press(app, target.id)
    raise AssertionError(f"did not reach {until}; stuck on {app.scene_key()}")


def next_step(app: App) -> None:
    """The bar's next step; when it asks before skipping a phase with nothing done, once more."""
    before = (app.state.round, app.state.phase)
    click(app, "bar-next")
    if (app.state.round, app.state.phase) == before and app.view.get("skip-asked"):
        click(app, "bar-next")


def answer_all(app, press, project: str) -> None:
    """Co-decision by mouse: the project's tab, every family's consent (page by page), decide."""
    if app.view.get("cd-project") not in (None, project) and any(w.id == f"cd-project-{project}" for w in app.widgets):
        press(f"cd-project-{project}")
    for f in app.state.present():
        if not any(w.id == f"answer-{f.id}-consent" for w in app.widgets):
            press("cd-page-next")
        press(f"answer-{f.id}-consent")
    press("decide")
