"""The figures of the review and the debrief: well-being lines, equity rows, criteria served.

Every line is measured at the text size it is drawn; lists of names are shortened to what fits
("Martin, Benali and 3 others") and the criteria newly served open as their own paged list.
"""

from __future__ import annotations

import pygame

from .. import theme
from ..overlays import paginate
from .common import names_fitting, page_label, paged


def _pct(v: float) -> str:
    return f"{round(100 * v)}\u00a0%"


def guess_line(app) -> str | None:
    """Predict, then reveal: the room's guess against what the round gave (review only)."""
    from engine.predict import guess, result

    from .common import tonnes

    state = app.state
    if state.phase != "review":
        return None
    g, r = guess(state), result(state)
    if g is None or r is None:
        return None
    d = r - g
    diff = ("+" if d > 0 else "−" if d < 0 else "±") + tonnes(app, abs(d))
    return app.t("guess.reveal", guess=tonnes(app, g), result=tonnes(app, r), diff=diff)


def wellbeing_lines(app, ui, inner: pygame.Rect, y: int, fig, new: list | None) -> int:
    """The inclusion, criteria, meaningful-time and refused-time lines; returns where they end."""
    from .results import new_criteria_line

    t = app.t
    line = ui.line()
    refused = [r.name for r in fig.families if r.refused_hours > 0]
    items = [
        lambda box: names_fitting(app, ui, lambda x: t("review.inclusion", share=_pct(fig.inclusion), left_out=x),
                                  list(fig.left_out), box),
        lambda box: t("review.coverage", share=_pct(fig.coverage)),
        lambda box: t("review.meaningful", share=_pct(fig.meaningful) if fig.meaningful is not None else "—"),
    ]
    if refused:
        items.append(lambda box: names_fitting(app, ui, lambda x: t("review.refused", names=x), refused, box))
    reveal = guess_line(app)
    if reveal:
        items.insert(0, lambda box: reveal)
    for make in items:
        box = pygame.Rect(inner.x, y, inner.w, 2 * line)
        text = make(box)
        box.h = min(box.h, ui.height(text, box.w))
        ui.text(text, box)
        y = box.bottom + 10
    if new is not None:
        label = t("review.criteria_detail")
        bw = ui.width(label) + 48
        h = max(2 * line, int(line * 1.4))
        box = pygame.Rect(inner.x, y, inner.w - bw - 16, h)
        ui.text(new_criteria_line(app, ui, new, box), box, valign="middle")
        ui.button("rv-criteria", (inner.right - bw, y + (h - int(line * 1.4)) // 2, bw, int(line * 1.4)), label,
                  (lambda: app.view.set("rv-criteria", (app.state.round, app.state.phase))) if new else None)
        y += h + 10
    return y


def equity_rows(app, ui, rect: pygame.Rect, fig) -> None:
    """What each family gives against its means, one line each, paged."""
    t = app.t
    line = ui.line()
    title = t("review.equity")
    th = min(ui.height(title, rect.w, bold=True), 2 * line)
    ui.text(title, (rect.x, rect.y, rect.w, th), bold=True)
    y = rect.y + th + 8
    pager_h = max(62, int(line * 1.3))
    rows = list(fig.families)
    per = max(1, (rect.bottom - y) // line)
    if per < len(rows):
        per = max(1, (rect.bottom - y - pager_h - 8) // line)
    shown, page, pages = paged(app, "eq-page", rows, per)
    for r in shown:
        mr = "—" if r.money_ratio is None else t.num(r.money_ratio, 2)
        hr = "—" if r.hours_ratio is None else t.num(r.hours_ratio, 2)
        ui.text(t("review.equity_row", name=r.name, money=mr, hours=hr), (rect.x, y, rect.w, line), valign="middle")
        y += line
    ui.page_buttons("eq-page", (rect.x, rect.bottom - pager_h, min(rect.w, 600), pager_h), page, pages,
                    lambda p: app.view.set("eq-page", p), page_label(app, page, pages))


def criteria_list(app, ui, inner: pygame.Rect, new: list[tuple[str, str]]) -> None:
    """Each criterion newly served, by family, paged; back to the figures with a button or Escape."""
    t = app.t
    line = ui.line()
    close = lambda: (app.view.set("rv-criteria", False), app.view.set("escape", None))  # noqa: E731
    app.view.set("escape", close)
    bh = max(62, int(line * 1.4))
    back = "‹ " + t("review.title")
    bw = min(inner.w, ui.width(back) + 48)
    ui.button("rv-criteria-back", (inner.x, inner.y, bw, bh), back, close)
    y = inner.y + bh + 12
    title = t("review.criteria_title", n=len(new))
    th = min(ui.height(title, inner.w, "h2", True), 2 * ui.line("h2"))
    ui.text(title, (inner.x, y, inner.w, th), role="h2", bold=True)
    y += th + 8
    area = pygame.Rect(inner.x, y, inner.w, inner.bottom - y - bh - 12)
    pages = paginate(app.painter, new, area.w, area.h)
    page = max(0, min(app.view.get("crit-page", 0), len(pages) - 1))
    gap = line // 2
    for name, text, nh, bh_ in pages[page]:
        ui.text(name, (area.x, y, area.w, nh), bold=True)
        y += nh + 6
        ui.text(text, (area.x, y, area.w, bh_), colour=theme.INK)
        y += bh_ + gap
    ui.page_buttons("crit-page", (inner.x, inner.bottom - bh, min(inner.w, 600), bh), page, len(pages),
                    lambda p: app.view.set("crit-page", p), page_label(app, page, len(pages)))
