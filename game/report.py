"""The debrief as a self-contained HTML page (inline SVG charts, no outside file), to print or take home."""

from __future__ import annotations

from datetime import datetime
from html import escape
from pathlib import Path

from engine.footprint import target_trajectory
from engine.state import State

from .analysis import association_totals, figures, per_family_totals
from .i18n import I18n
from .scenes.common import gives as gives_text

STYLE = """
body{font-family:'Atkinson Hyperlegible',Arial,sans-serif;font-size:18px;color:#1a1a1a;max-width:60em;margin:2em auto;
line-height:1.45}h1,h2{line-height:1.2}table{border-collapse:collapse;width:100%}th,td{border:1px solid #777;
padding:.35em .5em;text-align:left;vertical-align:top}th{background:#ece8de}.muted{color:#4a4a4a}
@media print{body{margin:0}}
"""


def _t(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}"


def trajectory_svg(state: State, t: I18n) -> str:
    years = state.scenario.years
    target = target_trajectory(state)
    points = [(y, c) for y, c, _, _ in state.trajectory]
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
    ylab = "".join(f'<text x="{left - 8}" y="{at(years.start, v)[1] + 6:.1f}" text-anchor="end">{_t(v / 1000)}</text>'
                   for v in (0, top / 2.2, top / 1.1))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h + 20}" width="100%" role="img" '
            f'aria-label="{escape(t("chart.trajectory"))}">'
            f'<line x1="{left}" y1="{bottom}" x2="{w - 20}" y2="{bottom}" stroke="#000"/>'
            f'<line x1="{left}" y1="20" x2="{left}" y2="{bottom}" stroke="#000"/>{ticks}{ylab}'
            f'<polyline points="{tp}" fill="none" stroke="#000" stroke-width="3" stroke-dasharray="10 8"/>'
            f'<polyline points="{pp}" fill="none" stroke="#D55E00" stroke-width="5"/>{dots}</svg>'
            f'<p class="muted">— {escape(t("chart.association"))} · - - {escape(t("chart.target"))}</p>')


def bars_svg(state: State, t: I18n) -> str:
    """The association's three footprints against their targets, as lengths (letters mark each)."""
    now = association_totals(state)
    tg = state.scenario.targets
    targets = (tg.co2_kg.value, tg.energy_kwh.value, tg.biosphere_m2.value)
    colours = ("#D55E00", "#F0E442", "#009E73")
    letters = ("C", "É", "B")
    rows = []
    for i in range(3):
        most = max(now[i], targets[i]) * 1.1
        y = 20 + i * 60
        bw = 560 * now[i] / most
        tx = 120 + 560 * targets[i] / most
        rows.append(
            f'<text x="0" y="{y + 24}">{letters[i]} · {escape(t(f"footprint.{i}", target=""))}</text>'
            f'<rect x="120" y="{y + 30}" width="{bw:.1f}" height="22" fill="{colours[i]}" stroke="#000"/>'
            f'<line x1="{tx:.1f}" y1="{y + 24}" x2="{tx:.1f}" y2="{y + 58}" stroke="#000" stroke-width="4"/>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 200" width="100%" role="img">'
            + "".join(rows) + "</svg>")


def render(state: State, lang: str = "fr", log_name: str = "", fingerprint: str = "") -> str:
    t = I18n(lang)
    sc = state.scenario
    name = lambda fid: state.family(fid).spec.name if state.family(fid) else fid  # noqa: E731
    pname = lambda pid: sc.project(pid).name.get(lang, sc.language)  # noqa: E731
    years = sc.years
    plan_rows = []
    for r in state.running:
        gives = "<br>".join(escape(gives_text(t, sc.territory.currency, name(f), c.monthly_eur, c.weekly_hours))
                            for f, c in r.commitments.items() if c.monthly_eur > 0 or c.weekly_hours > 0) or "—"
        ratified = {True: t("debrief.now"), False: t("debrief.later"), None: "—"}[r.ratified]
        plan_rows.append(
            f"<tr><td>{escape(pname(r.project))}</td><td>{escape(', '.join(name(f) for f in r.participants))}</td>"
            f"<td>{gives}</td><td>{years.start + years.years_per_round * r.start_round}</td>"
            f"<td>{escape(ratified)}</td></tr>")
    fam = per_family_totals(state)
    fam_rows = "".join(
        f"<tr><td>{escape(f.spec.name)}</td><td>{_t(v[0] / 1000)} t</td><td>{_t(v[1] / 1000)} MWh</td>"
        f"<td>{_t(v[2] / 10000, 2)} gha</td></tr>" for f, v in zip(state.present(), fam))
    fig = figures(state)
    pct = lambda v: f"{round(100 * v)} %"  # noqa: E731
    equity = "".join(
        f"<tr><td>{escape(r.name)}</td><td>{pct(r.money_share)} / {pct(r.means_share)}</td>"
        f"<td>{pct(r.hours_share)} / {pct(r.time_share)}</td>"
        f"<td>{'—' if r.money_ratio is None else _t(r.money_ratio, 2)} · "
        f"{'—' if r.hours_ratio is None else _t(r.hours_ratio, 2)}</td></tr>" for r in fig.families)
    plan_head = "".join(f"<th>{escape(h)}</th>" for h in (
        t("report.project"), t("report.participants"), t("report.gives"), t("report.from"), t("debrief.ratified")))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(t("title.name"))}</title><style>{STYLE}</style></head>
<body><h1>{escape(t("title.name"))}</h1>
<p>{escape(sc.territory.name.get(lang, sc.language))} · {escape(datetime.now().strftime("%d/%m/%Y"))} · {escape(log_name)}</p>
{f'<p>{escape(t("report.fingerprint"))} <code>{escape(fingerprint)}</code></p>' if fingerprint else ""}
<h2>{escape(t("debrief.tab_plan"))}</h2>
<table><tr>{plan_head}</tr>{"".join(plan_rows) or f'<tr><td colspan="5">{escape(t("debrief.empty"))}</td></tr>'}</table>
<h2>{escape(t("chart.trajectory"))}</h2>{trajectory_svg(state, t)}
<h2>{escape(t("situation.per_person"))}</h2>{bars_svg(state, t)}
<table><tr><th></th><th>CO₂</th><th>{escape(t("report.energy"))}</th><th>{escape(t("report.biosphere"))}</th></tr>{fam_rows}</table>
<h2>{escape(t("review.title"))}</h2>
<p>{escape(t("review.inclusion", share=pct(fig.inclusion), left_out=", ".join(fig.left_out) or "—"))}</p>
<p>{escape(t("review.coverage", share=pct(fig.coverage)))}</p>
<p>{escape(t("review.meaningful", share=pct(fig.meaningful) if fig.meaningful is not None else "—"))}</p>
<h3>{escape(t("review.equity"))}</h3>
<table><tr><th></th><th>{escape(t("report.given"))}</th><th>{escape(t("report.means"))}</th><th>{escape(t("report.ratio"))}</th></tr>{equity}</table>
</body></html>
"""


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
