"""The family form: household and means, then balance, SPIRAL criteria and activities.

The draft lives in the view until "Save": only then does an AddFamily / EditFamily action reach
the engine and its log.
"""

from __future__ import annotations

import re
import unicodedata

import pygame
from pydantic import ValidationError

from engine import actions as A
from engine.scenario import DIMENSIONS, Criterion, FamilySpec, Members, Override

from .. import theme
from .common import euros, sector_name

ACTIVITY_STATES = ("none", "likes", "skill", "refuses")
PERCENTS = (25, 50, 75, 100, 125, 150, 200, 300)


def slug(name: str, taken: set[str]) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:32] or "famille"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def open_form(app, spec: FamilySpec | None) -> None:
    sc = app.state.scenario
    if spec is None:
        draft = {"id": None, "children": 0, "adults": 2, "seniors": 0, "money": 50.0, "savings": 500.0,
                 "hours": 2.0, "profile": 0, "criteria": [], "acts": {}, "consent": False, "balance": {},
                 "dim": 0, "sense": "well-being"}
        name = ""
    else:
        prof = [p.id for p in sc.profiles].index(spec.profile)
        acts = {a: "likes" for a in spec.likes}
        acts.update({a: "skill" for a in spec.skills})
        acts.update({a: "refuses" for a in spec.refuses})
        balance = {}
        for o in spec.adjustments:
            if o.factor == "quantity":
                base = _profile_quantity(sc, prof, o.sector)
                balance[o.sector] = min(PERCENTS, key=lambda p: abs(p - 100 * o.value / base)) if base else 100
        draft = {"id": spec.id, "children": spec.members.children, "adults": spec.members.adults,
                 "seniors": spec.members.seniors, "money": spec.money_month, "savings": spec.savings,
                 "hours": spec.hours_week, "profile": prof, "criteria": [c.model_dump() for c in spec.criteria],
                 "acts": acts, "consent": spec.consent, "balance": balance, "dim": 0, "sense": "well-being"}
        name = spec.name
    app.entries.set("f-name", name)
    app.entries.set("f-crit", "")
    app.view.set("form", draft)
    app.view.set("form-tab", 0)
    app.view.set("escape", lambda: close(app))


def close(app) -> None:
    app.view.set("form", None)
    app.view.set("escape", None)


def _profile_quantity(sc, profile_index: int, sector_id: str) -> float:
    from engine.gaia import profile_factors

    return float(profile_factors(sc, sc.profiles[profile_index].id)[sc.sector_index(sector_id), 0])


def spec_from(app, d: dict) -> FamilySpec:
    sc, state = app.state.scenario, app.state
    taken = {f.id for f in state.families}
    fid = d["id"] or slug(app.entries.value("f-name"), taken)
    adjustments = [
        Override(sector=s, factor="quantity", value=_profile_quantity(sc, d["profile"], s) * pct / 100,
                 estimate="family's own balance at set-up")
        for s, pct in sorted(d["balance"].items()) if pct != 100
    ]
    acts = d["acts"]
    return FamilySpec(
        id=fid, name=app.entries.value("f-name"),
        members=Members(children=d["children"], adults=d["adults"], seniors=d["seniors"]),
        money_month=d["money"], savings=d["savings"], hours_week=d["hours"],
        profile=sc.profiles[d["profile"]].id, adjustments=adjustments,
        criteria=[Criterion(**c) for c in d["criteria"]],
        skills=[a for a, s in acts.items() if s == "skill"],
        likes=[a for a, s in acts.items() if s in ("likes", "skill")],
        refuses=[a for a, s in acts.items() if s == "refuses"],
        consent=d["consent"],
    )


def save(app) -> None:
    d = app.view.get("form")
    try:
        spec = spec_from(app, d)
    except ValidationError:
        app.toast(app.t("form.invalid"), bad=True)
        return
    action = A.EditFamily(family=spec) if d["id"] else A.AddFamily(family=spec)
    if app.act(action):
        close(app)


def build(app, ui, area: pygame.Rect) -> None:
    t, d = app.t, app.view.get("form")
    ui.panel(area)
    inner = area.inflate(-48, -40)
    tab = app.view.get("form-tab", 0)
    tw = (inner.w - 20) // 2
    for i in range(2):
        ui.button(f"form-tab-{i}", (inner.x + i * (tw + 20), inner.y, tw, 72), t(f"form.tab{i}"),
                  lambda i=i: app.view.set("form-tab", i), selected=tab == i)
    body = pygame.Rect(inner.x, inner.y + 96, inner.w, inner.h - 96 - 100)
    (_household if tab == 0 else _balance)(app, ui, d, body)
    y = inner.bottom - 84
    ui.button("form-cancel", (inner.x, y, 300, 84), t("misc.cancel"), lambda: close(app))
    label = t("form.save") if d["id"] else t("form.add")
    ui.button("form-save", (inner.right - 460, y, 460, 84), label, lambda: save(app), style="primary")


def _bump(d, key, delta, lo, hi):
    def go():
        d[key] = max(lo, min(hi, round(d[key] + delta, 2)))
    return go


def _household(app, ui, d, body) -> None:
    t = app.t
    row = body.h // 9
    ui.text(t("form.name"), (body.x, body.y, 300, row - 10), valign="middle")
    ui.entry("f-name", (body.x + 320, body.y, body.w - 320, min(row - 10, int(app.painter.px("body") * 2))))
    steppers = [
        ("children", t("form.children"), 1, 0, 12, str(d["children"])),
        ("adults", t("form.adults"), 1, 0, 12, str(d["adults"])),
        ("seniors", t("form.seniors"), 1, 0, 12, str(d["seniors"])),
        ("money", t("form.money"), 10, 0, 5000, euros(app, d["money"])),
        ("savings", t("form.savings"), 100, 0, 100000, euros(app, d["savings"])),
        ("hours", t("form.hours"), 0.5, 0, 40, t("unit.h", value=t.num(d["hours"], 1))),
    ]
    y = body.y + row
    for key, label, step, lo, hi, shown in steppers:
        ui.stepper(f"f-{key}", (body.x, y, body.w, row - 12), label, shown,
                   _bump(d, key, -step, lo, hi), _bump(d, key, step, lo, hi))
        y += row
    profiles = app.state.scenario.profiles
    ui.text(t("form.profile"), (body.x, y, body.w * 2 // 5 - 10, row - 12), valign="middle")
    ui.button("f-profile", (body.x + body.w * 2 // 5, y, body.w * 3 // 5, row - 12),
              profiles[d["profile"]].name.get(t.lang, "fr"),
              lambda: d.update(profile=(d["profile"] + 1) % len(profiles), balance={}))
    y += row
    ui.toggle("f-consent", (body.x, y, body.w, row - 12), t("form.consent"), d["consent"],
              lambda: d.update(consent=not d["consent"]), t("misc.yes"), t("misc.no"))


def _balance(app, ui, d, body) -> None:
    t, sc = app.t, app.state.scenario
    half = (body.w - 30) // 2
    row = body.h // 9
    ui.text(t("form.balance"), (body.x, body.y, half, row - 10), bold=True, valign="middle")
    y = body.y + row
    for s in sc.sectors:
        pct = d["balance"].get(s.id, 100)
        i = PERCENTS.index(pct)

        def move(step, s=s, i=i):
            d["balance"][s.id] = PERCENTS[max(0, min(len(PERCENTS) - 1, i + step))]
        ui.stepper(f"f-bal-{s.id}", (body.x, y, half, row - 12), sector_name(app, s.id),
                   f"{pct} %", lambda m=move: m(-1), lambda m=move: m(1))
        y += row
    ui.text(t("form.activities"), (body.x, y, half, row - 10), bold=True, valign="middle")
    y += row
    for a in sc.activities[: max(1, (body.bottom - y) // row)]:
        state = d["acts"].get(a.id, "none")
        nxt = ACTIVITY_STATES[(ACTIVITY_STATES.index(state) + 1) % 4]
        ui.button(f"f-act-{a.id}", (body.x, y, half, row - 12),
                  f"{a.name.get(t.lang, 'fr')} : {t('form.act_' + state)}",
                  lambda a=a, n=nxt: d["acts"].update({a.id: n}), selected=state != "none")
        y += row
    x = body.x + half + 30
    ui.text(t("form.criteria"), (x, body.y, half, row - 10), bold=True, valign="middle")
    ui.entry("f-crit", (x, body.y + row, half, min(row - 10, int(app.painter.px("body") * 2))))
    dim = DIMENSIONS[d["dim"]]
    ui.button("f-dim", (x, body.y + 2 * row, half // 2 - 8, row - 12), t("form.dimension", dim=dim),
              lambda: d.update(dim=(d["dim"] + 1) % len(DIMENSIONS)))
    ui.button("f-sense", (x + half // 2 + 8, body.y + 2 * row, half // 2 - 8, row - 12),
              t("form." + d["sense"]), lambda: d.update(sense="ill-being" if d["sense"] == "well-being" else "well-being"))
    ui.button("f-crit-add", (x, body.y + 3 * row, half, row - 12), t("form.add_criterion"), lambda: _add_criterion(app, d))
    y = body.y + 4 * row
    for i, c in enumerate(d["criteria"][: max(0, (body.bottom - y) // row)]):
        sign = "+" if c["sense"] == "well-being" else "−"
        ui.button(f"f-crit-{i}", (x, y, half, row - 12), t("form.criterion", code=c["code"], sign=sign, text=c["text"]),
                  lambda i=i: d["criteria"].pop(i))
        y += row


def _add_criterion(app, d) -> None:
    text = app.entries.value("f-crit").strip()
    if not text:
        app.toast(app.t("form.criterion_empty"), bad=True)
        return
    d["criteria"].append({"text": text[:200], "code": DIMENSIONS[d["dim"]], "sense": d["sense"]})
    app.entries.set("f-crit", "")
