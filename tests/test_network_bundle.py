"""Bundles: what the manifest and signature catch, and the installation's key."""

import zipfile

import pytest

from engine.network import bundle, keys
from tests.network_helpers import rezip


@pytest.fixture()
def key(tmp_path):
    return keys.load_or_create(tmp_path / "data")


def _members():
    return {"session.jsonl": b'{"a":1}\n{"b":2}\n', "summary.json": b'{"format":"bve-summary"}'}




def test_the_key_is_made_once_and_kept_private(tmp_path):
    first = keys.load_or_create(tmp_path)
    again = keys.load_or_create(tmp_path)
    assert keys.public_hex(first) == keys.public_hex(again)
    assert (tmp_path / keys.KEY_FILE).stat().st_mode & 0o077 == 0


def test_a_bundle_reads_back_with_its_members_and_signer(tmp_path, key):
    path = tmp_path / "b.zip"
    bundle.write(path, {"session": "s1"}, _members(), key)
    b = bundle.read(path)
    assert b.members == _members()
    assert b.manifest["session"] == "s1"
    assert b.signer == keys.public_hex(key)


def test_the_same_content_gives_the_same_bytes(tmp_path, key):
    bundle.write(tmp_path / "a.zip", {"session": "s1"}, _members(), key)
    bundle.write(tmp_path / "b.zip", {"session": "s1"}, _members(), key)
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


@pytest.mark.parametrize("member", ["session.jsonl", "summary.json"])
@pytest.mark.parametrize("at", [0, 3, -1])
def test_a_changed_byte_in_any_member_is_named(tmp_path, key, member, at):
    path, bad = tmp_path / "b.zip", tmp_path / "bad.zip"
    bundle.write(path, {"session": "s1"}, _members(), key)

    def flip(data: bytes) -> bytes:
        i = at % len(data)
        return data[:i] + bytes([data[i] ^ 0x20]) + data[i + 1:]

    rezip(path, bad, change=(member, flip))
    with pytest.raises(bundle.BundleError) as err:
        bundle.read(bad)
    assert str(err.value) == f"{bad}:{member}: checksum differs"


def test_a_changed_manifest_breaks_the_signature(tmp_path, key):
    path, bad = tmp_path / "b.zip", tmp_path / "bad.zip"
    bundle.write(path, {"session": "s1", "territory": "fr-quartier"}, _members(), key)
    rezip(path, bad, change=(bundle.MANIFEST, lambda d: d.replace(b"fr-quartier", b"be-braine__")))
    with pytest.raises(bundle.BundleError, match="manifest.json: the signature does not match"):
        bundle.read(bad)


def test_a_removed_member_is_named(tmp_path, key):
    path, bad = tmp_path / "b.zip", tmp_path / "bad.zip"
    bundle.write(path, {"session": "s1"}, _members(), key)
    rezip(path, bad, drop="summary.json")
    with pytest.raises(bundle.BundleError, match=r"bad.zip:summary.json: missing"):
        bundle.read(bad)


def test_an_added_member_is_named(tmp_path, key):
    path, bad = tmp_path / "b.zip", tmp_path / "bad.zip"
    bundle.write(path, {"session": "s1"}, _members(), key)
    rezip(path, bad)
    with zipfile.ZipFile(bad, "a") as z:
        z.writestr("extra.txt", b"hello")
    with pytest.raises(bundle.BundleError, match=r"bad.zip:extra.txt: not listed in the manifest"):
        bundle.read(bad)


def test_a_newer_format_says_so(tmp_path, key):
    path = tmp_path / "b.zip"
    bundle.write(path, {"session": "s1"}, _members(), key)
    # re-signed after raising the version: only the version is new
    b = bundle.read(path)
    manifest = bundle.own_fields(b.manifest)
    original = bundle.VERSION
    try:
        bundle.VERSION = original + 1
        bundle.write(path, manifest, _members(), key)
    finally:
        bundle.VERSION = original
    with pytest.raises(bundle.BundleError, match="made by a newer version"):
        bundle.read(path)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really", b"hello"])
def test_what_is_not_a_bundle_is_refused_plainly(tmp_path, content):
    path = tmp_path / "x.zip"
    path.write_bytes(content)
    with pytest.raises(bundle.BundleError, match="not a bundle"):
        bundle.read(path)


def test_a_folder_or_a_missing_file_is_refused(tmp_path):
    with pytest.raises(bundle.BundleError, match="not a regular file"):
        bundle.read(tmp_path)
    with pytest.raises(bundle.BundleError, match="no such file"):
        bundle.read(tmp_path / "nothing.zip")
