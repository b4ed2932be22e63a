"""Export and import: pseudonymised, signed bundles; nothing of a family without consent leaves."""

import zipfile

import numpy as np
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import actions as A
from engine.bots import Greedy
from engine.log.session import Session
from engine.network import bundle, exchange, keys
from engine.rules import Rejected
from engine.scenario import FamilySpec
from tests.network_helpers import rezip


def _marker(prefix: str, i: int) -> str:
    return f"{prefix}Qz{i}vX"


def _spec(base: FamilySpec, i: int, consent: bool) -> FamilySpec:
    data = base.model_dump()
    data.update(
        id=f"{_marker('id', i).lower()}",
        name=_marker("Name", i),
        consent=consent,
        criteria=[{"text": _marker("Crit", i), "code": "D03"}],
    )
    return FamilySpec.model_validate(data)


def play_marked(mini, mini_text, path, consents, seed=5):
    """A session of families with marker names and words: criteria, answers' reasons, notes, asks."""
    session = Session.new(mini_text, seed, log_path=path, durable=False, scenario=mini)
    base = list(mini.families)
    for i, consent in enumerate(consents):
        session.act(A.AddFamily(family=_spec(base[i % len(base)], i, consent)))
    bot, rng = Greedy(), np.random.default_rng(seed)
    while not session.state.is_terminal:
        for action in bot.phase_actions(lambda: session.state, rng):
            if isinstance(action, A.Answer):
                index = next(i for i, f in enumerate(session.state.families) if f.id == action.family)
                action = A.Answer(project=action.project, family=action.family, answer="concern",
                                  reason=_marker("Why", index))
            try:
                session.act(action, actor=getattr(action, "family", None) or "facilitator")
            except Rejected:
                pass
        if session.state.phase == "review":
            session.act(A.Note(text=_marker("Note", session.state.round)))
        session.act(A.Advance())
    session.act(A.Ask(level="region", about="mobility", text=_marker("Ask", 0)))
    session.close()
    return session


def _all_bytes(path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"\n".join(z.read(name) for name in z.namelist())


def _own_words(i: int) -> list[str]:
    return [_marker("Name", i), _marker("Crit", i), _marker("Why", i), _marker("id", i).lower()]


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return keys.load_or_create(tmp_path_factory.mktemp("key"))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(consents=st.lists(st.booleans(), min_size=1, max_size=5), with_text=st.booleans())
def test_nothing_of_a_family_without_consent_leaves(tmp_path_factory, mini, mini_text, key, consents, with_text):
    tmp = tmp_path_factory.mktemp("export")
    play_marked(mini, mini_text, tmp / "s.jsonl", consents)
    exported = exchange.export(tmp / "s.jsonl", tmp / "b.zip", key, with_text=with_text)
    data = _all_bytes(tmp / "b.zip")
    for i, consent in enumerate(consents):
        assert _marker("Name", i).encode() not in data  # names never leave
        assert _marker("id", i).lower().encode() not in data  # nor ids
        assert (_marker("Crit", i).encode() in data) == (with_text and consent)
        if not (with_text and consent):
            assert _marker("Why", i).encode() not in data
    everyone = all(consents)
    for words in (_marker("Note", 1), _marker("Ask", 0)):
        assert (words.encode() in data) == (with_text and everyone)
    assert exported.manifest["consent"]["consented"] == sum(consents)


def test_a_bundle_imports_and_its_summary_is_what_its_log_gives(tmp_path, mini, mini_text, key):
    session = play_marked(mini, mini_text, tmp_path / "s.jsonl", [True, False, True, True])
    exported = exchange.export(tmp_path / "s.jsonl", tmp_path / "b.zip", key)
    assert exported.manifest["original_fingerprint"] == session.fingerprint()
    assert exported.manifest["complete"] is True
    verified, kept = exchange.accept(tmp_path / "b.zip", tmp_path / "network", {keys.public_hex(key): "here"})
    assert verified.signer_known == "here"
    assert kept == tmp_path / "network" / "mini" / f"{exported.manifest['session']}.zip"
    summary = verified.summary
    assert [f["family"] for f in summary["families"]] == ["family-1", "family-2", "family-3", "family-4"]
    assert summary["asks"] == [{"round": mini.years.rounds, "level": "region", "about": "mobility", "text": "…"}]
    # the pseudonymised session tells the same story as the original
    original = exchange.summary_bytes(exchange.replay(tmp_path / "s.jsonl"))
    assert [p["project"] for p in orjson.loads(original)["projects"]] == [p["project"] for p in summary["projects"]]
    assert orjson.loads(original)["trajectory"] == summary["trajectory"]




@pytest.fixture(scope="module")
def exported(tmp_path_factory, mini, mini_text, key):
    tmp = tmp_path_factory.mktemp("tamper")
    play_marked(mini, mini_text, tmp / "s.jsonl", [True, True, True])
    exchange.export(tmp / "s.jsonl", tmp / "b.zip", key)
    return tmp / "b.zip"


@pytest.mark.parametrize("member", [exchange.LOG_MEMBER, exchange.SUMMARY_MEMBER, bundle.MANIFEST])
def test_a_changed_byte_in_any_member_is_refused_by_name(tmp_path, exported, member):
    bad = tmp_path / "bad.zip"
    size = len(zipfile.ZipFile(exported).read(member))
    for at in (0, size // 2, size - 2):
        rezip(exported, bad, change=(member, lambda d: d[:at] + bytes([d[at] ^ 0x01]) + d[at + 1:]))
        with pytest.raises(exchange.ExchangeError) as err:
            exchange.verify(bad)
        expected = bundle.MANIFEST if member == bundle.MANIFEST else member
        assert str(err.value).startswith(f"{bad}:{expected}: ")


@pytest.mark.parametrize("member", [exchange.LOG_MEMBER, exchange.SUMMARY_MEMBER, bundle.SIGNATURE])
def test_a_removed_member_is_refused_by_name(tmp_path, exported, member):
    bad = tmp_path / "bad.zip"
    rezip(exported, bad, drop=member)
    with pytest.raises(exchange.ExchangeError, match=f"bad.zip:{member}: missing"):
        exchange.verify(bad)


def test_a_bundle_re_signed_with_another_key_is_from_an_unknown_key(tmp_path, exported, key):
    other = keys.load_or_create(tmp_path / "other")
    b = bundle.read(exported)
    manifest = bundle.own_fields(b.manifest)
    bundle.write(tmp_path / "resigned.zip", manifest, b.members, other)
    verified = exchange.verify(tmp_path / "resigned.zip", {keys.public_hex(key): "ours"})
    assert verified.signer_known is None
    assert exchange.verify(exported, {keys.public_hex(key): "ours"}).signer_known == "ours"


def test_a_forged_summary_with_a_valid_signature_is_refused(tmp_path, exported, key):
    b = bundle.read(exported)
    summary = orjson.loads(b.members[exchange.SUMMARY_MEMBER])
    summary["trajectory"][-1]["co2_kg"] = 1999.0
    members = {**b.members, exchange.SUMMARY_MEMBER: orjson.dumps(summary)}
    manifest = bundle.own_fields(b.manifest)
    bundle.write(tmp_path / "forged.zip", manifest, members, key)
    with pytest.raises(exchange.ExchangeError, match="summary.json: differs from what the log gives"):
        exchange.verify(tmp_path / "forged.zip")


def test_a_damaged_log_is_not_exported(tmp_path, mini, mini_text, key):
    play_marked(mini, mini_text, tmp_path / "s.jsonl", [True, True])
    data = (tmp_path / "s.jsonl").read_bytes()
    (tmp_path / "s.jsonl").write_bytes(data.replace(b'"advance"', b'"advancE"', 1))
    with pytest.raises(exchange.ExchangeError, match=r"s.jsonl:\d+: "):
        exchange.export(tmp_path / "s.jsonl", tmp_path / "b.zip", key)
    assert not (tmp_path / "b.zip").exists()
