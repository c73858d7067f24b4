"""The event kinds and participant roles, and the names the archive used for them before.

One table: the API's accepted values, the loader and the migration all read it.
"""

from archive.models import Event, EventParticipant

KINDS: list[str] = list(Event.Kind.values)
ROLES: list[str] = list(EventParticipant.Role.values)

# Kinds of the first data model, still accepted on input (the curated file, the API).
OLD_KINDS = {"summit": "conference", "operation": "joint_operation"}

# Which roles each kind's participants take first: used when only "who took part" is known.
DEFAULT_ROLE = {
    "agreement": "signatory",
    "conference": "participant",
    "training": "participant",
}


def kind_normalise(kind: str | None) -> str:
    """A kind as stored: old names mapped, anything unknown is "other"."""
    kind = (kind or "other").strip().lower().replace("-", "_")
    kind = OLD_KINDS.get(kind, kind)
    return kind if kind in KINDS else "other"
