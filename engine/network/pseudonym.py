"""Pseudonymising a session for the network: names become "Family 1..n", typed words stay home.

Family ids become `family-1..n` and names `Family 1..n`, numbered in the order of the original
ids (zero-padded) so that everything the rules sort by id sorts the same way and the session
replays to the same story. Typed words — criteria, objection reasons, notes, asks, amendment
notes — are replaced by `…` unless the export carries text and the words' owners consented: a
family's own words need that family's consent; the association's words (notes, asks,
amendments, which may speak of anyone) need every family's. A family's name is also replaced
wherever it appears inside kept words or the scenario's texts. Times are cut to the day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WITHHELD = "…"


@dataclass
class Pseudonyms:
    ids: dict[str, str]  # original id -> pseudonymous id
    names: dict[str, str]  # original name -> pseudonymous name
    consent: dict[str, bool]  # original id -> consent
    with_text: bool
    kept: list[tuple[str, str]] = field(default_factory=list)  # (whose, words) that leave the table
    _pattern: re.Pattern | None = None

    @property
    def everyone_consented(self) -> bool:
        return bool(self.consent) and all(self.consent.values())

    def family(self, family_id):
        return self.ids.get(family_id, family_id) if isinstance(family_id, str) else family_id

    def scrub(self, text: str) -> str:
        """Every original name inside a text replaced by its pseudonym (whole words only)."""
        if self._pattern is None:
            names = sorted((n for n in self.names if n), key=len, reverse=True)
            self._pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b") if names else re.compile(r"(?!x)x")
        return self._pattern.sub(lambda m: self.names[m.group(1)], text)

    def words(self, text, owner: str | None, allowed: bool):
        """Typed words: kept (names scrubbed) when allowed, else withheld."""
        if not isinstance(text, str) or not text:
            return text
        if self.with_text and allowed:
            kept = self.scrub(text)
            self.kept.append((self.family(owner) if owner else "association", kept))
            return kept
        return WITHHELD


def plan(specs: dict[str, dict], playing: set[str], with_text: bool) -> Pseudonyms:
    """`specs`: every family that appears (roster and set-up), id -> its last spec as plain data;
    `playing`: the families of the session, whose consent is asked (a roster family that did not
    play is pseudonymised all the same)."""
    # the session's families first, each group in the order of its ids
    ordered = sorted(specs, key=lambda fid: (fid not in playing, fid))
    width = len(str(len(ordered)))
    ids = {fid: f"family-{i + 1:0{width}d}" for i, fid in enumerate(ordered)}
    names = {}
    for i, fid in enumerate(ordered):
        name = specs[fid].get("name")
        if isinstance(name, str) and name:
            names[name] = f"Family {i + 1}"
    consent = {fid: bool(specs[fid].get("consent", False)) for fid in ordered if fid in playing}
    return Pseudonyms(ids=ids, names=names, consent=consent, with_text=with_text)


def family_spec(spec: dict, p: Pseudonyms) -> dict:
    fid = spec.get("id")
    out = dict(spec)
    out["id"] = p.family(fid)
    if "name" in spec:
        out["name"] = p.names.get(spec["name"], "Family")
    allowed = p.consent.get(fid, False)
    if "criteria" in spec:
        out["criteria"] = [
            {**c, "text": p.words(c.get("text"), fid, allowed)} if isinstance(c, dict) else c
            for c in spec["criteria"]
        ]
    return out


def action(record: dict, p: Pseudonyms) -> dict:
    """One logged action's record ({seq, time, actor, action, ...}) pseudonymised."""
    out = dict(record)
    if "time" in out and isinstance(out["time"], str):
        out["time"] = out["time"][:10]
    if "actor" in out:
        out["actor"] = p.family(out["actor"])
    a = dict(out.get("action") or {})
    kind = a.get("kind")
    if kind in ("add_family", "edit_family") and isinstance(a.get("family"), dict):
        a["family"] = family_spec(a["family"], p)
    elif "family" in a:
        a["family"] = p.family(a["family"])
    if kind == "answer":
        a["reason"] = p.words(a.get("reason"), a.get("family"), p.consent.get(a.get("family"), False))
    if kind in ("note", "ask"):
        a["text"] = p.words(a.get("text"), None, p.everyone_consented)
    if kind == "amend":
        a["note"] = p.words(a.get("note"), None, p.everyone_consented)
    if "action" in out:
        out["action"] = a
    return out


def scenario(data: dict, p: Pseudonyms) -> dict:
    """The scenario as parsed TOML: the roster pseudonymised, names scrubbed from every text."""
    out = _scrub_all(data, p)
    out["families"] = [family_spec(f, p) for f in data.get("families", [])]
    for event in out.get("events", []):
        effect = event.get("effect")
        if isinstance(effect, dict) and "family" in effect:
            effect["family"] = p.family(effect["family"])
    return out


def _scrub_all(value, p: Pseudonyms):
    if isinstance(value, str):
        return p.scrub(value)
    if isinstance(value, list):
        return [_scrub_all(v, p) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_all(v, p) for k, v in value.items()}
    return value
