"""Export and import: a session's log becomes a signed, pseudonymised bundle, and a bundle is
accepted only once everything in it checks out.

Export replays the association's log, pseudonymises every action (`pseudonym`), plays them again
on the pseudonymised scenario into a new log — so its hash chain, checkpoints and closing line
are re-derived, and its fingerprint is its own — and records the original fingerprint beside it
so that whoever holds both can match them. The summary is computed from the pseudonymised log,
so an importer can recompute it. Import checks the signature, every checksum, the hash chain
and the replay of the log, and that the summary is what the log gives.
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import tomli_w

from .. import actions as A
from ..log.lines import FACILITATOR, Header, LogWriter, header_record
from ..log.replay import Replay, replay
from ..log.session import Session
from ..scenario.load import ScenarioError, parse_scenario, scenario_digest
from ..state import initial_state
from . import bundle, pseudonym
from .summary import summarise

LOG_MEMBER = "session.jsonl"
SUMMARY_MEMBER = "summary.json"


class ExchangeError(Exception):
    """A log that cannot be exported, or a bundle refused: the message names the file (and line
    or member) and the reason."""


@dataclass
class Exported:
    path: Path
    manifest: dict
    kept_words: list[tuple[str, str]] = field(default_factory=list)  # (whose, words) that left


class _Replaying(Session):
    """A session that writes exactly the logged moves, chance's included: it never draws itself."""

    def _draw_owed(self) -> None:
        pass


def _specs(result: Replay, records: list[dict]) -> dict[str, dict]:
    specs = {f.id: f.model_dump(mode="json") for f in result.scenario.families}
    for r in records:
        a = r["action"]
        if a.get("kind") in ("add_family", "edit_family") and isinstance(a.get("family"), dict):
            specs[a["family"]["id"]] = a["family"]
    return specs


def pseudonymise(log: str | Path, out_log: str | Path, with_text: bool) -> tuple[Replay, Replay, pseudonym.Pseudonyms]:
    """Write the pseudonymised log; returns the original's replay, the new one's, and the plan."""
    records: list[dict] = []  # every action line, undone ones included, as replay reads them
    original = replay(log, lambda number, record, action, state: records.append(record))
    if not original.ok:
        raise ExchangeError(original.describe_error())
    playing = {f.id for f in original.state.families}
    plan = pseudonym.plan(_specs(original, records), playing, with_text)
    header = original.header
    data = pseudonym.scenario(tomllib.loads(header["scenario"]), plan)
    text = tomli_w.dumps(data)
    try:
        scenario = parse_scenario(text, "scenario.toml")
    except ScenarioError as exc:  # a name scrubbed into an id could break a reference
        raise ExchangeError(f"{log}: the pseudonymised scenario is not valid: {exc.issues[0]}") from None
    day = str(header.get("created", ""))[:10]
    writer = LogWriter(out_log, durable=False)
    sha = scenario_digest(text)
    writer.write(header_record(Header(
        session=header["session"], created=day, language=header.get("language", scenario.language),
        seed=header["seed"], scenario_text=text, scenario_sha256=sha,
        scenario_name=f"{scenario.territory.id}.toml",
    )), "header")
    clock = {"time": day}
    session = _Replaying(scenario, initial_state(scenario, header["seed"]), writer, lambda: clock["time"], sha)
    for record in records:
        moved = pseudonym.action(record, plan)
        clock["time"] = moved.get("time", day)
        action = A.ACTION_ADAPTER.validate_python(moved["action"])
        session.act(action, moved.get("actor", FACILITATOR))
    session.close()
    again = replay(out_log)
    if not again.ok:
        raise ExchangeError(f"{log}: the pseudonymised session does not replay: {again.describe_error()}")
    return original, again, plan


def summary_bytes(result: Replay) -> bytes:
    return orjson.dumps(summarise(result.state, result.header), option=orjson.OPT_SORT_KEYS)


def export(log: str | Path, out: str | Path, key, with_text: bool = False) -> Exported:
    with tempfile.TemporaryDirectory() as tmp:
        pseudo_log = Path(tmp) / LOG_MEMBER
        original, pseudo, plan = pseudonymise(log, pseudo_log, with_text)
        scenario = pseudo.scenario
        consented = sum(plan.consent.values())
        manifest = {
            "session": pseudo.header["session"],
            "territory": scenario.territory.id,
            "country": scenario.territory.country,
            "created": pseudo.header["created"],
            "engine": pseudo.header.get("engine"),
            "log_format": pseudo.header.get("version"),
            "scenario_sha256": pseudo.header["scenario_sha256"],
            "complete": pseudo.complete,
            "fingerprint": pseudo.fingerprint(),
            "original_fingerprint": original.fingerprint(),
            "consent": {
                "families": len(plan.consent),
                "consented": consented,
                "text": "with consent" if with_text and consented else "figures only",
                "words": len(plan.kept),
            },
        }
        members = {LOG_MEMBER: pseudo_log.read_bytes(), SUMMARY_MEMBER: summary_bytes(pseudo)}
    bundle.write(out, manifest, members, key)
    return Exported(Path(out), manifest, list(plan.kept))


@dataclass
class Verified:
    bundle: bundle.Bundle
    summary: dict
    signer_known: str | None  # the key's label when the network knows it


def known_keys(folder: str | Path) -> dict[str, str]:
    """The keys a network knows, from FOLDER/keys.txt: one 'HEX label' a line ('#' comments)."""
    path = Path(folder) / "keys.txt"
    keys: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                hex_, _, label = line.partition(" ")
                keys[hex_.lower()] = label.strip() or hex_[:16]
    return keys


def verify(path: str | Path, keys: dict[str, str] | None = None) -> Verified:
    """Everything checked, or ExchangeError naming the bundle and the member at fault."""
    try:
        b = bundle.read(path)
    except bundle.BundleError as exc:
        raise ExchangeError(str(exc)) from None
    name = str(path)
    for member in (LOG_MEMBER, SUMMARY_MEMBER):
        if member not in b.members:
            raise ExchangeError(f"{name}:{member}: missing")
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / LOG_MEMBER
        log.write_bytes(b.members[LOG_MEMBER])
        result = replay(log)
        if not result.ok:
            where = result.describe_error().replace(str(log), f"{name}:{LOG_MEMBER}", 1)
            raise ExchangeError(where)
        if result.fingerprint() != b.manifest.get("fingerprint"):
            raise ExchangeError(f"{name}:{LOG_MEMBER}: its fingerprint is not the manifest's")
        recomputed = orjson.loads(summary_bytes(result))
    try:
        summary = orjson.loads(b.members[SUMMARY_MEMBER])
    except orjson.JSONDecodeError:
        raise ExchangeError(f"{name}:{SUMMARY_MEMBER}: not valid JSON") from None
    if summary != recomputed:
        raise ExchangeError(f"{name}:{SUMMARY_MEMBER}: differs from what the log gives")
    return Verified(b, summary, (keys or {}).get(b.signer))


def accept(path: str | Path, into: str | Path, keys: dict[str, str] | None = None) -> tuple[Verified, Path]:
    """Verify, then keep a copy under INTO/<territory>/<session>.zip."""
    verified = verify(path, keys)
    return verified, keep(path, verified, into)


def keep(path: str | Path, verified: Verified, into: str | Path) -> Path:
    """A copy of a verified bundle under INTO/<territory>/<session>.zip."""
    m = verified.bundle.manifest
    target = Path(into) / str(m["territory"]) / f"{m['session']}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    return target
