"""The network's synthesis of syntheses: one self-contained HTML page across territories.

No outside file and no network access: styles and SVG charts are inline, and the page prints on
A4. It reads only sessions' summaries, so what it shows is what the bundles let leave the table.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from statistics import median
from typing import Callable

LEVELS = ("municipality", "platform", "region", "state", "europe")

# The page's words in the engine's English; the shell gives them in the reader's language from the
# translators' catalogues (assets/i18n, keys "synthesis.*"), as it words the engine's messages.
ENGLISH = {
    "synthesis.title": 'TOGETHER network synthesis',
    "synthesis.lede": '{sessions} sessions in {territories} territories, {families} families.',
    "synthesis.territories": 'Territories',
    "synthesis.territory": 'Territory',
    "synthesis.sessions": 'Sessions',
    "synthesis.families": 'Families',
    "synthesis.co2_start": 'CO₂ at the start',
    "synthesis.co2_end": 'CO₂ reached',
    "synthesis.target": 'target',
    "synthesis.reached": 'Targets reached',
    "synthesis.chart": 'CO₂ per person per year: at the start (grey), reached (orange), target (black line)',
    "synthesis.projects": 'Projects adopted, by territory',
    "synthesis.project": 'Project',
    "synthesis.dimensions": 'Well-being dimensions served (adopted projects)',
    "synthesis.objections": 'Objections, by dimension of the criterion cited',
    "synthesis.none": 'none',
    "synthesis.equity": 'Equity',
    "synthesis.inclusion": 'Families included',
    "synthesis.money_ratio": 'Money given / means (median)',
    "synthesis.asks": 'Asks to the higher levels',
    "synthesis.level": 'Level',
    "synthesis.about": 'Subject',
    "synthesis.count": 'Count',
    "synthesis.no_asks": 'No ask was sent.',
    "synthesis.unit_t": 't',
    "synthesis.decimal": '.',
    "synthesis.co2_kg": 'CO₂',
    "synthesis.energy_kwh": 'energy',
    "synthesis.biosphere_m2": 'biosphere',
    "synthesis.level.municipality": 'municipality',
    "synthesis.level.platform": 'territorial platform',
    "synthesis.level.region": 'region',
    "synthesis.level.state": 'state',
    "synthesis.level.europe": 'Europe',
    "synthesis.dim.A": 'access to means of living',
    "synthesis.dim.B": 'living environment',
    "synthesis.dim.C": 'relations with and between organisations',
    "synthesis.dim.D": 'personal relations',
    "synthesis.dim.E": 'social balances',
    "synthesis.dim.F": 'personal balance',
    "synthesis.dim.G": 'feelings of well-being / ill-being',
    "synthesis.dim.H": 'attitudes and initiatives',
    "synthesis.dim.I": 'relation to nature and future generations',
}


def english(key: str, params: dict) -> str:
    return ENGLISH[key].format(**params)

STYLE = """
body{font-family:Arial,Helvetica,sans-serif;font-size:17px;color:#1a1a1a;max-width:62em;margin:2em auto;
line-height:1.45;padding:0 1em}h1,h2{line-height:1.2}table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border:1px solid #777;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#ece8de}
td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#4a4a4a}
@page{size:A4;margin:15mm}@media print{body{margin:0;max-width:none;font-size:11pt}
table,svg,section{break-inside:avoid}}
"""


def _num(value: float | None, words: dict, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", words["decimal"])


def _t(kg: float | None, words: dict) -> str:
    return "–" if kg is None else f"{_num(kg / 1000, words)}\u00a0{words['unit_t']}"


def by_territory(summaries: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for s in summaries:
        out[s["territory"]].append(s)
    return dict(sorted(out.items()))


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _territory_rows(groups: dict[str, list[dict]]) -> list[dict]:
    rows = []
    for territory, sessions in groups.items():
        starts = [s["trajectory"][0]["co2_kg"] for s in sessions if s["trajectory"]]
        ends = [s["trajectory"][-1]["co2_kg"] for s in sessions if s["trajectory"]]
        reached = Counter()
        for s in sessions:
            if not s["trajectory"]:
                continue
            end = s["trajectory"][-1]
            for key in ("co2_kg", "energy_kwh", "biosphere_m2"):
                reached[key] += end[key] <= s["targets"][key]
        ratios = [e["money_ratio"] for s in sessions for e in s["equity"] if e["money_ratio"] is not None]
        included = [e["included"] for s in sessions for e in s["equity"]]
        rows.append({
            "territory": territory,
            "sessions": len(sessions),
            "families": sum(sum(f.get("present", True) for f in s["families"]) for s in sessions),
            "co2_start": _mean(starts), "co2_end": _mean(ends), "target": sessions[0]["targets"]["co2_kg"],
            "reached": reached,
            "money_ratio": median(ratios) if ratios else None,
            "inclusion": sum(included) / len(included) if included else None,
        })
    return rows


def _chart(rows: list[dict], words: dict) -> str:
    top = max([r["co2_start"] or 0 for r in rows] + [r["target"] for r in rows] + [1.0]) * 1.05
    left, width, bar, gap = 190, 520, 14, 14
    height = len(rows) * (2 * bar + gap) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 90} {height}" width="100%" '
             f'role="img" aria-label="{escape(words["chart"])}">']
    for i, r in enumerate(rows):
        y = 10 + i * (2 * bar + gap)
        scale = width / top
        parts.append(f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end" font-size="14">'
                     f'{escape(r["territory"])}</text>')
        for k, (key, colour) in enumerate((("co2_start", "#999999"), ("co2_end", "#D55E00"))):
            value = r[key] or 0
            parts.append(f'<rect class="bar {key}" x="{left}" y="{y + k * bar}" width="{value * scale:.1f}" '
                         f'height="{bar - 2}" fill="{colour}" data-value="{value:.1f}"/>')
        parts.append(f'<text x="{left + (r["co2_end"] or 0) * scale + 6:.1f}" y="{y + 2 * bar - 3}" '
                     f'font-size="13">{escape(_t(r["co2_end"], words))}</text>')
        tx = left + r["target"] * scale
        parts.append(f'<line class="target" x1="{tx:.1f}" x2="{tx:.1f}" y1="{y - 2}" y2="{y + 2 * bar}" '
                     f'stroke="#000" stroke-width="3"/>')
    parts.append("</svg>")
    return "".join(parts)


def render(summaries: list[dict], language: str = "en",
           say: Callable[[str, dict], str] = english) -> str:
    """The page in `language`, its words from `say(key, params)` (the engine's English unless
    the shell gives the catalogues' words)."""
    w = {key.removeprefix("synthesis."): say(key, {}) for key in ENGLISH if key != "synthesis.lede"}
    groups = by_territory(summaries)
    rows = _territory_rows(groups)
    families = sum(r["families"] for r in rows)
    out = [f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f'<title>{escape(w["title"])}</title><style>{STYLE}</style></head><body>',
           f'<h1>{escape(w["title"])}</h1>',
           f'<p>{escape(say("synthesis.lede", {"sessions": len(summaries), "territories": len(groups), "families": families}))}</p>']
    # one row per territory
    out.append(f'<section id="territories"><h2>{escape(w["territories"])}</h2><table><thead><tr>'
               f'<th>{escape(w["territory"])}</th><th>{escape(w["sessions"])}</th><th>{escape(w["families"])}</th>'
               f'<th>{escape(w["co2_start"])}</th><th>{escape(w["co2_end"])} ({escape(w["target"])})</th>'
               f'<th>{escape(w["reached"])}</th><th>{escape(w["inclusion"])}</th><th>{escape(w["money_ratio"])}</th>'
               f'</tr></thead><tbody>')
    for r in rows:
        reached = " · ".join(f"{w[key]} {r['reached'][key]}/{r['sessions']}"
                             for key in ("co2_kg", "energy_kwh", "biosphere_m2"))
        inclusion = "–" if r["inclusion"] is None else f"{round(100 * r['inclusion'])}\u00a0%"
        out.append(f'<tr class="territory"><td>{escape(r["territory"])}</td><td class="n">{r["sessions"]}</td>'
                   f'<td class="n">{r["families"]}</td><td class="n">{_t(r["co2_start"], w)}</td>'
                   f'<td class="n">{_t(r["co2_end"], w)} ({_t(r["target"], w)})</td><td>{escape(reached)}</td>'
                   f'<td class="n">{inclusion}</td><td class="n">{_num(r["money_ratio"], w, 2)}</td></tr>')
    out.append(f'</tbody></table>{_chart(rows, w)}<p class="muted">{escape(w["chart"])}</p></section>')
    out.append(_projects(groups, w))
    out.append(_dimensions(groups, w))
    out.append(_objections(groups, w))
    out.append(_asks(summaries, w))
    out.append("</body></html>")
    return "".join(out)


def _count_table(section: str, title: str, head: str, keys: list[str], groups: dict, counts: dict, w: dict) -> str:
    if not keys:
        return f'<section id="{section}"><h2>{escape(title)}</h2><p>{escape(w["none"])}</p></section>'
    cols = "".join(f"<th>{escape(t)}</th>" for t in groups)
    body = "".join(
        f"<tr><td>{escape(k)}</td>" + "".join(f'<td class="n">{counts[t].get(k, 0)}</td>' for t in groups) + "</tr>"
        for k in keys
    )
    return (f'<section id="{section}"><h2>{escape(title)}</h2><table><thead><tr><th>{escape(head)}</th>{cols}'
            f'</tr></thead><tbody>{body}</tbody></table></section>')


def _projects(groups: dict, w: dict) -> str:
    counts = {t: Counter(p["project"] for s in ss for p in s["projects"] if p["adopted_round"] is not None)
              for t, ss in groups.items()}
    total = sum(counts.values(), Counter())
    keys = [k for k, _ in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))]
    return _count_table("projects", w["projects"], w["project"], keys, groups, counts, w)


def _dimension_name(letter: str, w: dict) -> str:
    return f"{letter} – {w.get('dim.' + letter, letter)}"


def _dimensions(groups: dict, w: dict) -> str:
    counts = {
        t: Counter(_dimension_name(d, w) for s in ss for p in s["projects"] if p["adopted_round"] is not None
                   for d in sorted({code[0] for code in p["wellbeing"]}))
        for t, ss in groups.items()
    }
    keys = sorted(set().union(*counts.values())) if counts else []
    return _count_table("dimensions", w["dimensions"], w["dimensions"], keys, groups, counts, w)


def _objections(groups: dict, w: dict) -> str:
    counts = {
        t: Counter(_dimension_name(o["code"][0], w) if o["code"] else "–"
                   for s in ss for d in s["decisions"] for o in d["objections"])
        for t, ss in groups.items()
    }
    keys = sorted(set().union(*counts.values())) if counts else []
    return _count_table("objections", w["objections"], w["objections"], keys, groups, counts, w)


def _asks(summaries: list[dict], w: dict) -> str:
    counts = Counter((a["level"], a["about"]) for s in summaries for a in s["asks"])
    if not counts:
        return f'<section id="asks"><h2>{escape(w["asks"])}</h2><p>{escape(w["no_asks"])}</p></section>'
    order = {level: i for i, level in enumerate(LEVELS)}
    rows = "".join(
        f'<tr class="ask"><td>{escape(w.get("level." + level, level))}</td><td>{escape(about)}</td>'
        f'<td class="n">{n}</td></tr>'
        for (level, about), n in sorted(counts.items(), key=lambda kv: (order.get(kv[0][0], 99), -kv[1], kv[0][1]))
    )
    return (f'<section id="asks"><h2>{escape(w["asks"])}</h2><table><thead><tr><th>{escape(w["level"])}</th>'
            f'<th>{escape(w["about"])}</th><th>{escape(w["count"])}</th></tr></thead><tbody>{rows}</tbody>'
            f'</table></section>')
