"""Why not 2 t: the gap's parts add up to the gap, each with its sign, on the engine's own figures."""

import pytest

from engine.footprint import association_footprint
from engine.gap import why_not_target
from engine.scenario.load import load_scenario
from engine.simulate import play
from tests.conftest import SCENARIOS


@pytest.mark.parametrize("path", SCENARIOS[:3], ids=lambda p: p.stem)
def test_the_parts_of_the_gap_add_up_and_now_is_the_association_footprint(path):
    scenario = load_scenario(path)
    state = play(scenario, path.read_text(encoding="utf-8"), seed=3).state
    g = why_not_target(state)
    assert g.now == pytest.approx(float(association_footprint(state)[:, 0].sum()), rel=1e-9)
    assert g.gap == pytest.approx(g.could + g.floor + g.system - g.target, abs=1e-6)
    assert g.projects_did >= -1e-6 and g.could >= -1e-6 and g.floor >= 0
    if state.running:
        assert g.projects_did > 0
    assert sum(v for _, v in g.by_sector) == pytest.approx(g.system, rel=1e-9)


def test_the_debrief_explains_the_gap_in_words(tmp_path):
    from tests.test_ui_story import _play_to_debrief, _seed_drawing_energy_up_in_round_2
    from tests.ui_helpers import click, make_app, on_screen, unreadable

    app = make_app(tmp_path, seed=_seed_drawing_energy_up_in_round_2())
    _play_to_debrief(app)
    click(app, "db-tab-gap")
    assert on_screen(app, "Pourquoi pas 2,0 t ?") and on_screen(app, "Écart :")
    assert on_screen(app, "Les services publics pèsent 1,4 t pour chacun")
    assert on_screen(app, "Même avec tous les projets, il resterait")
    assert not unreadable(app), unreadable(app)[:3]
