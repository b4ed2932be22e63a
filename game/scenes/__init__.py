"""The scenes of the table, one per thing the room sees: title, set-up, the six phases, debrief.

Each scene's module is imported the first time it is shown (the title's first frame needs no
round scene, nor the engine they use)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

MODULES = {
    "title": ("title", "build"),
    "setup": ("setup", "build"),
    "situation": ("situation", "build"),
    "proposals": ("proposals", "build"),
    "pledges": ("pledges", "build"),
    "codecision": ("codecision", "build"),
    "resolution": ("results", "build_resolution"),
    "review": ("results", "build_review"),
    "debrief": ("debrief", "build"),
}
SCENES: dict[str, SimpleNamespace] = {}


def scene_for(key: str):
    scene = SCENES.get(key)
    if scene is None:
        module, name = MODULES[key]
        scene = SCENES[key] = SimpleNamespace(build=getattr(importlib.import_module(f"{__name__}.{module}"), name))
    return scene
