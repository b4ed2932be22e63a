"""Demo mode: the preset roster plays by itself, through the real screen.

The demo looks at what is on screen, picks the next button a facilitator would press and posts
a real mouse press and release on it, so everything goes through the same path as a person's
click: widgets, the engine, the log. With `--screenshots` it saves the first frame of every
scene and phase; with `--until debrief` it stops once the debrief is shown and its report saved,
with `--until title` once the first frame is drawn.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pygame

from engine.resources import left, proposal_coverage

from .scenes.common import steps

PROPOSALS_PER_ROUND = 2
MAX_TICKS = 60000


def _ceil(value: float, step: float) -> float:
    return math.ceil(value / step - 1e-9) * step


def _floor(value: float, step: float) -> float:
    return math.floor(value / step + 1e-9) * step


def share_out(need: float, room: dict[str, float], step: float, first: list[str] = ()) -> dict[str, float] | None:
    """Split a need among families by what they have left, in steps; None if they cannot cover it."""
    give = {f: 0.0 for f in room}
    remaining = need
    order = list(first) + sorted((f for f in room if f not in first), key=lambda f: -room[f])
    for k, f in enumerate(order):
        if remaining <= 1e-9:
            break
        fair = _ceil(remaining / (len(order) - k), step)
        give[f] = min(_floor(room[f], step), fair)
        remaining -= give[f]
    for f in order:
        if remaining <= 1e-9:
            break
        extra = min(_floor(room[f] - give[f], step), _ceil(remaining, step))
        give[f] += extra
        remaining -= extra
    return give if remaining <= 1e-9 else None


def pledge_plan(state) -> dict[tuple[str, str], dict]:
    """Pledges that cover the open proposals by the families' means, proposal by proposal."""
    families = list(state.present())
    room = {f.id: left(state, f) for f in families}
    money = {f.id: room[f.id].money for f in families}
    savings = {f.id: room[f.id].savings for f in families}
    hours = {f.id: room[f.id].hours for f in families}
    plan = {}
    for p in state.proposals:
        if p.status != "open":
            continue
        cov = proposal_coverage(state, p)
        project = state.scenario.project(p.project)
        skilled = [f.id for f in families if set(project.needs.skills) & (set(f.spec.skills) | set(f.spec.likes))]
        step = steps(state.scenario)
        m = share_out(cov.money[1], money, step["monthly_eur"])
        u = share_out(max(0.0, cov.upfront[1] - (cov.upfront[0])), savings, step["oneoff_eur"])
        h = share_out(cov.hours[1], hours, step["weekly_hours"], skilled[:1])
        if m is None or u is None or h is None:
            continue
        if skilled and h[skilled[0]] <= 0:
            continue
        takers = families[: project.capacity.max]
        if len(takers) < project.capacity.min:
            continue
        for f in families:
            d = {"monthly_eur": m[f.id], "oneoff_eur": u[f.id], "weekly_hours": h[f.id],
                 "participates": f in takers}
            plan[(p.project, f.id)] = d
            money[f.id] -= m[f.id]
            savings[f.id] -= u[f.id]
            hours[f.id] -= h[f.id]
    return plan


class Demo:
    def __init__(self, options) -> None:
        self.options = options
        self.fast = options.fast
        self.shots = Path(options.screenshots) if options.screenshots else None
        self.saved: list[str] = []
        self.wait = 0
        self.ticks = 0
        self.plan: dict | None = None
        self.plan_round = None
        self.done_pledges: set = set()
        self.report_saved = False
        self.forward: dict[str, bool] = {}
        self.tried: set[str] = set()
        self.aim: str | None = None
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)

    # -- pacing and screenshots --------------------------------------------------------------
    def before_tick(self, app) -> None:
        self.ticks += 1
        if self.ticks > MAX_TICKS:
            print("bve play --demo: the demo did not reach the debrief", file=sys.stderr)
            app.exit_code, app.running = 1, False
            return
        if self.wait > 0:
            self.wait -= 1
            return
        if not (self.options.demo or self.options.until):
            return
        target = self.next_press(app)
        if target is None:
            return
        press(target)
        self.wait = 0 if self.fast else 12

    def after_tick(self, app) -> None:
        key = app.scene_key()
        if key not in self.saved:
            self.saved.append(key)
            if self.shots is not None:
                pygame.image.save(app.surface, str(self.shots / f"{len(self.saved):02d}_{key}.png"))
            self.wait = 0 if self.fast else 45
        if self.options.until == "title" and key == "title":  # the first frame: how long a start takes
            app.exit_code, app.running = 0, False
        if self.options.until == "debrief" and key == "debrief" and (self.report_saved or not self.options.demo):
            app.exit_code, app.running = 0, False

    # -- what a facilitator would press next ------------------------------------------------------
    def next_press(self, app):
        widgets = {w.id: w for w in app.widgets if w.enabled}
        key = app.scene_key()
        state = app.state
        if key == "title":
            return widgets.get("title-new")
        if key == "setup":
            return widgets.get("setup-roster") or widgets.get("bar-next")
        if key == "proposals":
            if len(state.proposals) < PROPOSALS_PER_ROUND:
                from engine import actions as A

                if self.aim is None or not app.legal(A.Propose(project=self.aim)):
                    self.aim = self._worth_proposing(app)
                if self.aim is not None:
                    return self.open(widgets, self.aim, "propose", "cat", "cat-back", "cat-page")
            return widgets.get("bar-next")
        if key == "pledges":
            return self._pledges(app, widgets) or widgets.get("bar-next")
        if key == "codecision":
            return self._codecision(app, widgets) or widgets.get("bar-next")
        if key == "debrief":
            for r in state.running:
                if r.ratified is not True:
                    return self.open(widgets, r.project, "ratify", "db-row", "db-back", "db-page", "-now")
            if not self.report_saved:
                self.report_saved = True
                return widgets.get("save-report")
            return None
        return widgets.get("bar-next")

    def reach(self, widgets: dict, wid: str, pager: str):
        """The widget, or the page button toward it: forward to the last page, then back."""
        if wid in widgets:
            return widgets[wid]
        forward = self.forward.get(pager, True)
        first, second = (f"{pager}-next", f"{pager}-prev") if forward else (f"{pager}-prev", f"{pager}-next")
        if first not in widgets:
            self.forward[pager] = not forward
            first = second
        return widgets.get(first)

    def tab(self, app, widgets: dict, key: str, name: str):
        """The tab to press when the screen shows one panel at a time and it is not `name`."""
        if f"{key}-{name}" in widgets and app.view.get(key) != name:
            return widgets[f"{key}-{name}"]
        return None

    def open(self, widgets: dict, pid: str, press: str, row: str, back: str, pager: str, suffix: str = ""):
        """Press `press-pid` in a detail panel: first choose the row (paging to it), or go back."""
        if f"{press}-{pid}{suffix}" in widgets:
            return widgets[f"{press}-{pid}{suffix}"]
        if back in widgets:
            return widgets[back]
        return self.reach(widgets, f"{row}-{pid}", pager)

    def _worth_proposing(self, app) -> str | None:
        """A project the families could cover together with what they have left, if any."""
        state = app.state
        present = state.present()
        room = [left(state, f) for f in present]
        money = sum(r.money for r in room)
        savings = sum(r.savings for r in room)
        hours = sum(r.hours for r in room)
        able = set()
        for f in present:
            able.update(f.spec.skills)
            able.update(f.spec.likes)
        for project in state.scenario.projects:
            n = project.needs
            if (project.id in self.tried or len(present) < project.capacity.min
                    or n.monthly_eur > 0.6 * money or n.upfront_eur > 0.6 * savings
                    or n.weekly_hours + n.setup_hours / 52 > 0.6 * hours or not set(n.skills) <= able):
                continue
            from engine import actions as A

            if app.legal(A.Propose(project=project.id)):
                self.tried.add(project.id)
                return project.id
        return None

    def _pledges(self, app, widgets):
        state = app.state
        if self.plan_round != (state.round, tuple(p.project for p in state.proposals)):
            self.plan = pledge_plan(state)
            self.plan_round = (state.round, tuple(p.project for p in state.proposals))
            self.done_pledges = set()
        for (pid, fid), target in self.plan.items():
            if (pid, fid) in self.done_pledges:
                continue
            if app.view.get("pl-project") != pid:
                return self.tab(app, widgets, "pl-view", "projects") or self.reach(
                    widgets, f"pl-project-{pid}", "pl-project-page")
            if app.view.get("pl-family") != fid:
                return self.tab(app, widgets, "pl-view", "families") or self.reach(
                    widgets, f"pl-family-{fid}", "pl-family-page")
            draft = app.view.get(f"draft-{pid}-{fid}")
            found = self.tab(app, widgets, "pl-view", "pledge")
            if draft is None or found is not None:
                return found
            for field in steps(state.scenario):
                if draft[field] < target[field] - 1e-9:
                    return widgets.get(f"pl-{field}+")
                if draft[field] > target[field] + 1e-9:
                    return widgets.get(f"pl-{field}-")
            if draft["participates"] != target["participates"]:
                return widgets.get("pl-participates")
            self.done_pledges.add((pid, fid))
            return widgets.get("pl-save")
        return None

    def _codecision(self, app, widgets):
        state = app.state
        for p in state.proposals:
            if p.status != "open" or not proposal_coverage(state, p).covered:
                continue
            if app.view.get("cd-project") != p.project:
                return self.tab(app, widgets, "cd-view", "projects") or self.reach(
                    widgets, f"cd-project-{p.project}", "cd-project-page")
            for f in state.present():
                if f.id not in p.answers:
                    kind = "concern" if f is state.present()[-1] else "consent"
                    return self.tab(app, widgets, "cd-view", "answers") or self.reach(
                        widgets, f"answer-{f.id}-{kind}", "cd-page")
            return self.tab(app, widgets, "cd-view", "verdict") or widgets.get("decide")
        return None


def press(widget) -> None:
    pos = widget.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
