"""Co-decision: each family answers; the rule's verdict shows; decide, or amend and decide again."""

from __future__ import annotations

import pygame

from engine import actions as A
from engine.decision import RULES
from engine.footprint import recorded
from engine.resources import proposal_coverage

from .. import theme
from .common import (
    MAIN, currency, dimension_words, euros, header, names_fitting, page_label, paged, project_name, tabs, wide,
)
from .pledges import project_list

ANSWERS = ("consent", "concern", "objection")
ANSWER_LETTER = {"consent": "C", "concern": "R", "objection": "O"}


def _status(app, pid: str) -> str:
    state, t = app.state, app.t
    p = state.proposal(pid)
    if p.status != "open":
        return t(f"status.{p.status}")
    return t("coverage.covered") if proposal_coverage(state, p).covered else t("coverage.not_yet")


def build(app, ui) -> None:
    t, state = app.t, app.state
    header(app, ui)
    items = [(p.project, False) for p in state.proposals]
    ids = [p for p, _ in items]
    chosen = app.view.get("cd-project")
    if chosen not in ids:
        covered = [p.project for p in state.proposals if p.status == "open" and proposal_coverage(state, p).covered]
        chosen = (covered or ids or [None])[0]
        app.view.set("cd-project", chosen)
    objecting = app.view.get("objecting")
    if app.view.get("guessing") == state.round:
        guess_panel(app, ui, MAIN)
        return
    if not wide(app):
        area = MAIN
        if not objecting:
            view, area = tabs(app, ui, "cd-view", ["projects", "answers", "verdict"],
                              [t("pledges.tab_projects"), t("codecision.tab_answers"), t("codecision.tab_verdict")],
                              MAIN)
        if chosen is None or (not objecting and view == "projects"):
            project_list(app, ui, area, items, chosen, "cd-project", lambda pid, _: _status(app, pid))
        elif objecting:
            objection_panel(app, ui, area, chosen, objecting)
        elif view == "answers":
            answers_panel(app, ui, area, chosen)
        else:
            verdict_panel(app, ui, area, chosen)
        return
    if objecting:
        project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, LEFT_W, MAIN.h), items, chosen, "cd-project",
                     lambda pid, _: _status(app, pid))
        objection_panel(app, ui, pygame.Rect(MAIN.x + LEFT_W + 20, MAIN.y, MAIN.w - LEFT_W - 20, MAIN.h), chosen,
                        objecting)
        return
    if chosen is None:
        project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, LEFT_W, MAIN.h), items, chosen, "cd-project",
                     lambda pid, _: _status(app, pid))
        return
    # the answers take the whole height, so twelve families fit on one page; the verdict sits under
    # the projects
    verdict_h = verdict_height(app, ui, LEFT_W, chosen)
    project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, LEFT_W, MAIN.h - verdict_h - 16), items, chosen, "cd-project",
                 lambda pid, _: _status(app, pid))
    verdict_panel(app, ui, pygame.Rect(MAIN.x, MAIN.bottom - verdict_h, LEFT_W, verdict_h), chosen)
    answers_panel(app, ui, pygame.Rect(MAIN.x + LEFT_W + 20, MAIN.y, MAIN.w - LEFT_W - 20, MAIN.h), chosen)


LEFT_W = 640


def guess_panel(app, ui, rect: pygame.Rect) -> None:
    """Predict, then reveal: before the resolution shows the new footprints, the room's guess of the
    association's CO₂ after this round (a logged action), beside the figure now."""
    from engine.predict import guess

    from .common import tonnes
    from .pledges import typed_amount

    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-80, -60)
    line = ui.line()
    y = inner.y
    th = min(ui.height(t("guess.title"), inner.w, "h2", True), 2 * ui.line("h2"))
    ui.text(t("guess.title"), (inner.x, y, inner.w, th), role="h2", bold=True)
    y += th + 20
    now = recorded(state)[-1][1] if state.trajectory else 0.0
    ui.text(t("guess.now", value=tonnes(app, now)), (inner.x, y, inner.w, 2 * line))
    y += 2 * line + 20
    saved = guess(state)
    kg = app.view.get("guess-kg", saved if saved is not None else now)
    bh = max(96, int(line * 1.6))
    rw = ui.width(t("guess.record"), bold=True) + 64
    action = A.Guess(co2_kg=max(0.0, kg))
    ui.stepper("guess", (inner.x, y, min(900, inner.w - rw - 20), bh), t("guess.label"), tonnes(app, kg),
               lambda: app.view.set("guess-kg", max(0.0, kg - 100)), lambda: app.view.set("guess-kg", kg + 100),
               typed=lambda text: app.view.set("guess-kg", typed_amount(text, 1000.0) * 1000),
               enter=lambda: _record_guess(app, action))
    ui.button("guess-record", (inner.x + min(900, inner.w - rw - 20) + 20, y, rw, bh), t("guess.record"),
              lambda: _record_guess(app, action), style="primary")
    y += bh + 30
    if saved is not None:
        ui.text(t("guess.recorded", value=tonnes(app, saved)), (inner.x, y, inner.w, line), bold=True)
    back = t("guess.back")
    bw = ui.width(back) + 48
    ui.button("guess-back", (inner.x, inner.bottom - bh, bw, bh), back, lambda: app.view.set("guessing", None))


def _record_guess(app, action) -> None:
    from .common import tonnes

    if app.act(action):
        app.toast(app.t("guess.recorded", value=tonnes(app, action.co2_kg)))
        app.view.set("guessing", None)


def secret(app) -> bool:
    """The safety check: answers stay hidden until every family has answered."""
    return bool(app.view.get("cd-secret"))


def answers_panel(app, ui, rect: pygame.Rect, pid: str) -> None:
    t, state = app.t, app.state
    proposal = state.proposal(pid)
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    families = list(state.present())
    line = ui.line()
    m = ui.mark_px
    missing = [f.spec.name for f in families if f.id not in proposal.answers]
    hidden = secret(app) and bool(missing)
    size = app.painter.px("body") if wide(app) else app.painter.floor
    bw = max(ui.width(t(f"answer.{k}"), bold=True, size=size) for k in ANSWERS) + 40
    # the safety check's switch and the families still to answer, large and in ink, at the foot
    sw_label = t("codecision.secret")
    sw_w = ui.width(sw_label, bold=True) + 56
    foot_w = inner.w - sw_w - 20
    gw = ui.width(t("guess.open"), bold=True) + 56  # the room's guess, before the resolution reveals it
    if foot_w - gw - 20 > inner.w // 3:
        foot_w -= gw + 20
    else:
        gw = 0
    waiting = (names_fitting(app, ui, lambda text: t("codecision.waiting", names=text), missing,
                             (0, 0, foot_w, 2 * line), bold=True) if missing else t("codecision.all_answered"))
    foot_h = max(line + 24, min(ui.height(waiting, foot_w, bold=True), 2 * line) + 8)
    pager_h = max(62, int(line * 1.3))
    room = inner.h - foot_h - 12
    # rows as tall as the room allows up to a large touch target, never below the words' height
    rh = max(m + 8, line + 18, min(int(line * 2.2), room // max(1, len(families))))
    name_w = min(inner.w // 4, max(ui.width(f.spec.name, bold=True) for f in families) + 16)
    word_x = inner.x + name_w + m + 20
    word_w = inner.right - 3 * (bw + 10) - word_x
    # never shorter than a row's word needs at the floor size (a longer language takes two lines)
    words = (t("answer.none"), t("codecision.answered"), t("answer.consent"), t("answer.concern"))
    rh = max(rh, max(app.painter.fit(w, word_w, 10**5, app.painter.floor).height for w in words) + 6)
    per = max(1, room // rh)
    if per < len(families):
        per = max(1, (room - pager_h - 8) // rh)
    rows, page, pages = paged(app, "cd-page", families, per)
    open_ = proposal.status == "open"
    can_answer = open_ and app.legal(A.Answer(project=pid, family=families[0].id, answer="consent")) if families else False
    for k, f in enumerate(rows):
        y = inner.y + k * rh
        a = proposal.answers.get(f.id)
        # a row is kept by what it shows: after one family's answer, the others are blitted
        shown = None if a is None else (a.answer, a.criterion, a.reason)
        key = ("answer-row", pid, f.id, f.spec.name, shown, hidden, can_answer, name_w, word_x, word_w, bw, m,
               tuple(f.spec.criteria[a.criterion].text for _ in (0,) if a and a.criterion is not None))
        ui.region(key, (inner.x, y, inner.w, rh), lambda f=f, y=y, a=a: _answer_row(
            app, ui, pid, f, a, hidden, can_answer, inner, y, rh, name_w, word_x, word_w, bw, m),
            anchors=(app.t,))
    foot_y = inner.bottom - foot_h
    if pages > 1:
        pw = min(inner.w // 2, 2 * pager_h + ui.width(page_label(app, 9, 9)) + 48)
        ui.page_buttons("cd-page", (inner.x, foot_y - pager_h - 8, pw, pager_h), page, pages,
                        lambda p: app.view.set("cd-page", p), page_label(app, page, pages))
    ui.text(waiting, (inner.x, foot_y, foot_w, foot_h), bold=True, valign="middle")
    if gw:
        ui.button("cd-guess", (inner.right - sw_w - 20 - gw, foot_y + (foot_h - min(foot_h, 76)) // 2, gw,
                               min(foot_h, 76)), t("guess.open"), lambda: app.view.set("guessing", state.round))
    ui.button("cd-secret", (inner.right - sw_w, foot_y + (foot_h - min(foot_h, 76)) // 2, sw_w, min(foot_h, 76)),
              sw_label, lambda: app.view.set("cd-secret", not secret(app)), selected=secret(app),
              enabled=not proposal.answers or secret(app))


def _answer_row(app, ui, pid, f, a, hidden, can_answer, inner, y, rh, name_w, word_x, word_w, bw, m) -> None:
    t = app.t
    if hidden:
        word = t("codecision.answered") if a else t("answer.none")
    else:
        word = t(f"answer.{a.answer}") if a else t("answer.none")
        if a and a.answer == "objection":
            word += " : " + (f.spec.criteria[a.criterion].text if a.criterion is not None else (a.reason or ""))
    ui.text(f.spec.name, (inner.x, y, name_w, rh - 6), bold=True, valign="middle")
    if a and not hidden:
        ui.mark((inner.x + name_w + 10, y + (rh - 6 - m) // 2, m, m), ANSWER_LETTER[a.answer],
                theme.ANSWER_COLOUR[a.answer], {"consent": "solid", "concern": "dots", "objection": "diagonal"}[a.answer])
    ui.text(word, (word_x, y, word_w, rh - 6), valign="middle")
    x = inner.right - 3 * (bw + 10) + 10
    for kind in ANSWERS:
        if kind == "objection":
            press = (lambda f=f: open_objection(app, f.id))
        else:  # the action is made when pressed, not while drawing
            press = (lambda kind=kind, f=f: app.act(A.Answer(project=pid, family=f.id, answer=kind), actor=f.id))
        ui.button(f"answer-{f.id}-{kind}", (x, y + 2, bw, rh - 8), t(f"answer.{kind}"), press,
                  enabled=can_answer, selected=bool(a and a.answer == kind and not hidden), row=f"answers-{f.id}")
        x += bw + 10


def open_objection(app, fid: str) -> None:
    """The objection's reasons; the focus comes back to where it was when they close."""
    app.view.set("objecting", fid)
    app.view.set("objecting-focus", app.focus)


_ASKS: dict = {}  # (language, project, words) -> (the objects named, what each size asks)


def _asks(app, project, words: str) -> list[tuple[float, str]]:
    """Every size an amendment may choose (the catalogue's and the smaller ones), each with what it
    asks in `words`: upfront, per month and per week in its first year, as the engine counts them."""
    key = (id(app.t), id(project), words, currency(app))
    found = _ASKS.get(key)
    if found is not None and found[0][0] is app.t and found[0][1] is project:
        return found[1]
    from engine.resources import monthly_need, upfront_need, weekly_need
    from engine.rules import amend_sizes

    t = app.t
    asks = [(v, t(words, scale=t.num(v, 2), upfront=euros(app, upfront_need(project, v) / 100),
                  monthly=euros(app, monthly_need(project, v) / 100),
                  hours=t.num(weekly_need(project, v, first=True) / 60, 1)))
            for v in amend_sizes(project)]
    if len(_ASKS) > 200:
        _ASKS.clear()
    _ASKS[key] = ((app.t, project), asks)
    return asks


def _sizes(app, project) -> list[tuple[float, str]]:
    return _asks(app, project, "codecision.size_short")


def _size_h(app, ui, sizes, width: int) -> int:
    """The height of one size's button: its words on one line, or more."""
    least = max(64, ui.line() + 24)
    return max(least, max(ui.height(label, width - 2 * max(8, least // 8)) for _, label in sizes) + 16)


def _verdict_words(app, pid: str) -> tuple[str, str, bool]:
    """The tally, the verdict's line, and whether answers are hidden until the last one."""
    t, state = app.t, app.state
    proposal = state.proposal(pid)
    rule = RULES[state.scenario.rules.decision]
    tally = rule.tally(proposal.answers.values())
    missing = [f for f in state.present() if f.id not in proposal.answers]
    hidden = secret(app) and bool(missing)
    if proposal.status != "open":
        line = t(f"status.{proposal.status}")
    elif not proposal.answers:
        line = t("codecision.no_answer")  # no verdict before the first answer
    elif hidden:
        line = t("codecision.hidden_verdict")
    else:
        line = t("codecision.verdict_adopt" if rule.verdict(tally) else "codecision.verdict_reject")
    if hidden:
        tally_text = t("codecision.hidden_verdict")
    else:
        tally_text = t("codecision.tally", rule=t(f"rule.{rule.name}"), consent=tally.consent, concern=tally.concern,
                       objection=tally.objection)
    return tally_text, line, hidden


def _size_layout(app, ui, width: int, pid: str, room: int) -> tuple[str, int]:
    """How the sizes show in a verdict panel of `width` with `room` for them: "list", a button per
    size with what it asks; or, when that is too tall, "row", the sizes side by side and what the
    chosen one asks under them. With the height they take."""
    sizes = _sizes(app, app.state.scenario.project(pid))
    if len(sizes) <= 1:
        return "none", 0
    inner_w = width - 32
    listed = len(sizes) * (_size_h(app, ui, sizes, inner_w) + 8) + 4
    if listed <= room:
        return "list", listed
    bh = max(76, int(ui.line() * 1.3))
    cost = max(ui.height(t, inner_w) for t in _costs(app, pid))
    return "row", bh + 12 + cost + 10


def _costs(app, pid: str) -> list[str]:
    return [words for _, words in _asks(app, app.state.scenario.project(pid), "codecision.size_cost")]


def _verdict_base(app, ui, width: int, pid: str) -> int:
    line = ui.line()
    bh = max(76, int(line * 1.3))
    inner_w = width - 32
    tally_text, verdict, _ = _verdict_words(app, pid)
    return (24 + min(ui.height(tally_text, inner_w), 3 * line) + 10  # a longer language may take a third line
            + min(ui.height(verdict, inner_w, "h2", True), 2 * ui.line("h2")) + 14 + 2 * (bh + 12))


def verdict_height(app, ui, width: int, pid: str) -> int:
    """The verdict panel's height under the project list: the sizes listed when the list keeps half
    the height, else side by side."""
    base = _verdict_base(app, ui, width, pid)
    _, sizes_h = _size_layout(app, ui, width, pid, MAIN.h // 2 - base)
    return min(base + sizes_h, MAIN.h - 150)


def verdict_panel(app, ui, rect: pygame.Rect, pid: str) -> None:
    t, state = app.t, app.state
    proposal = state.proposal(pid)
    ui.panel(rect, theme.PANEL_ALT)
    inner = rect.inflate(-32, -24)
    tally_text, line, hidden = _verdict_words(app, pid)
    project = state.scenario.project(pid)
    sizes = _sizes(app, project)
    variants = [v for v, _ in sizes]
    current = min(range(len(variants)), key=lambda i: abs(variants[i] - proposal.scale))
    vi = app.view.get(f"amend-{pid}", current) % len(variants)
    amend = A.Amend(project=pid, scale=variants[vi])
    decide = A.Decide(project=pid)
    override = A.Decide(project=pid, override="adopt")
    bh = max(76, int(ui.line() * 1.3))
    y = inner.y
    th = min(ui.height(tally_text, inner.w), 3 * ui.line())
    ui.text(tally_text, (inner.x, y, inner.w, th))
    y += th + 10
    lh = min(ui.height(line, inner.w, "h2", True), 2 * ui.line("h2"))
    ui.text(line, (inner.x, y, inner.w, lh), role="h2", bold=True)
    y += lh + 14
    layout, _ = _size_layout(app, ui, rect.w, pid, inner.bottom - 2 * (bh + 12) - y)
    if layout == "list":
        # every size an amendment may choose, smaller ones too, each with what it asks
        sh = _size_h(app, ui, sizes, inner.w)
        for i, (v, label) in enumerate(sizes):
            ui.button(f"amend-size-{i}", (inner.x, y, inner.w, sh), label,
                      lambda i=i: app.view.set(f"amend-{pid}", i), selected=i == vi, align="left", bold=False)
            y += sh + 8
    elif layout == "row":
        # side by side when the list would not fit; what the chosen size asks under them
        w = (inner.w - 10 * (len(variants) - 1)) // len(variants)
        for i, v in enumerate(variants):
            ui.button(f"amend-size-{i}", (inner.x + i * (w + 10), y, w, bh), "×" + t.num(v, 2),
                      lambda i=i: app.view.set(f"amend-{pid}", i), selected=i == vi, row="amend-sizes")
        y += bh + 12
        cost = _costs(app, pid)[vi]
        ch = min(ui.height(cost, inner.w), inner.bottom - 2 * (bh + 12) - y)
        ui.text(cost, (inner.x, y, inner.w, ch))
        y += ch + 10
    half = (inner.w - 12) // 2
    by = inner.bottom - 2 * bh - 12
    ui.button("amend", (inner.x, by, half, bh), t("codecision.amend"), lambda: app.act(amend),
              enabled=app.legal(amend) and (vi != current or proposal.status == "objected"))
    ui.button("decide", (inner.x + half + 12, by, inner.w - half - 12, bh), t("codecision.decide"),
              lambda: app.act(decide), enabled=app.legal(decide), style="primary")
    ui.button("decide-override", (inner.x, by + bh + 12, inner.w, bh), t("codecision.override"),
              lambda: app.act(override),
              enabled=bool(proposal.answers) and not hidden and app.legal(override) and not app.legal(decide))


def objection_panel(app, ui, rect: pygame.Rect, pid: str, fid: str) -> None:
    t, state = app.t, app.state
    family = state.family(fid)
    ui.panel(rect)
    inner = rect.inflate(-40, -30)
    close = lambda: close_objection(app)  # noqa: E731
    app.view.set("escape", close)
    line = ui.line()
    bh = max(70, int(line * 1.3))
    title = t("codecision.objection_title", name=family.spec.name, project=project_name(app, pid))
    th = min(ui.height(title, inner.w, "h2", True), 2 * ui.line("h2"))
    ui.text(title, (inner.x, inner.y, inner.w, th), role="h2", bold=True)
    entry_h = int(app.painter.px("body") * 2)
    foot = line + 6 + entry_h + 20 + bh
    top = inner.y + th + 16
    per = max(1, (inner.bottom - foot - top - 10) // (bh + 12))
    criteria = list(enumerate(family.spec.criteria))
    shown, page, pages = paged(app, "obj-page", criteria, per)
    y = top
    for i, c in shown:
        action = A.Answer(project=pid, family=fid, answer="objection", criterion=i)
        ui.button(f"objection-criterion-{i}", (inner.x, y, inner.w, bh), f"{dimension_words(app, c.code)} · {c.text}",
                  lambda a=action: _object(app, a, fid), align="left")
        y += bh + 12
    y = inner.bottom - foot
    ui.text(t("codecision.other_reason"), (inner.x, y, inner.w, line))
    ok_w = max(200, ui.width(t("misc.ok")) + 48)
    typed = lambda: _object(app, A.Answer(project=pid, family=fid, answer="objection",  # noqa: E731
                                          reason=app.entries.value("objection-reason").strip() or None), fid)
    ui.entry("objection-reason", (inner.x, y + line + 6, inner.w - ok_w - 20, entry_h), submit=typed)
    ui.button("objection-typed", (inner.right - ok_w, y + line + 6, ok_w, entry_h), t("misc.ok"), typed)
    cw = max(300, ui.width(t("misc.cancel")) + 48)
    ui.button("objection-cancel", (inner.x, inner.bottom - bh, cw, bh), t("misc.cancel"), close)
    ui.page_buttons("obj-page", (inner.x + cw + 20, inner.bottom - bh, min(600, inner.w - cw - 20), bh), page, pages,
                    lambda p: app.view.set("obj-page", p), page_label(app, page, pages))


def close_objection(app) -> None:
    """Close the reasons; the focus goes back to the button that opened them."""
    app.view.set("objecting", None)
    app.view.set("escape", None)
    app.entries.focus(None)
    app.focus = app.view.get("objecting-focus")


def _object(app, action, fid) -> None:
    if app.act(action, actor=fid):
        close_objection(app)
        app.entries.set("objection-reason", "")
