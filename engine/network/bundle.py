"""The bundle: a zip with a manifest, its members and the manifest's Ed25519 signature.

The manifest lists every member with its SHA-256 and size, and the signature covers the
manifest's exact bytes, so one changed byte anywhere is found: in a member by its checksum, in
the manifest by the signature. Reading is bounded: a member larger than its manifest says, or a
bundle with more members than a session makes, is refused before it is unpacked.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .keys import public_from_hex, public_hex

FORMAT = "bve-bundle"
VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MAX_MEMBERS = 16
MAX_MEMBER_BYTES = 256 * 1024 * 1024
# a fixed time inside the zip: the same bundle content gives the same bytes
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


class BundleError(Exception):
    """A bundle refused, with the member at fault (or none): `BUNDLE.zip:member: reason`."""

    def __init__(self, bundle: str, member: str | None, reason: str) -> None:
        super().__init__(f"{bundle}:{member}: {reason}" if member else f"{bundle}: {reason}")
        self.bundle, self.member, self.reason = bundle, member, reason


@dataclass
class Bundle:
    path: str
    manifest: dict
    members: dict[str, bytes] = field(default_factory=dict)

    @property
    def signer(self) -> str:
        return self.manifest["signer"]


WRITTEN_FIELDS = ("format", "version", "signer", "members")  # what `write` adds to a manifest


def own_fields(manifest: dict) -> dict:
    """A read manifest less what `write` adds: what to give `write` to sign the same content anew."""
    return {k: v for k, v in manifest.items() if k not in WRITTEN_FIELDS}


def write(path: str | Path, manifest: dict, members: dict[str, bytes], key: Ed25519PrivateKey) -> bytes:
    """Write the bundle; returns the manifest's bytes (what the signature covers)."""
    manifest = {
        **manifest,
        "format": FORMAT,
        "version": VERSION,
        "signer": public_hex(key),
        "members": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(members.items())
        },
    }
    manifest_bytes = orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2)
    signature = key.sign(manifest_bytes).hex().encode("ascii")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [(MANIFEST, manifest_bytes), (SIGNATURE, signature), *sorted(members.items())]:
            z.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
    Path(path).write_bytes(buffer.getvalue())
    return manifest_bytes


def read(path: str | Path, only: tuple[str, ...] | None = None) -> Bundle:
    """Open and check a bundle: signature, the list of members, every checksum. Raises BundleError.

    `only` unpacks and checks just those members (every listed one must still be there): the
    signature covers all the checksums, so what is read is as trustworthy as a full read."""
    name = str(path)
    p = Path(path)
    if not p.is_file():
        raise BundleError(name, None, "no such file" if not p.exists() else "not a regular file")
    try:
        z = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(name, None, f"not a bundle (not a readable zip: {exc})") from None
    with z:
        infos = {i.filename: i for i in z.infolist()}
        if len(infos) > MAX_MEMBERS + 2:
            raise BundleError(name, None, f"not a bundle ({len(infos)} members)")
        for required in (MANIFEST, SIGNATURE):
            if required not in infos:
                raise BundleError(name, required, "missing")
        manifest_bytes = _member(z, infos[MANIFEST], name, 1024 * 1024)
        try:
            manifest = orjson.loads(manifest_bytes)
        except orjson.JSONDecodeError:
            raise BundleError(name, MANIFEST, "not valid JSON") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BundleError(name, MANIFEST, f"not a bundle manifest (format is not '{FORMAT}')")
        version = manifest.get("version")
        if not isinstance(version, int) or version > VERSION:
            raise BundleError(
                name, MANIFEST, f"made by a newer version (bundle format {version}; this one reads up to {VERSION})"
            )
        _check_signature(name, manifest, manifest_bytes, _member(z, infos[SIGNATURE], name, 1024))
        listed = manifest.get("members")
        if not isinstance(listed, dict):
            raise BundleError(name, MANIFEST, "lists no members")
        members: dict[str, bytes] = {}
        for member, entry in sorted(listed.items()):
            if member not in infos:
                raise BundleError(name, member, "missing")
            if only is not None and member not in only:
                continue
            size = entry.get("bytes") if isinstance(entry, dict) else None
            if not isinstance(size, int) or not 0 <= size <= MAX_MEMBER_BYTES:
                raise BundleError(name, MANIFEST, f"bad entry for {member}")
            data = _member(z, infos[member], name, size)
            if len(data) != size or hashlib.sha256(data).hexdigest() != entry.get("sha256"):
                raise BundleError(name, member, "checksum differs")
            members[member] = data
        extra = sorted(set(infos) - set(listed) - {MANIFEST, SIGNATURE})
        if extra:
            raise BundleError(name, extra[0], "not listed in the manifest")
    return Bundle(name, manifest, members)


def _member(z: zipfile.ZipFile, info: zipfile.ZipInfo, bundle: str, limit: int) -> bytes:
    if info.file_size > limit:
        raise BundleError(bundle, info.filename, "larger than the manifest allows")
    try:
        with z.open(info) as f:
            data = f.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        # a zip's own CRC check fails on any changed byte of compressed data
        raise BundleError(bundle, info.filename, f"checksum differs ({exc})") from None
    if len(data) > limit:
        raise BundleError(bundle, info.filename, "larger than the manifest allows")
    return data


def _check_signature(name: str, manifest: dict, manifest_bytes: bytes, signature: bytes) -> None:
    try:
        public = public_from_hex(str(manifest.get("signer", "")))
        public.verify(bytes.fromhex(signature.decode("ascii")), manifest_bytes)
    except (ValueError, UnicodeDecodeError):
        raise BundleError(name, SIGNATURE, "not a valid signature") from None
    except InvalidSignature:
        raise BundleError(name, MANIFEST, "the signature does not match: the manifest was changed") from None
