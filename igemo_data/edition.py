"""What an edition is: its record, the plan's own edition and the forms an id can take.

Pure data, so that the screen tables, the downloads and the store all share one definition
without the flat core importing the store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

PLAN_EDITION = "plan-2019-2024"
PLAN_NAME = "Plan 2019–2024"
PLAN_AUTHOR = "IGEMO"
# What a user may type for a scenario's or an edition's name (and author) and note.
MAX_NAME = 120
MAX_TEXT = 5000

_EDITION_ID = re.compile(r"[0-9a-f]{12}")


@dataclass(frozen=True)
class Edition:
    id: str
    name: str
    author: str
    note: str
    created_at: datetime | None  # None for the plan, which is no upload but the plan itself
    count: int  # services in the edition
    source: str = ""  # the uploaded file's name, or "" for an edit in the app
    based_on: str = ""  # the edition that was active when this one was made

    @property
    def builtin(self) -> bool:
        return self.id == PLAN_EDITION


def is_edition_id(value: str) -> bool:
    """Whether `value` has the form of a stored edition's id (12 hexadecimal digits)."""
    return bool(_EDITION_ID.fullmatch(value or ""))


def is_known_form(value: str) -> bool:
    """Whether `value` could name an edition: the plan's id or a stored edition's form."""
    return value == PLAN_EDITION or is_edition_id(value)
