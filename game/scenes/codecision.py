"""Co-decision: each family answers; the rule's verdict shows; decide, or amend and decide again."""

from __future__ import annotations

import pygame

from engine import actions as A
from engine.decision import RULES
from engine.resources import proposal_coverage

from .. import theme
from .common import MAIN, header, names_fitting, page_label, paged, project_name, tabs, wide
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
    project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, 500, MAIN.h), items, chosen, "cd-project",
                 lambda pid, _: _status(app, pid))
    if chosen is None:
        return
    area = pygame.Rect(MAIN.x + 520, MAIN.y, MAIN.w - 520, MAIN.h)
    if objecting:
        objection_panel(app, ui, area, chosen, objecting)
        return
    answers_panel(app, ui, pygame.Rect(area.x, area.y, area.w, area.h - 230), chosen)
    verdict_panel(app, ui, pygame.Rect(area.x, area.bottom - 210, area.w, 210), chosen)


def answers_panel(app, ui, rect: pygame.Rect, pid: str) -> None:
    t, state = app.t, app.state
    proposal = state.proposal(pid)
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    families = list(state.present())
    line = ui.line()
    m = ui.mark_px
    rh = max(m + 16, int(line * 1.5) + 12, 2 * ui.line(size=app.painter.floor) + 20)
    pager_h = max(62, int(line * 1.3))
    per = max(1, (inner.h - pager_h - 12) // rh)
    rows, page, pages = paged(app, "cd-page", families, per)
    size = app.painter.px("body") if wide(app) else app.painter.floor
    bw = max(ui.width(t(f"answer.{k}"), bold=True, size=size) for k in ANSWERS) + 48
    name_w = min(inner.w // 4, max(ui.width(f.spec.name, bold=True) for f in families) + 16)
    word_x = inner.x + name_w + m + 20
    word_w = inner.right - 3 * (bw + 10) - word_x
    open_ = proposal.status == "open"
    for k, f in enumerate(rows):
        y = inner.y + k * rh
        a = proposal.answers.get(f.id)
        word = t(f"answer.{a.answer}") if a else t("answer.none")
        if a and a.answer == "objection":
            word += " : " + (f.spec.criteria[a.criterion].text if a.criterion is not None else (a.reason or ""))
        ui.text(f.spec.name, (inner.x, y, name_w, rh - 8), bold=True, valign="middle")
        if a:
            ui.mark((inner.x + name_w + 10, y + (rh - 8 - m) // 2, m, m), ANSWER_LETTER[a.answer],
                    theme.ANSWER_COLOUR[a.answer], {"consent": "solid", "concern": "dots", "objection": "diagonal"}[a.answer])
        ui.text(word, (word_x, y, word_w, rh - 8), valign="middle")
        x = inner.right - 3 * (bw + 10) + 10
        for kind in ANSWERS:
            if kind == "objection":
                press = (lambda f=f: app.view.set("objecting", f.id))
            else:
                action = A.Answer(project=pid, family=f.id, answer=kind)
                press = (lambda a=action, f=f: app.act(a, actor=f.id))
            ui.button(f"answer-{f.id}-{kind}", (x, y + 2, bw, rh - 12), t(f"answer.{kind}"), press,
                      enabled=open_ and app.legal(A.Answer(project=pid, family=f.id, answer="consent")),
                      selected=bool(a and a.answer == kind))
            x += bw + 10
    pw = min(inner.w // 2, 2 * pager_h + ui.width(page_label(app, 9, 9)) + 48)
    ui.page_buttons("cd-page", (inner.x, inner.bottom - pager_h, pw, pager_h), page, pages,
                    lambda p: app.view.set("cd-page", p), page_label(app, page, pages))
    missing = [f.spec.name for f in families if f.id not in proposal.answers]
    box = pygame.Rect(inner.x + pw + 20, inner.bottom - pager_h, inner.w - pw - 20, pager_h)
    ui.text(names_fitting(app, ui, lambda text: t("codecision.waiting", names=text), missing, box), box,
            colour=theme.MUTED, valign="middle")


def verdict_panel(app, ui, rect: pygame.Rect, pid: str) -> None:
    t, state = app.t, app.state
    proposal = state.proposal(pid)
    ui.panel(rect, theme.PANEL_ALT)
    inner = rect.inflate(-32, -24)
    rule = RULES[state.scenario.rules.decision]
    tally = rule.tally(proposal.answers.values())
    verdict = rule.verdict(tally)
    if proposal.status != "open":
        line = t(f"status.{proposal.status}")
    else:
        line = t("codecision.verdict_adopt" if verdict else "codecision.verdict_reject")
    project = state.scenario.project(pid)
    variants = [v for v in project.variants]
    vi = app.view.get(f"amend-{pid}", variants.index(proposal.scale) if proposal.scale in variants else 0) % len(variants)
    amend = A.Amend(project=pid, scale=variants[vi])
    decide = A.Decide(project=pid)
    override = A.Decide(project=pid, override="adopt")
    labels = [t("card.size", scale=t.num(variants[vi], 2)), t("codecision.amend"), t("codecision.decide"),
              t("codecision.override")]
    bh = max(76, int(ui.line() * 1.3))
    small = max(ui.width(label) for label in labels[:2]) + 48
    big = max(ui.width(label, bold=True) for label in labels[2:]) + 48
    buttons_w = small + big + 20
    text_w = inner.w - buttons_w - 30 if inner.w - buttons_w - 30 > inner.w // 3 else inner.w
    bx = inner.right - buttons_w
    by = inner.y if text_w < inner.w else inner.bottom - 2 * bh - 14
    tally_text = t("codecision.tally", rule=t(f"rule.{rule.name}"), consent=tally.consent, concern=tally.concern,
                   objection=tally.objection)
    th = min(ui.height(tally_text, text_w), (by - inner.y if text_w == inner.w else inner.h) - ui.line("h2") - 10)
    ui.text(tally_text, (inner.x, inner.y, text_w, th))
    ui.text(line, (inner.x, inner.y + th + 10, text_w, ui.line("h2") + 4), role="h2", bold=True)
    ui.button("amend-size", (bx, by, small, bh), labels[0],
              (lambda: app.view.set(f"amend-{pid}", vi + 1)) if len(variants) > 1 else None)
    ui.button("amend", (bx, by + bh + 14, small, bh), labels[1], lambda: app.act(amend), enabled=app.legal(amend))
    ui.button("decide", (bx + small + 20, by, big, bh), labels[2], lambda: app.act(decide),
              enabled=app.legal(decide), style="primary")
    ui.button("decide-override", (bx + small + 20, by + bh + 14, big, bh), labels[3], lambda: app.act(override),
              enabled=app.legal(override) and not app.legal(decide))


def objection_panel(app, ui, rect: pygame.Rect, pid: str, fid: str) -> None:
    t, state = app.t, app.state
    family = state.family(fid)
    ui.panel(rect)
    inner = rect.inflate(-40, -30)
    close = lambda: (app.view.set("objecting", None), app.view.set("escape", None))  # noqa: E731
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
        ui.button(f"objection-criterion-{i}", (inner.x, y, inner.w, bh), f"{c.code} · {c.text}",
                  lambda a=action: _object(app, a, fid), align="left")
        y += bh + 12
    y = inner.bottom - foot
    ui.text(t("codecision.other_reason"), (inner.x, y, inner.w, line))
    ok_w = max(200, ui.width(t("misc.ok")) + 48)
    ui.entry("objection-reason", (inner.x, y + line + 6, inner.w - ok_w - 20, entry_h))
    ui.button("objection-typed", (inner.right - ok_w, y + line + 6, ok_w, entry_h), t("misc.ok"),
              lambda: _object(app, A.Answer(project=pid, family=fid, answer="objection",
                                            reason=app.entries.value("objection-reason").strip() or None), fid))
    cw = max(300, ui.width(t("misc.cancel")) + 48)
    ui.button("objection-cancel", (inner.x, inner.bottom - bh, cw, bh), t("misc.cancel"), close)
    ui.page_buttons("obj-page", (inner.x + cw + 20, inner.bottom - bh, min(600, inner.w - cw - 20), bh), page, pages,
                    lambda p: app.view.set("obj-page", p), page_label(app, page, pages))


def _object(app, action, fid) -> None:
    if app.act(action, actor=fid):
        app.view.set("objecting", None)
        app.view.set("escape", None)
        app.entries.set("objection-reason", "")
