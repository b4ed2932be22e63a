"""What each generation brings: the hours the children, the parents and the grandparents give and
which of their own wishes are served, for the association and family by family (review, debrief)."""

from __future__ import annotations

import pygame

from engine.generations import association_generations, generation_shares
from engine.scenario import GENERATIONS

from .common import dimension_words, page_label, pages_by_height, project_name


def has_generations(state) -> bool:
    """Whether the session has anything to show by generation."""
    if state.class_mode:
        return True
    return any(f.spec.generation_hours is not None or any(c.generation for c in f.spec.criteria)
               for f in state.present())


def summary_lines(app) -> list[str]:
    t = app.t
    lines = []
    for g, (hours, served, voiced) in association_generations(app.state).items():
        text = t("generation.line", generation=t(f"generation.{g}"), hours=t.num(hours, 1))
        if voiced:
            text += " · " + t("generation.wishes", served=served, wishes=voiced)
        lines.append(text)
    return lines


def family_lines(app, family_id: str) -> list[str]:
    """One line per generation of a family: its hours and projects, then its wishes, served or not."""
    t, state = app.t, app.state
    out = []
    for share in generation_shares(state, family_id):
        who = t(f"generation.{share.generation}")
        text = t("generation.line", generation=who, hours=t.num(share.hours_given, 1))
        if share.projects:
            text += " (" + ", ".join(project_name(app, p) for p in share.projects) + ")"
        out.append(text)
        for w in share.wishes:
            mark = t("generation.served") if w.served_by else t("generation.not_served")
            out.append(t("generation.wish", text=w.text, dimension=dimension_words(app, w.code), mark=mark))
    return out


def generations_panel(app, ui, rect: pygame.Rect, key: str = "gen-page") -> None:
    """The association's lines, then each family's, paged by height."""
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-32, -24)
    th = ui.line("h2") + 8
    ui.text(t("generation.title"), (inner.x, inner.y, inner.w, th), role="h2", bold=True)
    texts: list[tuple[str, bool]] = [(line, False) for line in summary_lines(app)]
    for f in state.present():
        texts.append((f.spec.name, True))
        texts.extend((line, False) for line in family_lines(app, f.id))
    pager_h = max(60, int(ui.line() * 1.2))
    room = inner.h - th - 8 - pager_h - 10
    heights = [ui.height(text, inner.w, bold=bold) for text, bold in texts]
    pages = pages_by_height([text for text, _ in texts], heights, room, 6)
    page = max(0, min(app.view.get(key, 0), len(pages) - 1))
    bold_of = dict(texts)
    top = inner.y + th + 8
    for text, y, h in pages[page]:
        ui.text(text, (inner.x, top + y, inner.w, h), bold=bold_of.get(text, False))
    if len(pages) > 1:
        ui.page_buttons(key, (inner.x, inner.bottom - pager_h, inner.w, pager_h), page, len(pages),
                        lambda p: app.view.set(key, p), page_label(app, page, len(pages)))


__all__ = ["GENERATIONS", "generations_panel", "has_generations", "family_lines", "summary_lines"]
