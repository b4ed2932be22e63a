"""Set-up with accents, refusals in words, the facilitator bar, arrows and Escape."""

from __future__ import annotations

import pygame

from engine.log.replay import replay
from game import theme
from engine.state import digest
from tests.ui_helpers import next_step, click, key, make_app, on_screen, overflowing, tap, type_text, widget


def to_setup(tmp_path, **kw):
    app = make_app(tmp_path, **kw)
    click(app, "title-new")
    assert app.scene_key() == "setup"
    return app


def test_enter_a_family_with_french_and_portuguese_accents(tmp_path):
    app = to_setup(tmp_path)
    click(app, "setup-add")
    click(app, "f-name")
    type_text(app, "Conceição-Ștefănescu Père")
    for _ in range(3):
        click(app, "f-money+")
    click(app, "f-children+")
    click(app, "f-consent")
    click(app, "form-tab-1")
    click(app, "f-bal-mobility-")
    click(app, "f-act-gardening")
    click(app, "f-crit")
    type_text(app, "Voir ses amis à côté")
    click(app, "f-dim")
    click(app, "f-crit-add")
    assert on_screen(app, "Voir ses amis à côté")
    assert not overflowing(app)
    click(app, "form-save")
    (family,) = app.state.families
    spec = family.spec
    assert spec.name == "Conceição-Ștefănescu Père"
    assert spec.id == "conceicao-stefanescu-pere"
    assert spec.members.children == 1 and spec.money_month == 80 and spec.consent
    assert spec.criteria[0].text == "Voir ses amis à côté" and spec.criteria[0].code == "B"
    assert spec.likes == ["gardening"]
    assert spec.adjustments[0].sector == "mobility"
    next_step(app)
    assert app.state.phase == "situation"
    assert digest(replay(app.session.writer.path).state) == digest(app.state)


def test_a_refusal_is_shown_in_words(tmp_path):
    app = to_setup(tmp_path)
    click(app, "setup-roster")
    next_step(app)
    next_step(app)
    click(app, "propose-car-sharing")
    next_step(app)
    for _ in range(30):  # Martin has 150 €/month: 300 is beyond his means
        click(app, "pl-monthly_eur+")
    click(app, "pl-save")
    assert on_screen(app, "€ en argent par mois : 300 €, c'est trop.")
    assert on_screen(app, "Martin n'a plus que ")
    assert not app.state.proposals[0].pledges


def test_the_facilitator_bar(tmp_path):
    app = to_setup(tmp_path)
    click(app, "setup-roster")
    assert widget(app, "bar-undo").enabled
    click(app, "bar-undo")
    assert not app.state.families
    click(app, "setup-roster")
    click(app, "bar-help")
    assert app.overlay == "help" and on_screen(app, "Aide : Préparation")
    key(app, pygame.K_ESCAPE)
    assert app.overlay is None
    click(app, "bar-pause")
    assert on_screen(app, "Pause") and not any(w.id == "setup-roster" for w in app.widgets)
    click(app, "overlay-close")
    click(app, "bar-lang")
    assert on_screen(app, "Next step") or on_screen(app, "Start the game")
    click(app, "bar-larger")
    assert app.scale == 1.25 and on_screen(app, "Text 125 %")
    key(app, pygame.K_F4)
    key(app, pygame.K_F3)
    assert app.scale == 1.25
    key(app, pygame.K_F8)
    assert app.state.phase == "situation"
    key(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert app.state.phase == "setup"


def test_arrows_move_the_focus_and_enter_presses(tmp_path):
    app = make_app(tmp_path)
    key(app, pygame.K_DOWN)
    assert app.focus is not None
    for _ in range(6):
        if app.focus == "title-new":
            break
        key(app, pygame.K_UP if widget(app, app.focus).rect.y > widget(app, "title-new").rect.y else pygame.K_DOWN)
    assert app.focus == "title-new"
    key(app, pygame.K_RETURN)
    assert app.scene_key() == "setup"


def test_a_tap_counts_once(tmp_path):
    app = to_setup(tmp_path)
    tap(app, "setup-roster")
    next_step(app)
    next_step(app)
    tap(app, "propose-car-sharing")
    next_step(app)
    tap(app, "pl-monthly_eur+")
    assert app.view.get("draft-car-sharing-martin")["monthly_eur"] == 10
    # a mouse event that SDL made from the same touch is ignored
    pos = widget(app, "pl-monthly_eur+").rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=True))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=True))
    app.tick()
    assert app.view.get("draft-car-sharing-martin")["monthly_eur"] == 10


def test_objection_with_a_criterion_then_amend(tmp_path):
    app = to_setup(tmp_path, seed=12)  # round 1 draws dearer energy: the same three families answer
    click(app, "setup-roster")
    for _ in range(2):
        next_step(app)
    click(app, "cat-garden")
    click(app, "propose-garden")
    next_step(app)
    plan = {"martin": (1, 4), "silva": (1, 6), "dupont": (6, 2)}  # (hundreds of €, half hours)
    for fid, (oneoff, halves) in plan.items():
        click(app, f"pl-family-{fid}")
        for _ in range(oneoff):
            click(app, "pl-oneoff_eur+")
        for _ in range(halves):
            click(app, "pl-weekly_hours+")
        click(app, "pl-save")
    next_step(app)
    assert app.state.phase == "codecision"
    click(app, "answer-martin-objection")
    click(app, "objection-criterion-0")
    click(app, "answer-silva-consent")
    click(app, "answer-dupont-consent")
    click(app, "decide")
    assert app.state.proposals[0].status == "objected"
    assert on_screen(app, "Objection : Voir mes amis")
    assert not overflowing(app)
    click(app, "amend")
    proposal = app.state.proposals[0]
    assert proposal.status == "open" and proposal.version == 2 and not proposal.answers


def test_amend_offers_smaller_sizes_each_with_its_cost(tmp_path):
    """Car-sharing is listed at ×1 and ×1.5: an amendment may also make it ×0.5 or ×0.75, and each
    size shows what it asks, as the engine counts it."""
    from tests.ui_helpers import ROOT, unreadable

    app = to_setup(tmp_path, scenario=ROOT / "scenarios" / "fr-quartier.toml", seed=12)
    click(app, "setup-roster")
    for _ in range(2):
        next_step(app)
    click(app, "cat-car-sharing")
    click(app, "propose-car-sharing")
    next_step(app)
    click(app, "pl-share")
    next_step(app)
    assert app.state.phase == "codecision"
    families = [f.id for f in app.state.present()]
    click(app, f"answer-{families[0]}-objection")
    click(app, "objection-criterion-0")
    for fid in families[1:]:
        click(app, f"answer-{fid}-consent")
    click(app, "decide")
    assert app.state.proposals[0].status == "objected"
    labels = [w.label for w in app.widgets if w.id.startswith("amend-size-")]
    assert [x.split(" ")[0] for x in labels] == ["×0,50", "×0,75", "×1,00", "×1,50"], labels
    asks = {0: "750\xa0€ au départ, 160\xa0€/mois, 1,2 h/sem.", 1: "1\u202f125\xa0€ au départ, 240\xa0€/mois, 1,8 h/sem.",
            2: "1\u202f500\xa0€ au départ, 320\xa0€/mois, 2,4 h/sem.", 3: "2\u202f250\xa0€ au départ, 480\xa0€/mois, 3,6 h/sem."}
    for i, words in asks.items():  # each size with what it asks, as the engine counts it
        click(app, f"amend-size-{i}")
        assert on_screen(app, words.replace("\xa0", " ").replace("\u202f", " ")), (i, words)
        assert not any(p.startswith("button") or "×" in p for p in unreadable(app)), unreadable(app)
    click(app, "amend-size-1")
    click(app, "amend")
    proposal = app.state.proposals[0]
    assert proposal.scale == 0.75 and proposal.status == "open" and not proposal.answers
    assert digest(replay(app.session.writer.path).state) == digest(app.state)


def test_a_detail_opened_in_one_phase_is_closed_in_the_next(tmp_path):
    app = to_setup(tmp_path, text_scale=1.5)
    click(app, "setup-roster")
    next_step(app)
    next_step(app)
    click(app, "cat-garden")
    assert widget(app, "cat-back") and widget(app, "propose-garden")
    key(app, pygame.K_ESCAPE)
    assert widget(app, "cat-garden")
    click(app, "cat-garden")
    next_step(app)
    click(app, "bar-undo")
    assert app.state.phase == "proposals" and widget(app, "cat-garden")
