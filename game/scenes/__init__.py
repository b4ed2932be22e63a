"""The scenes of the table, one per thing the room sees: title, set-up, the six phases, debrief."""

from __future__ import annotations

from types import SimpleNamespace

from . import codecision, debrief, pledges, proposals, results, setup, situation, title

SCENES = {
    "title": SimpleNamespace(build=title.build),
    "setup": SimpleNamespace(build=setup.build),
    "situation": SimpleNamespace(build=situation.build),
    "proposals": SimpleNamespace(build=proposals.build),
    "pledges": SimpleNamespace(build=pledges.build),
    "codecision": SimpleNamespace(build=codecision.build),
    "resolution": SimpleNamespace(build=results.build_resolution),
    "review": SimpleNamespace(build=results.build_review),
    "debrief": SimpleNamespace(build=debrief.build),
}


def scene_for(key: str):
    return SCENES[key]
