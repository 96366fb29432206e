"""The plan's paths (issue 10) as pure rules: which path a step-1 answer chooses, which path the
words follow before anything was chosen, and what each path means for step 7. No Telegram imports.

The path is stored on the user (users.path, migration 0007). Step 1's "do you actually want
them back?" sets it, /settings and step 7 change it, and the abuse screen sets "safety" in the
same transaction as its flag. Safety wins: while the safety record holds (flagged, not
confirmed), no other path can be stored (bot/storage/users.py guards it in SQL).
"""

from __future__ import annotations

RECONNECT, UNSURE, MOVING_ON, SAFETY = "reconnect", "unsure", "moving_on", "safety"
PATHS = (RECONNECT, UNSURE, MOVING_ON, SAFETY)
# The paths a user can pick (in /settings, or by answering step 7); safety comes from the screen.
CHOOSABLE = (RECONNECT, UNSURE, MOVING_ON)
# Step 1's want-back answer -> the path it chooses.
FROM_WANT_BACK = {"yes": RECONNECT, "unsure": UNSURE, "no": MOVING_ON}
# Before step 1 is answered the words stay neutral: the "not sure" wording assumes nothing.
NEUTRAL = UNSURE


def effective(stored: str | None) -> str:
    """The path the words follow: the stored one, or the neutral one before any was chosen."""
    return stored if stored in PATHS else NEUTRAL


def step7_waits_for_days(path: str) -> bool:
    """Whether step 7 waits for the no-contact days. Only the paths that can end in a message
    to the ex do: a goodbye that is never sent carries no timing risk, so moving on opens
    step 7 as soon as step 6 is done; the safety path keeps step 7 closed whatever the days."""
    return path in (RECONNECT, UNSURE)


def step7_closed(path: str) -> bool:
    """Step 7 is about getting back in touch: closed on the safety path, whatever the days."""
    return path == SAFETY


def offers_openers(path: str) -> bool:
    """Openers, the pre-send checklist and the message review belong to reconnecting only
    (the unsure path reaches them once the user says they know they want the ex back)."""
    return path in (RECONNECT, UNSURE)
