"""Coverage of a project: money, upfront and time against the needs, skills, co-funding, who waits.

In a wide panel (large text, one panel at a time) the figures take two columns, so each keeps
its full size.
"""

from __future__ import annotations

import pygame

from engine import actions as A
from engine.quick import coverage_with, share_rest
from engine.resources import platform_left, proposal_coverage, running_coverage
from engine.state import PledgeT
from engine.units import cents, minutes

from .. import theme
from .common import euros, local, names_fitting, project_name, steps


def coverage_of(state, pid: str, running: bool):
    if running:
        return running_coverage(state, state.running_project(pid))
    return proposal_coverage(state, state.proposal(pid))


def pledges_of(state, pid: str) -> dict:
    holder = state.proposal(pid) or state.running_project(pid)
    if holder is None:
        return {}
    return holder.pledges if hasattr(holder, "pledges") else holder.commitments


def preview(app, pid: str):
    """The coverage with the chosen family's draft in place of its saved pledge, and whose draft it
    is when it differs (None: nothing unsaved)."""
    state = app.state
    pledges = pledges_of(state, pid)
    fid = app.view.get("pl-family")
    draft = app.view.get(f"draft-{pid}-{fid}") if fid else None
    if draft is None:
        return None, None
    new = PledgeT(cents(draft["monthly_eur"]), cents(draft["oneoff_eur"]), minutes(draft["weekly_hours"]),
                  draft["participates"], draft.get("generation"))
    if pledges.get(fid) == new or (fid not in pledges and not any((new.monthly_eur, new.oneoff_eur, new.weekly_hours))):
        return None, None
    return coverage_with(state, pid, {**pledges, fid: new}), fid


def coverage_panel(app, ui, rect: pygame.Rect, pid: str, running: bool, share: bool = True) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    cov, drafting = preview(app, pid) if state.phase == "pledges" else (None, None)
    cov = cov or coverage_of(state, pid, running)
    line = ui.line()
    title = t("coverage.title", name=project_name(app, pid))
    th = min(ui.height(title, inner.w, "h2", True), 2 * ui.line("h2"))
    ui.text(title, (inner.x, inner.y, inner.w, th), role="h2", bold=True)
    top = inner.y + th + 14
    if drafting:
        text = t("pledges.preview", name=state.family(drafting).spec.name)
        h = min(ui.height(text, inner.w, bold=True), 2 * line)
        ui.text(text, (inner.x, top - 6, inner.w, h), bold=True, colour=theme.INK)
        top += h + 4
    two = inner.w > 1200
    col_w = (inner.w - 40) // 2 if two else inner.w
    y = top
    word_w = max(ui.width(t("coverage.ok"), bold=True), ui.width(t("coverage.missing"), bold=True)) + 12
    # the engine counts whole cents and minutes: a row is met exactly when the rules say so
    rows = [("money", cov.money, cov.money_cents, euros), ("upfront", cov.upfront, cov.upfront_cents, euros),
            ("hours", cov.hours, cov.minutes, lambda a, v: t("unit.h", value=t.num(v, 1)))]
    for name, (have, need), (have_units, need_units), fmt in rows:
        if name == "upfront" and need_units <= 0:
            continue
        ok = have_units >= need_units
        # a figure's line takes two when a longer language needs them; its bar and word go under it
        text = t(f"coverage.{name}", have=fmt(app, have), need=fmt(app, need))
        h = min(ui.height(text, col_w), 2 * line)
        ui.text(text, (inner.x, y, col_w, h))
        word = t("coverage.ok") if ok else t("coverage.missing")
        wh = max(line, ui.height(word, word_w, bold=True))
        ui.bar((inner.x, y + h + 6, col_w - word_w - 12, 26), have, max(need, have, 1e-9), theme.BLUE, "solid", need)
        ui.text(word, (inner.x + col_w - word_w, y + h + 19 - wh // 2, word_w, wh),  # beside the bar, under the words
                colour=theme.OK_INK if ok else theme.DANGER_INK, bold=True, align="right", wrap=False)
        y += h + 50
    n, lo, hi = cov.participants
    text = t("coverage.participants", n=n, lo=lo, hi=hi)
    h = min(ui.height(text, col_w), 2 * line)
    ui.text(text, (inner.x, y, col_w, h))
    y += h + 12
    x = inner.x
    if two:
        x, y = inner.x + col_w + 40, top
    for skill, ok in cov.skills:
        name = next((local(app, a.name) for a in state.scenario.activities if a.id == skill), skill)
        text = t("coverage.skill_ok" if ok else "coverage.skill_missing", skill=name)
        h = min(3 * line, ui.height(text, col_w))
        ui.text(text, (x, y, col_w, h), colour=theme.OK_INK if ok else theme.DANGER_INK)
        y += h + 6
    if state.scenario.platform is not None and not running:
        text = t("pledges.cofund", left=euros(app, platform_left(state) / 100))
        h = min(2 * line, ui.height(text, col_w))
        ui.text(text, (x, y + 6, col_w, h))
        row_h = max(76, int(line * 1.3))
        cofund_row(app, ui, pygame.Rect(x, y + h + 12, col_w, row_h), pid)
        y += h + row_h + 24
    pledges = pledges_of(state, pid)
    waiting = [f.spec.name for f in state.present() if f.id not in pledges]
    share = share and bool(waiting)
    share_h = share_height(app, ui, col_w) if share else 0
    box = pygame.Rect(x, y, col_w, inner.bottom - y - (share_h + 12 if share else 0))
    if box.h >= ui.line():  # a full column leaves the waiting families to the families' buttons
        ui.text(names_fitting(app, ui, lambda text: t("pledges.waiting", names=text), waiting, box), box)
    if share:
        share_button(app, ui, pygame.Rect(x, inner.bottom - share_h, col_w, share_h), pid, running)


def share_height(app, ui, width: int) -> int:
    row_h = max(76, int(ui.line() * 1.3))
    label = app.t("pledges.share_rest")
    return row_h if ui.fits(label, width - 40, row_h - 12) else 2 * ui.line(size=app.painter.floor) + 24


def share_button(app, ui, rect: pygame.Rect, pid: str, running: bool) -> None:
    """"Share the rest among the families that have not pledged", enabled while something is short."""
    state = app.state
    saved = coverage_of(state, pid, running)
    short = any(have + 1e-9 < need for have, need in (saved.money, saved.upfront, saved.hours))
    waiting = any(f.id not in pledges_of(state, pid) for f in state.present())
    ui.button("pl-share", rect, app.t("pledges.share_rest"), lambda: share_the_rest(app, pid),
              enabled=short and waiting and state.phase == "pledges")


def share_the_rest(app, pid: str) -> None:
    """One pledge per family, each logged as that family's own."""
    actions = share_rest(app.state, pid)
    done = sum(1 for a in actions if app.act(a, actor=a.family))
    for a in actions:
        app.view.set(f"draft-{pid}-{a.family}", None)
    app.typing = None
    if done:
        app.toast(app.t("pledges.shared", n=done))


def typed_amount(text: str, most: float) -> float:
    from .pledges import typed_amount as amount

    return amount(text, most)


def cofund_row(app, ui, rect: pygame.Rect, pid: str) -> None:
    t, state = app.t, app.state
    proposal = state.proposal(pid)
    key = f"cofund-{pid}"
    amount = app.view.get(key, proposal.cofund)
    step = steps(state.scenario)["oneoff_eur"]
    ask_w = max(188, ui.width(t("pledges.ask")) + 48)
    action = A.Cofund(project=pid, amount=amount)
    ask = lambda: app.act(action)  # noqa: E731
    ui.stepper("cofund", (rect.x, rect.y, rect.w - ask_w - 12, rect.h), "", euros(app, amount),
               lambda: app.view.set(key, max(0.0, amount - step)), lambda: app.view.set(key, amount + step),
               typed=lambda text: app.view.set(key, typed_amount(text, 1e8)), enter=ask)
    ui.button("cofund-ask", (rect.right - ask_w, rect.y, ask_w, rect.h), t("pledges.ask"), ask,
              enabled=app.legal(action) and abs(amount - proposal.cofund) > 1e-9)
