"""The title screen: choose a scenario and start, or take up an unfinished session."""

from __future__ import annotations

from datetime import datetime

import pygame

from engine.load import ScenarioError, load_scenario

from .. import theme

_NAMES: dict = {}


def scenario_label(app, path) -> str:
    key = (str(path), app.t.lang)
    if key not in _NAMES:
        try:
            sc = load_scenario(path)
            _NAMES[key] = sc.territory.name.get(app.t.lang, "fr")
        except (ScenarioError, OSError):
            _NAMES[key] = path.name
    return _NAMES[key]


def build(app, ui) -> None:
    t = app.t
    ui.text(t("title.name"), (160, 70, 1600, 110), role="title", bold=True, align="center")
    ui.text(t("title.tagline"), (260, 190, 1400, 90), align="center", colour=theme.MUTED)
    choices = app.scenario_choices
    index = app.view.get("scenario", 0) % len(choices)
    box = pygame.Rect(460, 320, 1000, 500)
    ui.panel(box)
    ui.text(t("title.scenario"), (box.x + 40, box.y + 30, 420, 80), valign="middle")
    label = scenario_label(app, choices[index])
    ui.button("title-scenario", (box.x + 460, box.y + 30, 500, 80), label,
              (lambda: app.view.set("scenario", index + 1)) if len(choices) > 1 else None,
              enabled=len(choices) > 1)
    ui.button("title-new", (box.x + 40, box.y + 140, 920, 100), t("title.new"),
              lambda: app.new_session(choices[index]), style="primary", role="h2")
    y = box.y + 270
    if app.unfinished:
        ui.text(t("title.resume_offer"), (box.x + 40, y, 920, 50), colour=theme.MUTED)
        y += 60
        for i, u in enumerate(app.unfinished[:2]):
            when = datetime.fromtimestamp(u.when).strftime("%d/%m %H:%M")
            label = t("title.resume", when=when, round=u.round, phase=t(f"phase.{u.phase}"), families=u.families)
            ui.button(f"title-resume-{i}", (box.x + 40, y, 920, 80), label, lambda p=u.path: app.resume(p))
            y += 92
    x = 460
    for lang in ("fr", "en", "pt"):
        ui.button(f"title-lang-{lang}", (x, 860, 160, 80), lang.upper(), lambda lg=lang: app.set_language(lg),
                  selected=app.t.lang == lang)
        x += 176
    ui.button("title-smaller", (x + 20, 860, 110, 80), "A−", lambda: app.set_scale(round(app.scale - 0.25, 2)),
              enabled=app.scale > 1.0)
    ui.button("title-larger", (x + 144, 860, 110, 80), "A+", lambda: app.set_scale(round(app.scale + 0.25, 2)),
              enabled=app.scale < 2.0)
    ui.button("title-quit", (1460 - 220, 860, 220, 80), t("title.quit"), lambda: setattr(app, "running", False))
    ui.text(t("title.keys"), (160, 970, 1600, 90), align="center", colour=theme.MUTED)
