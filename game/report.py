"""The debrief as a self-contained HTML page (inline SVG charts, no outside file), to print or take home."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from engine.debrief import serving
from engine.effects import renewable
from engine.footprint import recorded, target_trajectory
from engine.state import State
from engine.story import start_year, story
from engine.whatif import energy_basis

from .analysis import association_totals, figures, per_family_totals
from .asks_view import asks_html
from .i18n import I18n
from .scenes.common import gives as gives_text

STYLE = """
body{font-family:'Atkinson Hyperlegible',Arial,sans-serif;font-size:18px;color:#1a1a1a;max-width:60em;margin:2em auto;
line-height:1.45}h1,h2{line-height:1.2}table{border-collapse:collapse;width:100%}th,td{border:1px solid #777;
padding:.35em .5em;text-align:left;vertical-align:top}th{background:#ece8de}.muted{color:#4a4a4a}
.fingerprint{font-size:.8em;word-break:break-all}td.gives{width:45%}svg{max-width:100%;height:auto}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none;font-size:9pt;line-height:1.25}svg{max-height:8cm}h2,h3{break-after:avoid}tr,svg,li,.gap p{break-inside:avoid}
thead{display:table-header-group}section{break-inside:auto}}
"""


def _today() -> dict:
    now = datetime.now()
    return {"d": f"{now.day:02d}", "m": f"{now.month:02d}", "y": str(now.year)}


def trajectory_svg(state: State, t: I18n) -> str:
    years = state.scenario.years
    target = target_trajectory(state)
    points = [(y, c) for y, c, _, _ in recorded(state)]
    top = max([v for _, v in target] + [v for _, v in points] + [1.0]) * 1.1
    w, h, left, bottom = 720, 320, 60, 280

    def at(year, value):
        return (left + (w - left - 20) * (year - years.start) / max(1, years.end - years.start),
                bottom - (bottom - 20) * value / top)

    tp = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(*p) for p in target))
    pp = " ".join(f"{x:.1f},{y:.1f}" for x, y in (at(*p) for p in points))
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#D55E00" stroke="#000"/>'
                   for x, y in (at(*p) for p in points))
    ticks = "".join(f'<text x="{at(y, 0)[0]:.1f}" y="{bottom + 24}" text-anchor="middle">{y}</text>'
                    for y in [years.start] + years.round_years())
    ylab = "".join(f'<text x="{left - 8}" y="{at(years.start, v)[1] + 6:.1f}" text-anchor="end">'
                   f'{escape(t.num(v / 1000, 1))}</text>' for v in (0, top / 2.2, top / 1.1))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h + 20}" width="100%" role="img" '
            f'aria-label="{escape(t("chart.trajectory"))}">'
            f'<line x1="{left}" y1="{bottom}" x2="{w - 20}" y2="{bottom}" stroke="#000"/>'
            f'<line x1="{left}" y1="20" x2="{left}" y2="{bottom}" stroke="#000"/>{ticks}{ylab}'
            f'<polyline points="{tp}" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="10 8"/>'
            f'<polyline points="{pp}" fill="none" stroke="#D55E00" stroke-width="5"/>{dots}</svg>'
            f'<p class="muted">— {escape(t("chart.association"))} · - - {escape(t("chart.target"))}</p>')


def gauges_svg(state: State, t: I18n) -> str:
    """The association's three footprints: at the start and now against the target, each gauge to its
    own scale (the largest of the three values), so a bar's length is its value."""
    now = association_totals(state)
    first = recorded(state)[0] if state.trajectory else None
    tg = state.scenario.targets
    targets = (tg.co2_kg.value, tg.energy_kwh.value, tg.biosphere_m2.value)
    colours = ("#D55E00", "#F0E442", "#009E73")
    rows, width, x0 = [], 520, 190
    for i in range(3):
        start = first[1 + i] if first else now[i]
        most = max(now[i], start, targets[i]) * 1.1
        y = 10 + i * 118
        basis = energy_basis(state.scenario)
        name = t("footprint.1.basis", basis=t(f"energy.basis.{basis}"), target=_fmt(t, i, targets[i])) if i == 1 \
            else t(f"footprint.{i}", target=_fmt(t, i, targets[i]))
        label = f"{t(f'mark.{i}')} · " + name
        rows.append(f'<text x="0" y="{y + 18}" font-weight="bold">{escape(label)}</text>')
        for k, (name, value, fill) in enumerate(((t("chart.start", year=str(state.scenario.years.start)), start,
                                                  "#bbbbbb"), (t("chart.now"), now[i], colours[i]))):
            by = y + 30 + k * 36
            w = width * value / most
            rows.append(f'<text x="0" y="{by + 20}">{escape(name)}</text>'
                        f'<rect class="gauge" data-footprint="{i}" data-value="{value:.3f}" data-most="{most:.3f}" '
                        f'x="{x0}" y="{by}" width="{w:.2f}" height="26" fill="{fill}" stroke="#000"/>'
                        f'<text x="{x0 + w + 8:.1f}" y="{by + 20}">{escape(_fmt(t, i, value))}</text>')
        tx = x0 + width * targets[i] / most
        rows.append(f'<line class="target" x1="{tx:.1f}" y1="{y + 24}" x2="{tx:.1f}" y2="{y + 102}" stroke="#000" '
                    f'stroke-width="4"/>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 860 360" width="100%" role="img" '
            f'aria-label="{escape(t("report.gauges"))}">' + "".join(rows) + "</svg>")


def _fmt(t: I18n, index: int, value: float) -> str:
    """A footprint in the session's language and units: 11,5 t, 26,5 MWh, 2,03 hag."""
    if index == 0:
        return t("unit.t", value=t.num(value / 1000, 1))
    if index == 1:
        return t("unit.mwh", value=t.num(value / 1000, 1))
    return t("unit.gha", value=t.num(value / 10000, 2))


def gap_html(state: State, t: I18n, lang: str) -> str:
    from .gap_view import sentences

    summary, rows, closing = sentences(state, t, lang)
    most = max(v for _, _, v in rows) or 1.0
    items = "".join(
        f'<p><b>{escape(t(f"gap.label.{part}"))}</b><br><svg viewBox="0 0 600 24" width="100%" height="24">'
        f'<rect x="0" y="2" width="{600 * kg / most:.1f}" height="20" fill="#777"/></svg>{escape(text)}</p>'
        for part, text, kg in rows)
    title = t("gap.title", target=t("unit.t", value=t.num(state.scenario.targets.co2_kg.value / 1000, 1)))
    return (f'<section class="gap"><h2>{escape(title)}</h2><p><b>{escape(summary)}</b></p>{items}'
            f'<p><b>{escape(closing)}</b></p></section>')


def render(state: State, lang: str = "fr", log_name: str = "", fingerprint: str = "") -> str:
    t = I18n(lang)
    sc = state.scenario
    name = lambda fid: state.family(fid).spec.name if state.family(fid) else fid  # noqa: E731
    pname = lambda pid: sc.project(pid).name.get(lang, sc.language)  # noqa: E731
    plan_rows = []
    told = story(state)
    for r in state.running:
        oneoff = told.oneoff.get(r.project, {})
        gives = "; ".join(escape(gives_text(t, sc.territory.currency, name(f), c.monthly_eur, c.weekly_hours,
                                              oneoff.get(f, 0.0)))
                            for f, c in r.commitments.items()
                            if c.monthly_eur > 0 or c.weekly_hours > 0 or oneoff.get(f, 0.0) > 0.005) or "—"
        ratified = {True: t("debrief.now"), False: t("debrief.later"), None: "—"}[r.ratified]
        ended = f'<br><span class="muted">{escape(t("report.ended"))}</span>' \
            if r.completed and renewable(sc.project(r.project)) else ""
        plan_rows.append(
            f"<tr><td>{escape(pname(r.project))}{ended}</td><td>{escape(', '.join(name(f) for f in r.participants))}</td>"
            f"<td class=\"gives\">{gives}</td><td>{start_year(state, r.start_round)}</td>"
            f"<td>{escape(ratified)}</td></tr>")
    story_items = "".join(f"<li>{escape(line)}</li>" for line in story_text(state, told, t, lang))
    story_html = (f'<h3>{escape(t("debrief.story_title"))}</h3><ul>{story_items}</ul>' if story_items else "")
    fam = per_family_totals(state)
    fam_rows = "".join(
        f"<tr><td>{escape(f.spec.name)}</td>" + "".join(f"<td>{escape(_fmt(t, i, v[i]))}</td>" for i in range(3))
        + "</tr>" for f, v in zip(state.present(), fam))
    fig = figures(state)
    pct = lambda v: f"{t.num(100 * v)}\u00a0%"  # noqa: E731
    equity = "".join(
        f"<tr><td>{escape(r.name)}</td><td>{pct(r.money_share)} / {pct(r.means_share)}</td>"
        f"<td>{pct(r.hours_share)} / {pct(r.time_share)}</td>"
        f"<td>{'—' if r.money_ratio is None else t.num(r.money_ratio, 2)} · "
        f"{'—' if r.hours_ratio is None else t.num(r.hours_ratio, 2)}</td></tr>" for r in fig.families)
    plan_head = "".join(f"<th>{escape(h)}</th>" for h in (
        t("report.project"), t("report.participants"), t("report.gives"), t("report.from"), t("debrief.ratified")))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(t("title.name"))}</title><style>{STYLE}</style></head>
<body><h1>{escape(t("title.name"))}</h1>
<p>{escape(sc.territory.name.get(lang, sc.language))} · {escape(t("report.date", **_today()))} · {escape(log_name)}</p>
{f'<p class="fingerprint">{escape(t("report.fingerprint"))} <code>{escape(fingerprint)}</code></p>' if fingerprint else ""}
<h2>{escape(t("debrief.tab_plan"))}</h2>
<table><tr>{plan_head}</tr>{"".join(plan_rows) or f'<tr><td colspan="5">{escape(t("debrief.none_running" if story_items else "debrief.empty"))}</td></tr>'}</table>
{story_html}
<h2>{escape(t("chart.trajectory"))}</h2>{trajectory_svg(state, t)}
<h2>{escape(t("report.gauges"))}</h2>{gauges_svg(state, t)}
<table><tr><th></th><th>CO₂</th><th>{escape(t("report.energy"))}</th><th>{escape(t("report.biosphere"))}</th></tr>{fam_rows}</table>
<p class="muted">{escape(t(f"report.energy_basis.{energy_basis(sc)}"))}</p>
<h2>{escape(t("review.title"))}</h2>
<p>{escape(t("review.inclusion", share=pct(fig.inclusion), left_out=", ".join(fig.left_out) or "—"))}</p>
<p>{escape(t("review.coverage", share=pct(fig.coverage)))}</p>
{serving_html(state, t, pname)}
<p>{escape(t("review.meaningful", share=pct(fig.meaningful) if fig.meaningful is not None else "—"))}</p>
<h3>{escape(t("review.equity"))}</h3>
<table><tr><th></th><th>{escape(t("report.given"))}</th><th>{escape(t("report.means"))}</th><th>{escape(t("report.ratio"))}</th></tr>{equity}</table>
{gap_html(state, t, lang)}
{asks_html(state, t, lang)}
</body></html>
"""


def serving_html(state: State, t: I18n, pname) -> str:
    """Each family's criteria with the projects that serve them (codes matched at the finest
    level both give), one short paragraph a family."""
    lines = []
    for f in state.present():
        parts = [f"{c.code} ← {', '.join(pname(p) for p in projects) or t('report.served_by_none')}"
                 for (i, projects), c in zip(serving(state, f.id), f.spec.criteria)]
        if parts:
            lines.append(f"<b>{escape(f.spec.name)}</b>: {escape('; '.join(parts))}")
    return f'<p class="muted"><b>{escape(t("report.serving"))}</b> — {" · ".join(lines)}</p>' if lines else ""


def story_text(state: State, told, t: I18n, lang: str) -> list[str]:
    """The lines of what stopped and what lapsed, as the debrief screen words them."""
    sc = state.scenario
    pname = lambda pid: sc.project(pid).name.get(lang, sc.language)  # noqa: E731
    lines = []
    for s in told.stopped:
        why = (t("why.event", event=sc.event(s.event).name.get(lang, sc.language)) if s.why == "event" and s.event
               else t(f"why.{s.why}"))
        year = str(start_year(state, s.stopped_round))
        if s.started_round is None:
            lines.append(t("debrief.stopped_early", name=pname(s.project), year=year, why=why))
        else:
            lines.append(t("debrief.stopped", name=pname(s.project), year=year, why=why,
                           start=str(start_year(state, s.started_round))))
    for lapse in told.lapsed:
        lines.append(t("debrief.lapsed", name=pname(lapse.project), why=t(f"lapsed.{lapse.why}"),
                       year=str(start_year(state, lapse.round))))
    return lines


def write_report(state: State, log_path: Path | None, lang: str = "fr", fingerprint: str = "") -> Path:
    """Write the report next to the session log (or the sessions folder) and return its path.
    The session's fingerprint (the first 16 hex digits of its final digest) is printed in it, for
    the association to write in its minutes: `bve replay` of the log shows the same."""
    if log_path is not None:
        name = Path(log_path).name.removesuffix(".gz").removesuffix(".jsonl")
        path = Path(log_path).with_name(name + ".report.html")
    else:
        from .sessions import sessions_dir

        folder = sessions_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"report_{datetime.now():%Y-%m-%d_%H%M%S}.html"
    path.write_text(render(state, lang, Path(log_path).name if log_path else "", fingerprint), encoding="utf-8")
    return path
