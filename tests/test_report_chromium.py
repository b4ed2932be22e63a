"""The saved report in a real browser: headless Chromium loads it without a console error, each
gauge is as long as its value, and it prints to A4 in two to four pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.scenario.load import load_scenario
from engine.simulate import play
from game.report import render
from tests import chromium

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "scenarios" / "fr-quartier.toml"

# measures what the page drew and any error, into the DOM Chromium dumps
PROBE = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message)));
const _error = console.error;
console.error = (...a) => { window.__errors.push(a.join(' ')); _error(...a); };
window.addEventListener('load', () => {
  const gauges = [...document.querySelectorAll('rect.gauge')].map(r => ({
    footprint: +r.dataset.footprint, value: +r.dataset.value, most: +r.dataset.most,
    width: r.getBoundingClientRect().width}));
  const out = document.createElement('pre');
  out.id = 'probe';
  out.textContent = JSON.stringify({gauges, errors: window.__errors});
  document.body.appendChild(out);
});
</script>"""


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    scenario = load_scenario(DEMO)
    session = play(scenario, DEMO.read_text(encoding="utf-8"), seed=5)
    folder = tmp_path_factory.mktemp("report")
    path = folder / "session.report.html"
    path.write_text(render(session.state, "fr", "session.jsonl", session.fingerprint()), encoding="utf-8")
    return path


def test_the_report_loads_without_error_and_its_gauges_are_to_scale(report):
    probed = report.with_name("probed.html")
    probed.write_text(report.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    done = chromium.run("--virtual-time-budget=5000", "--dump-dom", probed.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="probe">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stdout[-2000:]
    data = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert data["errors"] == []
    gauges = data["gauges"]
    assert len(gauges) == 6, gauges
    for g in gauges:
        assert g["width"] > 0
    # within a gauge the bars share one scale: width / value is the same for start and now
    for i in range(3):
        pair = [g for g in gauges if g["footprint"] == i]
        ratios = [g["width"] / g["value"] for g in pair]
        assert abs(ratios[0] - ratios[1]) <= 0.01 * max(ratios), pair
        assert all(g["width"] < ratios[0] * g["most"] for g in pair), "no bar is full width by default"


def test_the_report_speaks_french_numbers(report):
    html = report.read_text(encoding="utf-8")
    assert "hag" in html and " gha" not in html
    assert re.search(r"\d+,\d\u00a0t|\d+,\d t", html), "tonnes with a decimal comma"
    assert not re.search(r"\d+\.\d t\b", html), "no decimal point in French"
    assert "cible 2,0" in html, "the gauges name their target value"
    assert re.search(r"Empreinte de la séance.*<code>[0-9a-f]{16}</code>", html), "the session's fingerprint"
    assert "Pourquoi pas 2,0" in html


def test_the_report_prints_to_a4_in_two_to_four_pages(report):
    pdf = report.with_suffix(".pdf")
    done = chromium.run(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report.as_uri())
    assert pdf.exists() and pdf.stat().st_size > 0, done.stderr[-2000:]
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", data))
    assert 2 <= pages <= 4, pages
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
    assert box and abs(float(box.group(1)) - 595) < 3 and abs(float(box.group(2)) - 842) < 3, "A4"
