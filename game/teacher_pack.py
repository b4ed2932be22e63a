"""The teacher pack the report adds in class mode: the questions by round, what each generation
brought, the glossary of the words used, and one A4 sheet per family to take back to class."""

from __future__ import annotations

from collections.abc import Callable

from html import escape

from engine.debrief import served_codes, serves
from engine.generations import association_generations, generation_shares
from engine.scenario.classroom import questions
from engine.state import PHASES, State
from engine.story import story

from .analysis import per_family_totals
from .i18n import I18n
from .terms import terms_used

STYLE = """
.pack h3{margin-bottom:.3em}.sheet{break-before:page;break-inside:avoid}.sheet table{margin:.5em 0}
.sheet ul{margin:.3em 0}.words dt{font-weight:bold;margin-top:.4em}.words dd{margin-left:1.2em}
@media print{.sheet{font-size:10.5pt}}
"""


def dimension_namer(state: State, t: I18n, lang: str) -> Callable[[str], str]:
    """The words a SPIRAL code's dimension stands for, as class mode says it (no bare codes in the
    pack or the report either)."""
    def dimension(code: str) -> str:
        if code[0] == "I" and state.scenario.dimension_i is not None:
            return state.scenario.dimension_i.get(lang, state.scenario.language)
        return t(f"dim.{code[0]}")
    return dimension


def questions_html(state: State, t: I18n, lang: str) -> str:
    sc = state.scenario
    blocks = []
    for r in range(1, sc.years.rounds + 1):
        items = [f"<li><b>{escape(t(f'phase.{p}'))}</b> · {escape(q.text.get(lang, sc.language))}</li>"
                 for p in PHASES for q in questions(sc, p, r)]
        if items:
            blocks.append(f"<h3>{escape(t('report.questions_round', round=r))}</h3><ul>{''.join(items)}</ul>")
    end = [f"<li>{escape(q.text.get(lang, sc.language))}</li>" for q in questions(sc, "debrief")]
    if end:
        blocks.append(f"<h3>{escape(t('report.questions_debrief'))}</h3><ul>{''.join(end)}</ul>")
    return f"<h3>{escape(t('report.questions_title'))}</h3>" + "".join(blocks) if blocks else ""


def generations_html(state: State, t: I18n) -> str:
    items = []
    for g, (hours, served, voiced) in association_generations(state).items():
        text = t("generation.line", generation=t(f"generation.{g}"), hours=t.num(hours, 1))
        if voiced:
            text += " · " + t("generation.wishes", served=served, wishes=voiced)
        items.append(f"<li>{escape(text)}</li>")
    return f"<h3>{escape(t('report.generations_title'))}</h3><ul>{''.join(items)}</ul>"


def glossary_html(state: State, t: I18n, lang: str, texts: list[str]) -> str:
    sc = state.scenario
    if sc.glossary:
        entries = [(g.term.get(lang, sc.language), g.definition.get(lang, sc.language)) for g in sc.glossary]
    else:
        from .overlays import BUILT_IN

        entries = [(t(f"gloss.{k}"), t(f"gloss.{k}_def")) for k in BUILT_IN]
    used = terms_used(entries, texts)
    if not used:
        return ""
    items = "".join(f"<dt>{escape(term)}</dt><dd>{escape(text)}</dd>" for term, text in used)
    return f"<h3>{escape(t('report.words_title'))}</h3><dl class=\"words\">{items}</dl>"


def family_sheet(state: State, t: I18n, lang: str, index: int, footprint) -> str:
    """One family on one A4 page: its footprints, what it gave, each generation's share and wishes."""
    from .report import _fmt

    family = state.present()[index]
    sc = state.scenario
    dimension = dimension_namer(state, t, lang)
    oneoff = sum(story(state).oneoff.get(r.project, {}).get(family.id, 0.0) for r in state.running)
    monthly = sum(c.monthly_eur for r in state.running if not r.completed
                  for fid, c in r.commitments.items() if fid == family.id)
    hours = sum(c.weekly_hours for r in state.running if not r.completed
                for fid, c in r.commitments.items() if fid == family.id)
    gave = t("report.sheet_gave_line", money=t.money(monthly, sc.territory.currency), hours=t.num(hours, 1))
    if oneoff > 0.005:
        gave += " · " + t("gives.oneoff", money=t.money(oneoff, sc.territory.currency))
    projects = [sc.project(r.project).name.get(lang, sc.language) for r in state.running
                if family.id in r.participants or sc.project(r.project).common_good]
    rows = "".join(f"<tr><th>{escape(label)}</th><td>{escape(_fmt(t, i, footprint[i]))}</td></tr>"
                   for i, label in enumerate(("CO₂", t("report.energy"), t("report.biosphere"))))
    gens = []
    for share in generation_shares(state, family.id):
        line = t("generation.line", generation=t(f"generation.{share.generation}"), hours=t.num(share.hours_given, 1))
        wishes = "".join(
            f"<li>{escape(t('generation.wish', text=w.text, dimension=dimension(w.code), mark=t('generation.served') if w.served_by else t('generation.not_served')))}</li>"
            for w in share.wishes)
        gens.append(f"<li>{escape(line)}{f'<ul>{wishes}</ul>' if wishes else ''}</li>")
    served = served_codes(state, family.id)
    untagged = "".join(
        f"<li>{escape(t('generation.wish', text=c.text, dimension=dimension(c.code), mark=t('generation.served') if serves(served, c.code) else t('generation.not_served')))}</li>"
        for c in family.spec.criteria if c.generation is None)
    return (f'<section class="sheet"><h2>{escape(family.spec.name)}</h2>'
            f"<h3>{escape(t('report.sheet_footprints'))}</h3><table>{rows}</table>"
            f"<h3>{escape(t('report.sheet_gave'))}</h3><p>{escape(gave)}</p>"
            f"<p>{escape(', '.join(projects) or '—')}</p>"
            f"<h3>{escape(t('report.sheet_generations'))}</h3><ul>{''.join(gens)}</ul>"
            + (f"<h3>{escape(t('report.sheet_wishes'))}</h3><ul>{untagged}</ul>" if untagged else "")
            + "</section>")


def sheets_html(state: State, t: I18n, lang: str) -> str:
    totals = per_family_totals(state)
    return "".join(family_sheet(state, t, lang, i, totals[i]) for i in range(len(state.present())))


def teacher_pack(state: State, t: I18n, lang: str, texts: list[str]) -> str:
    """The pack's whole section; empty outside class mode."""
    if not state.class_mode:
        return ""
    return (f'<section class="pack"><h2>{escape(t("report.pack_title"))}</h2>'
            f"{questions_html(state, t, lang)}{generations_html(state, t)}{glossary_html(state, t, lang, texts)}"
            f"</section>{sheets_html(state, t, lang)}")
