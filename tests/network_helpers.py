"""Builders shared by the network's tests."""

import zipfile


def rezip(src, dst, change=None, drop=None):
    """A copy of a zip, one member changed (`change`: (name, function of its bytes)) or dropped."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w") as out:
        for info in z.infolist():
            if info.filename == drop:
                continue
            data = z.read(info)
            if change and info.filename == change[0]:
                data = change[1](data)
            out.writestr(info.filename, data)
