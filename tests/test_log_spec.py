"""docs/log-format.md is enough to verify a log: this verifier was written from the document
alone (hashlib, json and gzip only, no engine code) and checks the committed fixture logs."""

import gzip
import hashlib
import json
import zlib
from pathlib import Path

import pytest

LOGS = Path(__file__).parent / "data" / "logs"
FIXTURES = sorted(LOGS.glob("v*.jsonl*"))
TAIL = len(b',"hash":"') + 64 + len(b'"}')


def text_of(data: bytes) -> bytes:
    """§1: gzip when the first two bytes are 1f 8b, members one after the other; a stream cut
    after a flush keeps what was written before the cut."""
    if data[:2] != b"\x1f\x8b":
        return data
    out = []
    while data:
        member = zlib.decompressobj(wbits=31)
        out.append(member.decompress(data))
        data = member.unused_data if member.eof else b""
    return b"".join(out)


def verify(path: Path) -> int:
    """Checks every line's hash and the chain (§2, or §10 for version 1); returns the number of
    lines. Raises AssertionError naming the first bad line."""
    text = text_of(path.read_bytes())
    assert text.endswith(b"\n"), "the last line has no newline"
    lines = text[:-1].split(b"\n")
    version = json.loads(lines[0])["version"]
    previous = b""
    for number, line in enumerate(lines, start=1):
        assert line[-TAIL:-66] == b',"hash":"' and line[-2:] == b'"}', f"line {number}: no hash member"
        body, claimed = line[:-TAIL] + b"}", line[-66:-2].decode("ascii")
        if version == 2:
            digest = hashlib.sha256(previous + body).digest()
        else:
            assert json.loads(body)["prev"] == previous.hex(), f"line {number}: prev"
            digest = hashlib.sha256(previous.hex().encode("ascii") + b"\n" + body).digest()
        assert digest.hex() == claimed, f"line {number}: hash"
        record = json.loads(line)
        if number == 1:
            assert record["format"] == "bve-session-log"
            assert hashlib.sha256(record["scenario"].encode("utf-8")).hexdigest() == record["scenario_sha256"]
        else:
            assert {"action", "checkpoint", "closing"} & set(record), f"line {number}: kind"
        previous = digest
    return len(lines)


def test_fixtures_of_both_versions_are_there():
    versions = {p.name[:2] for p in FIXTURES}
    assert versions == {"v1", "v2"} and any(p.suffix == ".gz" for p in FIXTURES)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_the_documents_verifier_accepts_every_fixture(path):
    assert verify(path) > 10


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_the_documents_verifier_and_replay_agree_on_an_edit(path, tmp_path):
    from engine.log.replay import replay

    text = text_of(path.read_bytes())
    at = text.index(b'"seq":5') + len(b'"seq":')
    edited = text[:at] + b"6" + text[at + 1 :]
    bad = tmp_path / path.name
    bad.write_bytes(gzip.compress(edited) if path.suffix == ".gz" else edited)
    with pytest.raises(AssertionError, match="hash"):
        verify(bad)
    assert not replay(bad).ok


def test_version_2_closes_its_sessions_as_documented():
    for path in FIXTURES:
        if path.name.startswith("v2"):
            last = json.loads(text_of(path.read_bytes()).rstrip(b"\n").rsplit(b"\n", 1)[1])
            assert set(last["closing"]) == {"actions", "digest"} and last["closing"]["actions"] == last["seq"]
