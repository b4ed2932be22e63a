"""Truthful to the end: a project that started then stopped, and why, on the debrief and in the report."""

from __future__ import annotations

from dataclasses import replace

from engine import actions as A
from engine.events import draw
from engine.scenario.load import load_scenario
from engine.state import initial_state
from tests.ui_helpers import MINI, click, make_app, on_screen, unreadable


def _seed_drawing_energy_up_in_round_2() -> int:
    scenario = load_scenario(MINI)
    return next(s for s in range(500) if draw(replace(initial_state(scenario, s), round=2)) == "energy-up")


def _play_to_debrief(app) -> None:
    app.new_session(MINI)
    act = app.act
    assert act(A.UseRoster()) and act(A.Advance()) and act(A.Advance())
    assert act(A.Propose(project="car-sharing")) and act(A.Propose(project="garden")) and act(A.Advance())
    for fid, money, hours, takes_part in (("martin", 150, 2, True), ("silva", 40, 0, False), ("dupont", 130, 0, True)):
        assert act(A.Pledge(project="car-sharing", family=fid, monthly_eur=money, weekly_hours=hours,
                            participates=takes_part), actor=fid)
    assert act(A.Advance())
    for f in app.state.present():
        assert act(A.Answer(project="car-sharing", family=f.id, answer="consent"), actor=f.id)
    assert act(A.Decide(project="car-sharing"))
    while app.state.phase != "debrief":
        assert act(A.Advance())
    app.tick()


def test_the_debrief_and_the_report_tell_what_stopped_and_why(tmp_path):
    app = make_app(tmp_path, seed=_seed_drawing_energy_up_in_round_2())
    _play_to_debrief(app)
    assert not app.state.running, "the car-sharing stopped: nothing runs at the end"
    assert not on_screen(app, "Aucun projet adopté"), "a project was adopted, then stopped"
    assert on_screen(app, "Aucun projet ne tourne à la fin de la partie.")
    assert on_screen(app, "Autopartage : adopté en 2025, arrêté en 2030 — la carte « L'énergie augmente »")
    assert on_screen(app, "Jardin partagé (2025) : resté sans suite — pas assez d'engagements pour le couvrir")
    assert not unreadable(app), unreadable(app)[:3]
    click(app, "save-report")
    html = (tmp_path / "session.report.html").read_text(encoding="utf-8")
    assert "Autopartage : adopté en 2025, arrêté en 2030" in html and "Aucun projet adopté" not in html
    assert "Jardin partagé (2025) : resté sans suite" in html
