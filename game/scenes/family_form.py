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
from engine.scenario import (
    DIETS, DIMENSIONS, GENERATIONS, HEATING, Criterion, FamilySpec, Household, Members, Override,
)

from .common import dimension_words, euros, local, money_scale, sector_name, wide

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
        k = money_scale(sc)
        draft = {"id": None, "children": 0, "adults": 2, "seniors": 0, "money": 50.0 * k, "savings": 500.0 * k,
                 "hours": 2.0, "profile": 0, "criteria": [], "acts": {}, "consent": False, "balance": {},
                 "dim": 0, "sense": "well-being", "home": _profile_home(sc, 0),
                 # in class mode each generation gives its own hours, and a wish says who voiced it
                 "gen_hours": {"children": 0.0, "adults": 2.0, "seniors": 0.0} if app.state.class_mode else None,
                 "gen": None}
        name = ""
    else:
        prof = [p.id for p in sc.profiles].index(spec.profile)
        acts = {a: "likes" for a in spec.likes}
        acts.update({a: "skill" for a in spec.skills})
        acts.update({a: "refuses" for a in spec.refuses})
        balance = {}
        for o in spec.adjustments:
            if o.factor == "quantity":
                base = dict(_profile_quantities(sc, prof, o.sector)).get(o.component, 0)
                balance[o.sector] = min(PERCENTS, key=lambda p: abs(p - 100 * o.value / base)) if base else 100
        draft = {"id": spec.id, "children": spec.members.children, "adults": spec.members.adults,
                 "seniors": spec.members.seniors, "money": spec.money_month, "savings": spec.savings,
                 "hours": spec.hours_week, "profile": prof, "criteria": [c.model_dump() for c in spec.criteria],
                 "acts": acts, "consent": spec.consent, "balance": balance, "dim": 0, "sense": "well-being",
                 "home": {**_profile_home(sc, prof), **(spec.household.model_dump(exclude_none=True)
                                                         if spec.household else {})},
                 "gen_hours": _generation_hours(app, spec), "gen": None}
        name = spec.name
    app.entries.set("f-name", name)
    app.entries.set("f-crit", "")
    app.view.set("form", draft)
    app.view.set("form-tab", 0)
    app.view.set("escape", lambda: close(app))


def _generation_hours(app, spec: FamilySpec) -> dict | None:
    if spec.generation_hours is not None:
        return {g: spec.generation_hours.get(g, 0.0) for g in GENERATIONS}
    if not app.state.class_mode:
        return None
    # a family entered before: its hours go to its adults (or whoever it has), to be shared out
    first = next((g for g in ("adults", "seniors", "children") if getattr(spec.members, g)), "adults")
    return {g: spec.hours_week if g == first else 0.0 for g in GENERATIONS}


def close(app) -> None:
    app.view.set("form", None)
    app.view.set("escape", None)


def _profile_quantities(sc, profile_index: int, sector_id: str) -> list[tuple[str | None, float]]:
    """(component id, Q) of each component of a sector in the profile's balance: the form's
    percentage scales each of them (no id for a sector of one component)."""
    from engine.gaia import profile_factors

    factors = profile_factors(sc, sc.profiles[profile_index].id)
    rows = sc.component_rows(sector_id)
    return [(None if len(rows) == 1 else sc.components[k][1].id, float(factors[k, 0])) for k in rows]


HOME = ("heating", "cars", "diet", "flights")


def _profile_home(sc, profile_index: int) -> dict:
    """The household attributes a profile gives (eligibility reads them), as the form's defaults."""
    home = sc.profiles[profile_index].household
    return {k: v for k, v in (home.model_dump() if home else {}).items() if k in HOME and v is not None}


def _own_home(sc, d: dict) -> Household | None:
    """What the family says of its household where it differs from its profile (None: nothing)."""
    profile = _profile_home(sc, d["profile"])
    own = {k: v for k, v in d.get("home", {}).items() if profile.get(k) != v}
    return Household(**own) if own else None


def spec_from(app, d: dict) -> FamilySpec:
    sc, state = app.state.scenario, app.state
    taken = {f.id for f in state.families}
    fid = d["id"] or slug(app.entries.value("f-name"), taken)
    adjustments = [
        Override(sector=s, component=c, factor="quantity", value=q * pct / 100, estimate="family's own balance at set-up")
        for s, pct in sorted(d["balance"].items()) if pct != 100
        for c, q in _profile_quantities(sc, d["profile"], s)
    ]
    acts = d["acts"]
    hours, by_generation = d["hours"], None
    if d.get("gen_hours") is not None:
        # only the generations the household has give hours; the family's hours are their sum
        by_generation = {g: h for g, h in d["gen_hours"].items() if d[g] > 0 and h > 0}
        hours = sum(sorted(by_generation.values()))
    return FamilySpec(
        id=fid, name=app.entries.value("f-name"),
        members=Members(children=d["children"], adults=d["adults"], seniors=d["seniors"]),
        money_month=d["money"], savings=d["savings"], hours_week=hours, generation_hours=by_generation,
        profile=sc.profiles[d["profile"]].id, adjustments=adjustments,
        criteria=[Criterion(**c) for c in d["criteria"]],
        skills=[a for a, s in acts.items() if s == "skill"],
        likes=[a for a, s in acts.items() if s in ("likes", "skill")],
        refuses=[a for a, s in acts.items() if s == "refuses"],
        consent=d["consent"],
        household=_own_home(sc, d),
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
    th = max(72, int(ui.line() * 1.3))
    if not all(ui.fits(t(f"form.tab{i}"), tw - 30, th - 10, bold=True) for i in range(2)):
        th = 2 * ui.line(size=app.painter.floor) + 20
    th = ui.button_height([t(f"form.tab{i}") for i in range(2)], tw, th)
    for i in range(2):
        ui.button(f"form-tab-{i}", (inner.x + i * (tw + 20), inner.y, tw, th), t(f"form.tab{i}"),
                  lambda i=i: (app.view.set("form-tab", i), app.view.set("form-page", 0)), selected=tab == i)
    bh = max(84, int(ui.line() * 1.4))
    body = pygame.Rect(inner.x, inner.y + th + 20, inner.w, inner.h - th - 20 - bh - 20)
    row = max(body.h // 9, int(ui.line() * 1.3) + 12)
    if tab == 0:
        columns = [_household(app, ui, d)]
    else:
        columns = [_balance(app, ui, d), _criteria(app, ui, d)]
        if body.w < 1400 and not wide(app) or body.w < 1000:
            columns = [columns[0] + columns[1]]
    per = max(1, body.h // row)
    cw = (body.w - 30 * (len(columns) - 1)) // len(columns)
    laid = [_pages(column, per, cw, row, ui) for column in columns]
    pages = max(len(p) for p in laid)
    page = min(app.view.get("form-page", 0), pages - 1)
    for k, column in enumerate(laid):
        for slot, slots, draw in column[page] if page < len(column) else []:
            draw(pygame.Rect(body.x + k * (cw + 30), body.y + slot * row, cw, slots * row - 12))
    y = inner.bottom - bh
    cancel_w = max(260, ui.width(t("misc.cancel")) + 48)
    ui.button("form-cancel", (inner.x, y, cancel_w, bh), t("misc.cancel"), lambda: close(app))
    label = t("form.save") if d["id"] else t("form.add")
    save_w = max(380, ui.width(label, bold=True) + 48)
    ui.button("form-save", (inner.right - save_w, y, save_w, bh), label, lambda: save(app), style="primary")
    ui.page_buttons("form-page", (inner.x + cancel_w + 20, y, inner.w - cancel_w - save_w - 40, bh), page, pages,
                    lambda p: app.view.set("form-page", p), app.t("misc.page", page=page + 1, pages=pages))


def _pages(rows: list, per: int, width: int, row: int, ui) -> list[list[tuple]]:
    """Rows into pages of `per` slots; a row given as (text, share, draw) takes the slots its text needs."""
    pages: list[list[tuple]] = [[]]
    used = 0
    for item in rows:
        slots = 1
        if isinstance(item, tuple):
            text, share, item, *plain = item  # (text, share of the width, draw[, drawn in plain letters])

            def room(slots: int) -> tuple[int, int]:  # a button's face inside its slots, else 40 px less
                pad = max(8, (slots * row - 12) // 8)
                return int(width * share) - max(40, 2 * pad + 4), slots * row - 12 - max(pad, 8)
            while slots < min(3, per) and not ui.fits(text, *room(slots), bold=not plain):
                slots += 1
        if used + slots > per and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append((used, slots, item))
        used += slots
    return pages


def _bump(d, key, delta, lo, hi):
    def go():
        d[key] = max(lo, min(hi, round(d[key] + delta, 2)))
    return go


def _household(app, ui, d) -> list:
    """The rows of the first tab: each a function drawing itself into the rect it is given."""
    t = app.t

    def name(r):
        lw = min(r.w // 3, ui.width(t("form.name")) + 30)
        ui.text(t("form.name"), (r.x, r.y, lw, r.h), valign="middle")
        ui.entry("f-name", (r.x + lw, r.y, r.w - lw, min(r.h, int(app.painter.px("body") * 2))))

    def stepper(key, label, step, lo, hi, shown):
        # as many slots as its label needs at the floor size (a longer language takes two)
        return (label, 0.4, lambda r: ui.stepper(f"f-{key}", r, label, shown, _bump(d, key, -step, lo, hi),
                                                 _bump(d, key, step, lo, hi)))

    k = money_scale(app.state.scenario)
    rows = [name] + [stepper(*spec) for spec in (
        ("children", t("form.children"), 1, 0, 12, str(d["children"])),
        ("adults", t("form.adults"), 1, 0, 12, str(d["adults"])),
        ("seniors", t("form.seniors"), 1, 0, 12, str(d["seniors"])),
        ("money", t("form.money"), 10 * k, 0, 5000 * k, euros(app, d["money"])),
        ("savings", t("form.savings"), 100 * k, 0, 100000 * k, euros(app, d["savings"])),
    )]
    if d.get("gen_hours") is None:
        rows.append(stepper("hours", t("form.hours"), 0.5, 0, 40, t("unit.h", value=t.num(d["hours"], 1))))
    else:  # each generation's own hours a week
        hours = d["gen_hours"]
        for g in GENERATIONS:
            if d[g] > 0:
                label = f"{t('form.generation_hours')} · {t(f'generation.{g}')}"
                rows.append(lambda r, g=g, label=label: ui.stepper(
                    f"f-hours-{g}", r, label, t("unit.h", value=t.num(hours[g], 1)),
                    _bump(hours, g, -0.5, 0, 40), _bump(hours, g, 0.5, 0, 40)))
    profiles = app.state.scenario.profiles

    def profile(r):
        ui.text(t("form.profile"), (r.x, r.y, r.w * 2 // 5 - 10, r.h), valign="middle")
        ui.button("f-profile", (r.x + r.w * 2 // 5, r.y, r.w * 3 // 5, r.h), local(app, profiles[d["profile"]].name),
                  lambda: _next_profile(app, d))

    def consent(r):
        ui.toggle("f-consent", r, t("form.consent"), d["consent"], lambda: d.update(consent=not d["consent"]),
                  t("misc.yes"), t("misc.no"))
    consent = (t("form.consent"), 0.4, consent, True)  # its label takes the slots it needs
    rows.append(profile)
    described = profiles[d["profile"]].description
    if described is not None:
        # the trainer's words on the profile, so the family knows which one is theirs
        text = local(app, described)
        rows.append((text, 1.0, lambda r, text=text: ui.text(text, r, valign="middle")))
    return rows + [consent] + _home_rows(app, ui, d)


def _next_profile(app, d) -> None:
    d.update(profile=(d["profile"] + 1) % len(app.state.scenario.profiles), balance={})
    d["home"] = _profile_home(app.state.scenario, d["profile"])  # the new profile's household


def _home_rows(app, ui, d) -> list:
    """Heating, cars, diet and flights: what projects' eligibility reads, the profile's by default."""
    t, home = app.t, d.setdefault("home", {})

    def said(key, value, prefix=""):
        if value is None:
            return t("home.unknown")
        return t(f"{prefix}{value}") if prefix and app.t.has(f"{prefix}{value}") else str(value)

    def cycle(key, options, prefix):
        def go():
            values = [None, *options]
            now = home.get(key)
            nxt = values[(values.index(now) + 1) % len(values)] if now in values else None
            home.pop(key, None) if nxt is None else home.update({key: nxt})
        return lambda r: (ui.text(t(f"form.{key}"), (r.x, r.y, r.w * 2 // 5 - 10, r.h), valign="middle"),
                          ui.button(f"f-{key}", (r.x + r.w * 2 // 5, r.y, r.w * 3 // 5, r.h),
                                    said(key, home.get(key), prefix), go))

    def count(key, most):
        def move(step):
            now = home.get(key)
            value = max(0, min(most, (0 if now is None else now) + step))
            home[key] = value
        return lambda r: ui.stepper(f"f-{key}", r, t(f"form.{key}"), said(key, home.get(key)),
                                    lambda: move(-1), lambda: move(1))

    return [cycle("heating", HEATING, "heating."), count("cars", 6), cycle("diet", DIETS, "diet."),
            count("flights", 50)]


def _balance(app, ui, d) -> list:
    t, sc = app.t, app.state.scenario
    rows = [(t("form.balance"), 1.0, lambda r: ui.text(t("form.balance"), r, bold=True, valign="middle"))]
    for s in sc.sectors:
        pct = d["balance"].get(s.id, 100)
        i = PERCENTS.index(pct)

        def move(step, s=s, i=i):
            d["balance"][s.id] = PERCENTS[max(0, min(len(PERCENTS) - 1, i + step))]
        rows.append((sector_name(app, s.id), 0.4, lambda r, s=s, pct=pct, move=move: ui.stepper(
            f"f-bal-{s.id}", r, sector_name(app, s.id), f"{pct}\u00a0%", lambda: move(-1), lambda: move(1))))
    rows.append((t("form.activities"), 1.0, lambda r: ui.text(t("form.activities"), r, bold=True, valign="middle")))
    for a in sc.activities:
        state = d["acts"].get(a.id, "none")
        nxt = ACTIVITY_STATES[(ACTIVITY_STATES.index(state) + 1) % 4]
        label = f"{local(app, a.name)} : {t('form.act_' + state)}"
        rows.append((label, 1.0, lambda r, a=a, label=label, state=state, nxt=nxt: ui.button(
            f"f-act-{a.id}", r, label, lambda: d["acts"].update({a.id: nxt}), selected=state != "none")))
    return rows


def _criteria(app, ui, d) -> list:
    t = app.t
    dim = DIMENSIONS[d["dim"]]

    def kind(r):
        half = r.w // 2 - 8
        ui.button("f-dim", (r.x, r.y, half, r.h),
                  dimension_words(app, dim) if app.state.class_mode else t("form.dimension", dim=dim),
                  lambda: d.update(dim=(d["dim"] + 1) % len(DIMENSIONS)))
        ui.button("f-sense", (r.x + half + 16, r.y, half, r.h), t("form." + d["sense"]),
                  lambda: d.update(sense="ill-being" if d["sense"] == "well-being" else "well-being"))
    rows = [(t("form.criteria"), 1.0, lambda r: ui.text(t("form.criteria"), r, bold=True, valign="middle")),
            lambda r: ui.entry("f-crit", (r.x, r.y, r.w, min(r.h, int(app.painter.px("body") * 2)))),
            kind]
    if d.get("gen_hours") is not None:  # who voiced the wish
        who = t(f"generation.{d['gen']}") if d.get("gen") else t("generation.family")
        order = [None, *GENERATIONS]
        rows.append(lambda r, who=who: ui.button(
            "f-crit-gen", r, t("form.criterion_generation", generation=who),
            lambda: d.update(gen=order[(order.index(d.get("gen")) + 1) % len(order)])))
    rows += [
            lambda r: ui.button("f-crit-add", r, t("form.add_criterion"), lambda: _add_criterion(app, d))]
    for i, c in enumerate(d["criteria"]):
        sign = "+" if c["sense"] == "well-being" else "−"
        label = t("form.criterion", code=dimension_words(app, c["code"]), sign=sign, text=c["text"])
        rows.append((label, 1.0, lambda r, i=i, label=label: ui.button(f"f-crit-{i}", r, label,
                                                                      lambda: d["criteria"].pop(i), align="left")))
    return rows


def _add_criterion(app, d) -> None:
    text = app.entries.value("f-crit").strip()
    if not text:
        app.toast(app.t("form.criterion_empty"), bad=True)
        return
    criterion = {"text": text[:200], "code": DIMENSIONS[d["dim"]], "sense": d["sense"]}
    if d.get("gen"):
        criterion["generation"] = d["gen"]
    d["criteria"].append(criterion)
    app.entries.set("f-crit", "")
