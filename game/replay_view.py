"""`bve replay LOG --ui`: the table opened read-only on a past session.

The same scenes draw the state at a chosen point of the log. The log is replayed once and the
state after every action line kept (`engine.log.steps`); moving through the session only
chooses which of them is shown. There is no session: every press that would act is refused, and
the log is opened for reading only. The bar steps back and forward; the list of actions beside
the scene jumps to a round, a phase or an action.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from engine.log.lines import CHANCE, FACILITATOR
from engine.log.steps import Step, steps
from engine.state import PHASES, State

from . import theme
from .app import App
from .bar import BAR
from .play import Options, View
from .scenes.common import local

GAP = 12
ACTIVE = ("save-report",)  # scene buttons that write a file: not in a replay


def drawer(scale: float) -> pygame.Rect:
    """The list of actions at the right of the screen, wider as the text grows."""
    w = int(640 + 320 * max(0.0, min(1.0, scale - 1.0)))
    return pygame.Rect(1920 - w, 0, w, BAR.y)


class ReplayApp(App):
    def __init__(self, log: Path, options: Options | None = None) -> None:
        self.result, self.steps = steps(log)
        self.at = len(self.steps) - 1
        self.list_open = True
        self.list_page: int | None = None  # None: the page of the action shown
        self.pointer = (0, 0)
        self.log = Path(log)
        super().__init__(options or Options())
        if self.steps:
            self.follow_scenario(self.log, self.steps[0].state.scenario.territory.languages)
        if self.result.error is not None:
            self.toast(self.problem(), bad=True)

    # -- what is shown -----------------------------------------------------------------------------
    @property
    def state(self) -> State | None:
        return self.steps[self.at].state if self.steps else None

    def problem(self) -> str:
        if self.result.error is None:
            return ""
        key = "replay.damaged" if self.steps else "replay.unreadable"
        return self.t(key, problem=self.result.describe_error())

    def act(self, action, actor: str = "facilitator") -> bool:
        self.toast(self.t("replay.readonly"))
        return False

    def legal(self, action) -> bool:
        return False

    def go(self, at: int) -> None:
        if not self.steps:
            return
        at = max(0, min(len(self.steps) - 1, at))
        if at != self.at:
            before = self.state.phase
            self.at = at
            self.focus = None
            if self.state.phase != before:
                self.view = View()
        self.list_page = None

    def first(self, round_: int, phase: str | None = None) -> int | None:
        """The first point of a round (or of one of its phases)."""
        for i, step in enumerate(self.steps):
            if step.state.round == round_ and step.state.phase in PHASES and phase in (None, step.state.phase):
                return i
        return None

    def signature(self) -> tuple:
        return super().signature() + (self.at, self.list_open, self.list_page)

    # -- keys ----------------------------------------------------------------------------------
    def _key(self, event) -> None:
        key = event.key
        if self.overlay is None and key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END,
                                            pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            if key == pygame.K_LEFT:
                self.go(self.at - 1)
            elif key == pygame.K_RIGHT:
                self.go(self.at + 1)
            elif key == pygame.K_HOME:
                self.go(0)
            elif key == pygame.K_END:
                self.go(len(self.steps) - 1)
            else:
                self.turn_list(1 if key == pygame.K_PAGEDOWN else -1)
            return
        super()._key(event)

    def handle(self, event) -> None:
        if event.type == pygame.MOUSEMOTION and not getattr(event, "touch", False):
            self.pointer = event.pos
        super().handle(event)

    def _wheel(self, dy: int) -> None:
        """The wheel over the list turns its pages; elsewhere it does what the scene asks."""
        if self.overlay is None and self.list_open and drawer(self.scale).collidepoint(self.pointer):
            self.turn_list(-dy)
            return
        super()._wheel(dy)

    def turn_list(self, step: int) -> None:
        pages = self.view.get("rp-pages", 1)
        current = self.list_page if self.list_page is not None else self.view.get("rp-page", 0)
        self.list_page = max(0, min(pages - 1, current + step))

    def find_unfinished(self) -> list:
        return []  # a replay offers no session to resume: the user's logs are not read

    # -- drawing --------------------------------------------------------------------------------
    def draw_body(self, ui) -> None:
        """The scene as the table draws it, less what would write, then the replay's own bar."""
        if self.state is None:
            self.nothing(ui)
            return
        self.draw_scene(ui)
        ui.entries.clear()  # nothing is typed into a replay
        ui.widgets[:] = [w for w in ui.widgets if w.kind != "entry" and w.id not in ACTIVE]
        replay_bar(self, ui)
        if self.list_open:
            action_list(self, ui)

    def nothing(self, ui) -> None:
        """A log with no valid header: what is wrong, and nothing to show."""
        box = pygame.Rect(160, 200, 1600, 600)
        ui.panel(box)
        ui.text(self.t("replay.title"), box.inflate(-60, -60), role="h1", bold=True)
        ui.text(self.problem(), (box.x + 30, box.y + 160, box.w - 60, box.h - 200), colour=theme.DANGER_INK)


def replay_bar(app: ReplayApp, ui) -> None:
    """The replay's bar: back, forward, start, end, the list, the text size and the language, and
    where in the session the screen is."""
    t = app.t
    pygame.draw.rect(ui.surf, theme.PANEL_ALT, BAR)
    pygame.draw.line(ui.surf, theme.LINE, BAR.topleft, BAR.topright, 2)
    y, h = BAR.y + 8, BAR.h - 16  # tall enough for a word at the floor size at 200 %
    last = len(app.steps) - 1
    items = [
        ("replay-start", t("replay.start"), lambda: app.go(0), app.at > 0),
        ("replay-back", t("replay.back"), lambda: app.go(app.at - 1), app.at > 0),
        ("replay-forward", t("replay.forward"), lambda: app.go(app.at + 1), app.at < last),
        ("replay-end", t("replay.end"), lambda: app.go(last), app.at < last),
        ("replay-list", t("replay.list"), lambda: setattr(app, "list_open", not app.list_open), True),
        ("bar-smaller", "A−", lambda: app.set_scale(round(app.scale - 0.25, 2)), app.scale > 1.0),
        ("bar-larger", "A+", lambda: app.set_scale(round(app.scale + 0.25, 2)), app.scale < 2.0),
        ("bar-lang", t.lang.upper(), lambda: app.set_language(t.next_language()), True),
        ("bar-help", t("bar.help"), lambda: _toggle(app, "help"), True),
    ]
    where = t("replay.position", at=app.steps[app.at].seq, total=app.steps[-1].seq)
    pad = 2 * max(8, h // 8) + 14
    # the words at their size, else at the floor size, then the badge shorter and shorter
    for size, label in ((app.painter.px("body"), f"{t('replay.badge')} · {where}"),
                        (app.painter.floor, f"{t('replay.badge')} · {where}"),
                        (app.painter.floor, t("replay.badge")), (app.painter.floor, t("replay.badge_short"))):
        widths = [max(h + 24, ui.width(text, size=size) + pad) for _, text, _, _ in items]
        label_w = ui.width(label, size=size, bold=True) + 24
        if sum(widths) + GAP * len(widths) + label_w + 40 <= BAR.w:
            break
    x = 20
    for (wid, text, action, enabled), w in zip(items, widths):
        ui.button(wid, (x, y, w, h), text, action, enabled=enabled and app.overlay is None,
                  selected=wid == "replay-list" and app.list_open)
        x += w + GAP
    ui.text(label, (x, y, BAR.right - 20 - x, h), bold=True, align="right", valign="middle")


def _toggle(app, name: str) -> None:
    from .overlays import toggle

    toggle(app, name)


def action_list(app: ReplayApp, ui) -> None:
    """Rounds, phases and every action of the log, the one shown highlighted; a click jumps."""
    t, state = app.t, app.state
    area = drawer(app.scale)
    ui.widgets[:] = [w for w in ui.widgets if not w.rect.colliderect(area)]  # the scene's, under the list
    app.painter.layer = 1
    pygame.draw.rect(ui.surf, theme.PANEL, area)
    pygame.draw.line(ui.surf, theme.INK, area.topleft, area.bottomleft, 3)
    inner = area.inflate(-40, -32)
    y = inner.y
    head = ui.line("h2") + 4
    ui.text(t("replay.title"), (inner.x, y, inner.w, head), role="h2", bold=True)
    y += head + 8
    problem = app.problem()
    if problem:
        ph = ui.height(problem, inner.w)
        ui.text(problem, (inner.x, y, inner.w, ph), colour=theme.DANGER_INK)
        y += ph + 10
    row_h = max(56, int(ui.line() * 1.3))
    y = _jumps(app, ui, inner, y, row_h, "round", list(range(1, state.scenario.years.rounds + 1)),
               lambda r: app.first(r), lambda r: str(r), lambda r: state.round == r and state.phase in PHASES)
    y = _jumps(app, ui, inner, y, row_h, "phase", list(PHASES),
               lambda p: app.first(max(1, state.round), p), lambda p: str(PHASES.index(p) + 1),
               lambda p: state.phase == p)
    pager_h = max(56, int(ui.line() * 1.2))
    rows = pygame.Rect(inner.x, y + 6, inner.w, inner.bottom - y - 6 - pager_h - 10)
    pages = _pages(app, ui, rows)
    app.view.data["rp-pages"] = len(pages)
    here = next((i for i, page in enumerate(pages) if any(k == app.at for k, _, _ in page)), 0)
    page = here if app.list_page is None else max(0, min(len(pages) - 1, app.list_page))
    app.view.data["rp-page"] = page
    ry = rows.y
    for k, text, rh in pages[page]:
        ui.button(f"replay-step-{k}", (rows.x, ry, rows.w, rh), text, lambda k=k: app.go(k),
                  selected=k == app.at, align="left")
        ry += rh + 6
    ui.page_buttons("replay-page", (inner.x, inner.bottom - pager_h, inner.w, pager_h), page, len(pages),
                    lambda p: setattr(app, "list_page", p), t("misc.page", page=page + 1, pages=len(pages)))
    app.painter.layer = 0


def _jumps(app, ui, inner, y, h, what, items, target, label, current) -> int:
    """A labelled row of jump buttons (rounds, or the phases of the round shown)."""
    t = app.t
    name = t(f"replay.{what}")
    lw = ui.width(name, bold=True) + 16
    ui.text(name, (inner.x, y, lw, h), bold=True, valign="middle")
    x, w = inner.x + lw, (inner.w - lw - GAP * (len(items) - 1)) // len(items)
    for item in items:
        at = target(item)
        ui.button(f"replay-{what}-{item}", (x, y, w, h), label(item),
                  (lambda at=at: app.go(at)) if at is not None else None, selected=current(item))
        x += w + GAP
    return y + h + 12


def _pages(app, ui, rows: pygame.Rect) -> list[list[tuple[int, str, int]]]:
    """The actions measured at the text size and laid into pages of the list's height."""
    pad = 2 * max(8, 240 // 8)
    pages: list[list] = [[]]
    used = 0
    for k, step in enumerate(app.steps):
        text = describe(app, k)
        th = app.painter.fit(text, rows.w - pad, 10**5, app.painter.px("body"), True).height
        rh = int((th + 16) * 8 / 7) + 2
        if pages[-1] and used + rh > rows.h:
            pages.append([])
            used = 0
        pages[-1].append((k, text, rh))
        used += rh + 6
    return pages


# -- the actions in words ------------------------------------------------------------------------
def describe(app, k: int) -> str:
    """"12 · Martin · pledges to Car sharing": sequence number, who, and what, in plain words."""
    t = app.t
    step: Step = app.steps[k]
    if step.action is None:
        return t("replay.beginning")
    before = app.steps[k - 1].state
    if step.actor == CHANCE:
        who = t("replay.chance")
    elif step.actor == FACILITATOR:
        who = t("replay.facilitator")
    else:
        who = _family(step, before, step.actor)
    return f"{step.seq} · {who} · {_what(app, step, before)}"


def _family(step: Step, before: State, family_id: str) -> str:
    for state in (step.state, before):
        family = state.family(family_id)
        if family is not None:
            return family.spec.name
    for spec in step.state.scenario.families:
        if spec.id == family_id:
            return spec.name
    return family_id


def _what(app, step: Step, before: State) -> str:
    t, a, scenario = app.t, step.action, step.state.scenario
    kind = a.kind

    def project() -> str:
        try:
            return local(app, scenario.project(a.project).name)
        except (KeyError, StopIteration, ValueError):
            return a.project

    if kind in ("add_family", "edit_family"):
        return t(f"replay.act.{kind}", name=a.family.name)
    if kind == "remove_family":
        return t("replay.act.remove_family", name=_family(step, before, a.family))
    if kind == "advance":
        return t("replay.act.advance", phase=t(f"phase.{step.state.phase}"))
    if kind == "draw_event":
        if a.event is None:
            return t("replay.act.draw_none")
        try:
            name = local(app, scenario.event(a.event).name)
        except (KeyError, StopIteration, ValueError):
            name = a.event
        return t("replay.act.draw_event", event=name)
    if kind == "answer":
        return t("replay.act.answer", answer=t(f"answer.{a.answer}"), project=project())
    if kind == "decide" and a.override is not None:
        return t(f"replay.act.decide_{a.override}", project=project())
    if kind == "ratify":
        return t("replay.act.ratify" if a.now else "replay.act.ratify_later", project=project())
    if kind == "amend":
        return t("replay.act.amend", project=project(), scale=t.num(a.scale, 2))
    if kind == "cofund":
        return t("replay.act.cofund", project=project(), money=t.money(a.amount, scenario.territory.currency))
    if hasattr(a, "project"):
        return t(f"replay.act.{kind}", project=project())
    return t(f"replay.act.{kind}")


def replay_ui(log: Path, lang: str | None = None, screenshot: Path | None = None) -> int:
    """Open the viewer on a log until the window is closed (or, with `screenshot`, save the first
    frame there and stop). The log's problem, if any, is said on the screen and on stderr."""
    import sys

    app = ReplayApp(log, Options(lang=lang, headless=screenshot is not None))
    if app.result.error is not None:
        print(app.result.describe_error(), file=sys.stderr)
    if screenshot is not None:
        app.tick()
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(app.surface, str(screenshot))
        pygame.quit()
    else:
        app.run()
    return 0 if app.steps else 1
