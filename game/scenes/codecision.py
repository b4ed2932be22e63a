"""Co-decision: each family answers; the rule's verdict shows; decide, or amend and decide again."""

from __future__ import annotations

import pygame

from engine import actions as A
from engine.decision import RULES
from engine.resources import proposal_coverage

from .. import theme
from .common import MAIN, header, page_label, paged, project_name, rows_per_page
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
    project_list(app, ui, pygame.Rect(MAIN.x, MAIN.y, 500, MAIN.h), items, chosen, "cd-project",
                 lambda pid, _: _status(app, pid))
    if chosen is None:
        return
    area = pygame.Rect(MAIN.x + 520, MAIN.y, MAIN.w - 520, MAIN.h)
    objecting = app.view.get("objecting")
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
    per = rows_per_page(app, inner.h - 80, 78)
    rows, page, pages = paged(app, "cd-page", families, per)
    rh = (inner.h - 80) // per
    open_ = proposal.status == "open"
    for k, f in enumerate(rows):
        y = inner.y + k * rh
        a = proposal.answers.get(f.id)
        word = t(f"answer.{a.answer}") if a else t("answer.none")
        if a and a.answer == "objection":
            word += " : " + (f.spec.criteria[a.criterion].text if a.criterion is not None else (a.reason or ""))
        ui.text(f.spec.name, (inner.x, y, 260, rh - 8), bold=True, valign="middle")
        if a:
            ui.mark((inner.x + 270, y + (rh - 48) // 2, 48, 48), ANSWER_LETTER[a.answer], theme.ANSWER_COLOUR[a.answer],
                    {"consent": "solid", "concern": "dots", "objection": "diagonal"}[a.answer])
        ui.text(word, (inner.x + 330, y, inner.w - 330 - 3 * 230, rh - 8), valign="middle")
        x = inner.right - 3 * 230 + 10
        for kind in ANSWERS:
            if kind == "objection":
                press = (lambda f=f: app.view.set("objecting", f.id))
            else:
                action = A.Answer(project=pid, family=f.id, answer=kind)
                press = (lambda a=action, f=f: app.act(a, actor=f.id))
            ui.button(f"answer-{f.id}-{kind}", (x, y + 4, 220, rh - 16), t(f"answer.{kind}"), press,
                      enabled=open_ and app.legal(A.Answer(project=pid, family=f.id, answer="consent")),
                      selected=bool(a and a.answer == kind))
            x += 230
    ui.page_buttons("cd-page", (inner.x, inner.bottom - 70, 520, 66), page, pages,
                    lambda p: app.view.set("cd-page", p), page_label(app, page, pages))
    missing = [f.spec.name for f in families if f.id not in proposal.answers]
    ui.text(t("codecision.waiting", names=", ".join(missing) or "—"),
            (inner.x + 540, inner.bottom - 70, inner.w - 540, 66), colour=theme.MUTED, valign="middle")


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
    ui.text(t("codecision.tally", rule=t(f"rule.{rule.name}"), consent=tally.consent, concern=tally.concern,
              objection=tally.objection), (inner.x, inner.y, inner.w - 760, 80))
    ui.text(line, (inner.x, inner.y + 86, inner.w - 760, inner.h - 86), role="h2", bold=True)
    project = state.scenario.project(pid)
    variants = [v for v in project.variants]
    vi = app.view.get(f"amend-{pid}", variants.index(proposal.scale) if proposal.scale in variants else 0) % len(variants)
    amend = A.Amend(project=pid, scale=variants[vi])
    ui.button("amend-size", (inner.right - 740, inner.y, 220, 76), t("card.size", scale=t.num(variants[vi], 2)),
              (lambda: app.view.set(f"amend-{pid}", vi + 1)) if len(variants) > 1 else None)
    ui.button("amend", (inner.right - 740, inner.y + 90, 220, 76), t("codecision.amend"), lambda: app.act(amend),
              enabled=app.legal(amend))
    decide = A.Decide(project=pid)
    ui.button("decide", (inner.right - 500, inner.y, 500, 76), t("codecision.decide"), lambda: app.act(decide),
              enabled=app.legal(decide), style="primary")
    override = A.Decide(project=pid, override="adopt")
    ui.button("decide-override", (inner.right - 500, inner.y + 90, 500, 76), t("codecision.override"),
              lambda: app.act(override), enabled=app.legal(override) and not app.legal(decide))


def objection_panel(app, ui, rect: pygame.Rect, pid: str, fid: str) -> None:
    t, state = app.t, app.state
    family = state.family(fid)
    ui.panel(rect)
    inner = rect.inflate(-40, -30)
    app.view.set("escape", lambda: (app.view.set("objecting", None), app.view.set("escape", None)))
    ui.text(t("codecision.objection_title", name=family.spec.name, project=project_name(app, pid)),
            (inner.x, inner.y, inner.w, 90), role="h2", bold=True)
    y = inner.y + 110
    for i, c in enumerate(family.spec.criteria[:6]):
        action = A.Answer(project=pid, family=fid, answer="objection", criterion=i)
        ui.button(f"objection-criterion-{i}", (inner.x, y, inner.w, 70), f"{c.code} · {c.text}",
                  lambda a=action: _object(app, a, fid))
        y += 82
    ui.text(t("codecision.other_reason"), (inner.x, y, inner.w, 50))
    ui.entry("objection-reason", (inner.x, y + 56, inner.w - 320, int(app.painter.px("body") * 2)))
    ui.button("objection-typed", (inner.right - 300, y + 56, 300, int(app.painter.px("body") * 2)), t("misc.ok"),
              lambda: _object(app, A.Answer(project=pid, family=fid, answer="objection",
                                            reason=app.entries.value("objection-reason").strip() or None), fid))
    ui.button("objection-cancel", (inner.x, inner.bottom - 84, 300, 84), t("misc.cancel"),
              lambda: (app.view.set("objecting", None), app.view.set("escape", None)))


def _object(app, action, fid) -> None:
    if app.act(action, actor=fid):
        app.view.set("objecting", None)
        app.view.set("escape", None)
        app.entries.set("objection-reason", "")
