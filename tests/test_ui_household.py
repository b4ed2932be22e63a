"""The family form shows the household attributes projects' eligibility reads, the profile's by
default; a family saying otherwise keeps its own (version-2 scenarios)."""

from __future__ import annotations

import numpy as np

from engine.footprint import family_units
from tests.conftest import ROOT
from tests.ui_helpers import click, make_app, type_text, widget

MINI_V2 = ROOT / "tests" / "data" / "mini-v2.toml"


def test_a_family_says_its_heating_and_cars_and_the_balance_follows_every_component(tmp_path):
    app = make_app(tmp_path, MINI_V2)
    click(app, "title-new")
    click(app, "setup-add")
    click(app, "f-name")
    type_text(app, "Leroy")
    while not any(w.id == "f-heating" for w in app.widgets):
        click(app, "form-page-next")
    assert widget(app, "f-heating").label == "gaz"  # the first profile (flat): gas, no car, vegetarian
    click(app, "f-heating")  # gas -> oil
    assert widget(app, "f-heating").label == "fioul"
    while not any(w.id == "f-cars+" for w in app.widgets):
        click(app, "form-page-next")
    click(app, "f-cars+")
    click(app, "form-tab-1")
    click(app, "f-bal-mobility-")
    click(app, "form-save")
    (family,) = app.state.families
    spec = family.spec
    assert spec.household.heating == "oil" and spec.household.cars == 1 and spec.household.diet is None
    # the balance percentage scales each mobility component of the profile, not the sector at once
    scenario = app.state.scenario
    parts = {o.component: o.value for o in spec.adjustments if o.sector == "mobility"}
    assert set(parts) == {"car", "public_transport", "plane"}
    assert parts["plane"] < parts["public_transport"] * 2 and parts["car"] == 0
    assert np.isfinite(family_units(app.state)).all()
    assert scenario.schema_version == 2
