"""The title screen: choose a scenario and start, or take up an unfinished session."""

from __future__ import annotations

from datetime import datetime

import pygame

from .. import theme
from ..i18n import LANGUAGES
from .common import paged_text

_SCENARIOS: dict = {}


class Texts:
    """A scenario's text in several languages, as the title reads it (like LocalText.get)."""

    def __init__(self, texts: dict) -> None:
        self.texts = {k: v for k, v in texts.items() if isinstance(v, str) and v.strip()}

    def get(self, lang: str, fallback: str = "") -> str:
        texts = self.texts
        return texts.get(lang) or texts.get(fallback) or next(iter(texts.values()), "")


class Glance:
    """What the title shows of a scenario: its territory's name, languages and note. They are read
    straight from the TOML (the whole scenario is checked when a session starts), so the first
    frame needs neither the engine nor its models."""

    def __init__(self, territory: dict, classroom: dict | None = None) -> None:
        self.id = str(territory["id"])
        # whether the scenario suggests class mode ([classroom] default = true)
        self.class_default = bool(classroom.get("default", False)) if isinstance(classroom, dict) else False
        self.name = Texts(territory["name"])
        self.languages = [str(x) for x in territory["languages"]]
        note = territory.get("population_note")
        self.population_note = Texts(note) if isinstance(note, dict) and note else None
        self.language = self.languages[0]
        self.territory = self


def _glance(path):
    import tomllib

    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    glance = Glance(data["territory"], data.get("classroom"))
    if not glance.name.texts or not glance.languages or not glance.id:
        raise ValueError("no territory name or languages")
    return glance


def _load(path):
    key = str(path)
    if key not in _SCENARIOS:
        try:
            _SCENARIOS[key] = _glance(path)
        except Exception:  # another layout, or a file the TOML reader refuses: the engine reads it
            from engine.scenario.load import ScenarioError, load_scenario

            try:
                _SCENARIOS[key] = load_scenario(path)
            except (ScenarioError, OSError):
                _SCENARIOS[key] = None
    return _SCENARIOS[key]


def scenario_label(app, path) -> str:
    sc = _load(path)
    return sc.territory.name.get(app.t.lang, sc.language) if sc is not None else path.name


def scenario_languages(path) -> list[str]:
    sc = _load(path)
    return list(sc.territory.languages) if sc is not None else []


def class_chosen(app) -> bool:
    """Class mode for the next session: as chosen on the title, else as the scenario suggests."""
    chosen = app.view.get("class")
    if chosen is not None:
        return bool(chosen)
    sc = chosen_scenario(app)
    if sc is None:
        return False
    if isinstance(sc, Glance):
        return sc.class_default
    return bool(sc.classroom is not None and sc.classroom.default)


def chosen_scenario(app):
    """The scenario the title shows (None when it cannot be read)."""
    choices = app.scenario_choices
    return _load(choices[app.view.get("scenario", 0) % len(choices)]) if choices else None


def build(app, ui) -> None:
    t = app.t
    line = ui.line()
    y = 50
    th = ui.line("title")
    ui.text(t("title.name"), (160, y, 1600, th), role="title", bold=True, align="center")
    y += th + 20
    tag_w, gap = 1400, 30
    tag_h = min(ui.height(t("title.tagline"), tag_w), 3 * line)  # a longer language may take a third line
    keys_h = min(ui.height(t("title.keys"), 1600), 2 * line)
    row_h = max(80, int(line * 1.4))
    rows = _setting_rows(app, ui, row_h)
    new_h = max(100, int(ui.line("h2") * 1.4))
    settings_h = len(rows) * (row_h + 16) - 16
    if 1060 - keys_h - 20 - settings_h - 30 - (y + tag_h + gap) < row_h + 16 + new_h + 40:
        # a longer language at a large size: the tagline and the keys at the floor size, wider, so the
        # scenario's choice and the new session's button keep their room in the panel
        floor = app.painter.floor
        tag_w, gap = 1600, 16
        tag_h = min(app.painter.fit(t("title.tagline"), tag_w, 10**5, floor).height, 3 * line)
        keys_h = min(app.painter.fit(t("title.keys"), 1600, 10**5, floor).height, 2 * line)
    ui.text(t("title.tagline"), (960 - tag_w // 2, y, tag_w, tag_h), align="center", colour=theme.INK)
    y += tag_h + gap
    choices = app.scenario_choices
    index = app.view.get("scenario", 0) % len(choices)
    box = pygame.Rect(400, y, 1120, 1060 - keys_h - 20 - settings_h - 30 - y)
    ui.panel(box)
    inner = box.inflate(-60, -40)
    label_w = ui.width(t("title.scenario")) + 30
    ui.text(t("title.scenario"), (inner.x, inner.y, label_w, row_h), valign="middle")
    ui.button("title-scenario", (inner.x + label_w, inner.y, inner.w - label_w, row_h),
              scenario_label(app, choices[index]),
              (lambda: _next_scenario(app, index + 1)) if len(choices) > 1 else None, enabled=len(choices) > 1)
    ry = inner.y + row_h + 16
    on = class_chosen(app)
    if ry + row_h + 16 + new_h <= inner.bottom:  # at the largest text sizes the scenario's choice stands
        ui.button("title-class", (inner.x, ry, inner.w, row_h), t("title.class_on" if on else "title.class_off"),
                  lambda: app.view.set("class", not on), selected=on)
        ry += row_h + 16
    resume_room = (line + 10 + max(80, 2 * line + 16) + 12) if app.unfinished else 0
    sc = _load(choices[index])
    room = inner.bottom - ry - new_h - 24 - resume_room - 16
    if sc is not None and sc.territory.population_note is not None and room >= 2 * line + 64:
        # the territory's note: who lives there and what its numbers describe (paged when long)
        note = sc.territory.population_note.get(app.t.lang, sc.language)
        nh = min(ui.height(note, inner.w), room, max(4 * line, room // 2) if app.unfinished else room)
        paged_text(app, ui, (inner.x, ry, inner.w, nh), note, f"title-note-{index}")
        ry += nh + 16
    ui.button("title-new", (inner.x, ry, inner.w, new_h), t("title.new"),
              lambda: app.new_session(choices[index], classroom=on), style="primary", role="h2")
    ry += new_h + 24
    if app.unfinished:
        ui.text(t("title.resume_offer"), (inner.x, ry, inner.w, line), colour=theme.INK)
        ry += line + 10
        resume_h = max(80, 2 * line + 16)
        for i, u in enumerate(app.unfinished[:2]):
            if ry + resume_h > inner.bottom:
                break
            when = datetime.fromtimestamp(u.when).strftime("%d/%m %H:%M")
            label = t("title.resume", when=when, round=u.round, phase=t(f"phase.{u.phase}"), families=u.families)
            ui.button(f"title-resume-{i}", (inner.x, ry, inner.w, resume_h), label, lambda p=u.path: app.resume(p))
            ry += resume_h + 12
    ry = box.bottom + 30
    for row in rows:
        x = 960 - (sum(w for *_, w in row) + 16 * (len(row) - 1)) // 2
        for wid, label, action, enabled, selected, checked, w in row:
            ui.button(wid, (x, ry, w, row_h), label, action, enabled=enabled, selected=selected, checked=checked)
            x += w + 16
        ry += row_h + 16
    ui.text(t("title.keys"), (160, 1060 - keys_h, 1600, keys_h), align="center", colour=theme.INK)


def _setting_rows(app, ui, row_h: int) -> list[list[tuple]]:
    """Languages, text size, contrast, animations and quit: one row, or two when they do not fit."""
    t = app.t
    specs = [(f"title-lang-{lang}", lang.upper(), (lambda lg=lang: app.set_language(lg)), True, app.t.lang == lang,
              False) for lang in LANGUAGES]
    specs += [("title-smaller", "A−", lambda: app.set_scale(round(app.scale - 0.25, 2)), app.scale > 1.0, False, False),
              ("title-larger", "A+", lambda: app.set_scale(round(app.scale + 0.25, 2)), app.scale < 2.0, False, False)]
    toggles = [("title-contrast", t("settings.contrast"), app.toggle_contrast, True, False,
                theme.current == "high-contrast"),
               ("title-motion", t("settings.animations"), app.toggle_animations, True, False, app.animations)]
    quit_ = [("title-quit", t("title.quit"), lambda: setattr(app, "running", False), True, False, False)]

    def sized(items):
        return [(*item, max(row_h + 40, ui.width(item[1], bold=True) + 48 + (46 if item[5] or item[0] in
                                                                                ("title-contrast", "title-motion")
                                                                                else 0))) for item in items]

    one = sized(specs + toggles + quit_)
    if sum(w for *_, w in one) + 16 * (len(one) - 1) <= 1840:
        return [one]
    return [sized(specs + quit_), sized(toggles)]


def _next_scenario(app, index: int) -> None:
    app.view.set("scenario", index)
    app.view.set("class", None)  # the next scenario's own suggestion
    app.follow_scenario(app.scenario_choices[index % len(app.scenario_choices)])
