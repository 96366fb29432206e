"""One call that runs every detector over one normalised message and returns every finding.

The pipeline (one module in the bot) decides by order: crisis -> abuse -> contact_out ->
contact_in -> urge -> control -> meta (a question about the bot) -> the open question's parser ->
the companion fallback. Returning
all findings, not just the first, lets it also say "and thank you for telling me about him" after
a crisis reply, and lets tests see what each detector heard.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.listening.detectors import abuse, contact, control, crisis, meta, urge
from bot.listening.detectors.abuse import AbuseResult
from bot.listening.detectors.control import Control
from bot.listening.detectors.crisis import CrisisResult
from bot.listening.detectors.meta import MetaKind
from bot.listening.normalise import Normalised, normalise

ORDER = ("crisis", "abuse", "contact_out", "contact_in", "urge", "control", "meta")


@dataclass(frozen=True, slots=True)
class Heard:
    """Everything the detectors heard in one message, and the shared normalised text."""

    norm: Normalised
    crisis: CrisisResult | None
    abuse: AbuseResult | None
    contact_out: bool
    contact_in: bool
    urge: str | None
    control: Control | None
    meta: MetaKind | None

    @property
    def first(self) -> str | None:
        """The finding the pipeline acts on first, by ORDER, or None when nothing was heard."""
        for name in ORDER:
            if getattr(self, name):
                return name
        return None

    @property
    def anything(self) -> bool:
        return self.first is not None


def listen(text: str, *, nickname: str | None = None) -> Heard:
    """Normalises `text` once (the ex's `nickname` read as a target) and runs every detector."""
    norm = normalise(text, nickname=nickname)
    return Heard(
        norm=norm,
        crisis=crisis.detect(norm),
        abuse=abuse.detect(norm),
        contact_out=contact.outgoing(norm),
        contact_in=contact.incoming(norm),
        urge=urge.detect(norm),
        control=control.detect(norm),
        meta=meta.detect(norm),
    )
