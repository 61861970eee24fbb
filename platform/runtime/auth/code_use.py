"""Telling a reused authenticator code apart from a wrong one, within one request.

A code works once (``two_factor.LoomTotp``). When the right code comes again, the answer says to
wait for the app's next code instead of calling it wrong; sign-in and every identity proof say it.
"""

from __future__ import annotations

from flask import g, has_app_context

CODE_USED = "This code was already used. Wait for the next code in your authenticator app."
# Set when this request's authenticator code was right but its time step was taken already.
_CODE_USED = "loom_code_used"


def note_code_used() -> None:
    if has_app_context():
        setattr(g, _CODE_USED, True)


def take_code_used() -> bool:
    """Whether this request's authenticator code was refused for having been used already."""
    return bool(g.pop(_CODE_USED, False))
