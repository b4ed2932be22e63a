"""The room view: one footprint at a time across the whole width, read from the back of a hall.

Up to twelve families on one screen at 100 % and 150 % text, names and figures at 40 px or
more, the 2050 target and the association's average as labelled lines, the public-services
floor as a large labelled block (what the families cannot change alone), and each family's
change since the last round. Situation, resolution and review open it with their "Room view"
button or F9.
"""

from __future__ import annotations

import pygame

from engine.state import derived

from . import theme
from .analysis import association_totals, per_family_totals, round_start_state
from .charts import floor_totals, targets
from .scenes.common import FORMAT, footprint_letter, page_label, paged

ROOM_PX = 40  # the least size of a name or a figure in the room view
SCENES = ("situation", "resolution", "review")
FLOOR_FILL = (215, 215, 215)


def is_open(app) -> bool:
    return bool(app.view.get("room")) and app.state is not None and app.state.phase in SCENES


def toggle(app) -> None:
    if app.state is not None and app.state.phase in SCENES:
        app.view.set("room", not app.view.get("room"))


def reference(state):
    """What the change is counted from: this round's start once it resolved, else the last round's."""
    if state.phase in ("resolution", "review"):
        start = round_start_state(state)
        return start if start is not state else None
    s = state.prev
    while s is not None and s.round >= state.round:
        s = s.prev
    return round_start_state(s) if s is not None and s.round >= 1 else None


def _figures(state):
    """Per family now and at the reference, memoised per state: the room view redraws every frame."""
    return derived(state, "room-figures", _compute_figures)


def _compute_figures(state):
    ref = reference(state)
    before = {}
    if ref is not None:
        ids = [f.id for f in ref.families if f.present]
        before = dict(zip(ids, per_family_totals(ref)))
    return per_family_totals(state), association_totals(state), before


def room_view(app, ui, rect: pygame.Rect) -> None:
    t, state = app.t, app.state
    ui.panel(rect)
    inner = rect.inflate(-40, -24)
    index = app.view.get("fp-index", 0)
    values, average, before = _figures(state)
    families = list(state.present())
    line = ui.line()
    bh = max(70, int(line * 1.25))
    # the footprint buttons and the way back
    back_w = ui.width(t("room.close"), bold=True) + 56
    w = (inner.w - back_w - 20 - 32) // 3
    for i in range(3):
        label = f"{footprint_letter(t, i)} · " + t(f"room.name.{i}")
        ui.button(f"room-fp-{i}", (inner.x + i * (w + 16), inner.y, w, bh), label,
                  lambda i=i: app.view.set("fp-index", i), selected=i == index, row="room-top")
    ui.button("room-close", (inner.right - back_w, inner.y, back_w, bh), t("room.close"), lambda: toggle(app),
              row="room-top")
    y = inner.y + bh + 12
    fmt = FORMAT[index]
    floor, target = float(floor_totals(state)[index]), targets(state)[index]
    avg = float(average[index])
    most = max([float(v[index]) for v in values] + [target, avg, floor, 1.0]) * 1.04
    big = max(ROOM_PX, app.painter.px("body"))  # the widths are kept for the largest size
    name_w = max([ui.width(f.spec.name, bold=True, size=big) for f in families] + [200]) + 24
    name_w = min(name_w, inner.w // 4)
    delta_w = ui.width("−00,0 t", bold=True, size=big) + 24
    value_w = ui.width("00,0 t", bold=True, size=big) + 24
    bar_x = inner.x + name_w
    bar_w = inner.right - bar_x - value_w - delta_w
    at = lambda v: bar_x + int(bar_w * min(v, most) / most)  # noqa: E731
    # three labelled lines over the rows: the floor, the target, the average; each label on the
    # first line where it sits clear of the others
    labels = [(t("room.floor", value=fmt(app, floor)), at(floor)), (t("room.target", value=fmt(app, target)), at(target)),
              (t("room.average", value=fmt(app, avg)), at(avg))]
    label_h = line + 4
    placed: list[list[tuple[int, int]]] = []
    for text, x in labels:
        tw = min(ui.width(text, bold=True) + 8, inner.w)
        lx = max(inner.x, min(x - tw // 2, inner.right - tw))
        k = next((k for k, spans in enumerate(placed) if all(lx > b + 24 or lx + tw < a - 24 for a, b in spans)),
                 len(placed))
        if k == len(placed):
            placed.append([])
        placed[k].append((lx, lx + tw))
        ui.text(text, (lx, y + k * label_h, tw, label_h), bold=True, wrap=False)
    since = t("room.since") if before else ""
    sw = ui.width(since) + 8
    last = placed[-1] if placed else []
    if since and all(inner.right - sw > b + 24 for _, b in last):
        ui.text(since, (inner.right - sw, y + (len(placed) - 1) * label_h, sw, label_h), wrap=False)
        since = ""
    y += len(placed) * label_h + 8
    pager_h = max(62, int(line * 1.3))
    foot = line + 10 if since else 0
    area = inner.bottom - y - foot
    n = max(1, len(families))
    # the largest size from 40 px up at which every family fits one screen
    size = max(ROOM_PX, app.painter.px("body"))
    while size > ROOM_PX and ui.line(size=size) > area // n:
        size -= 2
    row_h = max(ui.line(size=size), min(size * 2, area // n))
    per = max(1, area // row_h)
    if per < len(families):
        per = max(1, (area - pager_h - 8) // row_h)
    rows, page, pages = paged(app, "room-page", families, per)
    top = y
    # the floor: a large block under every bar, the same for everyone
    block = pygame.Rect(bar_x, top, max(2, at(floor) - bar_x), len(rows) * row_h)
    ui.surf.blit(theme.pattern("cross", FLOOR_FILL, block.size), block)
    pygame.draw.rect(ui.surf, theme.INK, block, 2)
    pos = {f.id: i for i, f in enumerate(families)}
    bar_h = max(24, row_h // 2)
    bottom = top + len(rows) * row_h
    shown = []
    for k, f in enumerate(rows):
        ry = top + k * row_h
        v = float(values[pos[f.id]][index])
        bar = pygame.Rect(bar_x, ry + (row_h - bar_h) // 2, max(2, at(v) - bar_x), bar_h)
        ui.surf.blit(theme.pattern(theme.FOOTPRINT_PATTERN[index], theme.FOOTPRINT_COLOUR[index], bar.size), bar)
        # the floor's share of the bar stays visibly the floor
        fl = pygame.Rect(bar_x, bar.y, min(bar.w, block.w), bar_h)
        ui.surf.blit(theme.pattern("cross", FLOOR_FILL, fl.size), fl)
        pygame.draw.rect(ui.surf, theme.INK, bar, 2)
        shown.append((f, ry, v, bar))
    # the lines go over the bars and under the words
    for k, (_, x) in enumerate(labels):
        width = 6 if k == 1 else 4
        if k == 2:  # the average: dashed
            for yy in range(top - 8, bottom, 24):
                pygame.draw.line(ui.surf, theme.INK, (x, yy), (x, min(yy + 14, bottom)), width)
        else:
            pygame.draw.line(ui.surf, theme.TARGET if k == 1 else theme.INK, (x, top - 8), (x, bottom), width)
    for f, ry, v, bar in shown:
        ui.text(f.spec.name, (inner.x, ry, name_w - 16, row_h), bold=True, valign="middle", size=size, wrap=False)
        figure = fmt(app, v)
        fw = ui.width(figure, bold=True, size=size) + 16
        box = pygame.Rect(bar.right + 10, ry, fw, row_h)
        pygame.draw.rect(ui.surf, theme.PANEL, box)
        ui.text(figure, box, bold=True, valign="middle", size=size, wrap=False)
        was = before.get(f.id)
        if was is not None:
            d = v - float(was[index])
            sign = "−" if d < -1e-9 else ("+" if d > 1e-9 else "±")
            ui.text(sign + fmt(app, abs(d)), (inner.right - delta_w + 8, ry, delta_w - 8, row_h), bold=True,
                    valign="middle", size=size, wrap=False, align="right")
    fy = inner.bottom - foot
    if since:
        ui.text(since, (inner.right - 700, fy, 700, foot), align="right", valign="middle")
    if pages > 1:
        ui.page_buttons("room-page", (inner.x, bottom + 4, min(600, inner.w // 2), pager_h), page, pages,
                        lambda p: app.view.set("room-page", p), page_label(app, page, pages))
