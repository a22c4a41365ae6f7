"""How a phone finds a scoring round: the join code, the short link, its QR code and the
participant's own token.

The code is all a participant needs to join, so it is drawn from `secrets` and long enough
that nobody guesses an open one (31⁸ ≈ 8,5·10¹¹ codes). It is read aloud and typed from a
projector, so it has no look-alikes (0/O, 1/I/L) and is accepted in either case. The token
says which answers are this participant's: made in the browser session, never put in a link,
and only its hash goes to the store.
"""

from __future__ import annotations

import functools
import hashlib
import io
import secrets
import urllib.parse

import segno

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
QUERY_KEY = "ronde"  # /?ronde=CODE


def join_code() -> str:
    """A new, unguessable join code, e.g. `K7QM4XPT`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: object) -> str | None:
    """The code as typed or linked (any case, spaces around), or None when it cannot be one."""
    if not isinstance(text, str):
        return None
    code = text.strip().upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def participant_token() -> str:
    """A participant's secret for this browser session (192 random bits)."""
    return secrets.token_urlsafe(24)


def participant_key(token: str) -> str:
    """What the store keeps for a participant: a hash, so the store never holds the token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:32]


def join_link(page_url: str, code: str, lang: str = "nl") -> str:
    """The short link `https://host/?ronde=CODE` (with `&lang=en` for English) from any page's
    own address: a participant's view opens at the app's root."""
    parts = urllib.parse.urlsplit(page_url or "")
    query = {QUERY_KEY: code, **({"lang": lang} if lang != "nl" else {})}
    path = "/"
    return urllib.parse.urlunsplit(
        (parts.scheme or "http", parts.netloc, path, urllib.parse.urlencode(query), "")
    )


@functools.lru_cache(maxsize=16)  # the facilitator's page draws it on every full run
def qr_png(text: str, *, scale: int = 12) -> bytes:
    """The link as a QR code PNG, large modules and a quiet zone: scannable across a room."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=3)
    return buffer.getvalue()
