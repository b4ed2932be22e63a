"""What players and the facilitator can do: one pydantic model per action kind.

Actions are the inputs the session log records; the state is always what folding `apply` over
them gives. The union is discriminated on `kind`, so a log line names its action plainly.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from .scenario import FamilySpec, Generation, Id

NOTE_MAX = 2000  # characters of a note, a reason or an amendment's note
NoteText = Annotated[str, StringConstraints(max_length=NOTE_MAX)]


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AddFamily(Action):
    kind: Literal["add_family"] = "add_family"
    family: FamilySpec


class EditFamily(Action):
    kind: Literal["edit_family"] = "edit_family"
    family: FamilySpec


class RemoveFamily(Action):
    kind: Literal["remove_family"] = "remove_family"
    family: Id


class UseRoster(Action):
    """Set-up: take the scenario's preset roster (the families there from the start)."""

    kind: Literal["use_roster"] = "use_roster"


class ClassMode(Action):
    """Set-up: play as a class (three rounds, no card that adds or removes a family)."""

    kind: Literal["class_mode"] = "class_mode"


class Advance(Action):
    kind: Literal["advance"] = "advance"


class DrawEvent(Action):
    """Chance's move: the event card drawn for this round (None: the deck is empty)."""

    kind: Literal["draw_event"] = "draw_event"
    event: Id | None = None


class Propose(Action):
    kind: Literal["propose"] = "propose"
    project: Id
    family: Id | None = None  # who proposes; None: the facilitator for the group
    scale: float = Field(default=1.0, ge=0.25, le=4)


class Pledge(Action):
    """A family's pledge to a proposal or a running project; it replaces the family's previous one."""

    kind: Literal["pledge"] = "pledge"
    project: Id
    family: Id
    monthly_eur: float = Field(default=0, ge=0, le=1e5, allow_inf_nan=False)
    oneoff_eur: float = Field(default=0, ge=0, le=1e7, allow_inf_nan=False)
    weekly_hours: float = Field(default=0, ge=0, le=80, allow_inf_nan=False)
    participates: bool = True
    # who in the family gives the hours; None: the family as a whole (logs before generations)
    generation: Generation | None = None


class Withdraw(Action):
    kind: Literal["withdraw"] = "withdraw"
    project: Id
    family: Id


class Cofund(Action):
    """The association asks the territorial platform to pay part of a proposal's upfront cost."""

    kind: Literal["cofund"] = "cofund"
    project: Id
    amount: float = Field(ge=0, le=1e8, allow_inf_nan=False)


class Answer(Action):
    kind: Literal["answer"] = "answer"
    project: Id
    family: Id
    answer: Literal["consent", "concern", "objection"]
    reason: NoteText | None = None
    criterion: int | None = Field(default=None, ge=0, le=64)


class Amend(Action):
    kind: Literal["amend"] = "amend"
    project: Id
    scale: float = Field(default=1.0, ge=0.25, le=4)
    note: NoteText = ""


class Decide(Action):
    """Apply the rule's verdict; a facilitator's override (`adopt` / `reject`) is logged as such."""

    kind: Literal["decide"] = "decide"
    project: Id
    override: Literal["adopt", "reject"] | None = None


class Note(Action):
    kind: Literal["note"] = "note"
    text: NoteText


class Guess(Action):
    """Predict, then reveal: the room's guess of the association's CO₂ per person after this round."""

    kind: Literal["guess"] = "guess"
    co2_kg: float = Field(ge=0, le=1e6, allow_inf_nan=False)


class Ratify(Action):
    kind: Literal["ratify"] = "ratify"
    project: Id
    now: bool = True


AskLevel = Literal["municipality", "platform", "region", "state", "europe"]
ASK_LEVELS: tuple[str, ...] = get_args(AskLevel)


class Ask(Action):
    """The association's ask to a higher level, about a sector or a project, in one sentence."""

    kind: Literal["ask"] = "ask"
    level: AskLevel
    about: Id
    text: Annotated[str, StringConstraints(max_length=300)]


class Undo(Action):
    kind: Literal["undo"] = "undo"


AnyAction = Annotated[
    Union[
        AddFamily, EditFamily, RemoveFamily, UseRoster, ClassMode, Advance, DrawEvent, Propose, Pledge,
        Withdraw, Cofund, Answer, Amend, Decide, Note, Ratify, Ask, Undo, Guess,
    ],
    Field(discriminator="kind"),
]
ACTION_ADAPTER: TypeAdapter[AnyAction] = TypeAdapter(AnyAction)


def parse_action(data: dict) -> Action:
    return ACTION_ADAPTER.validate_python(data)
