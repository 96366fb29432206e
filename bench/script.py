"""The one mix of messages every measured bot gets: onboarding, step-1 answers, commands, and
/sos, the no-contact start and a check-in's answers when those features are in this build."""

from __future__ import annotations

from bench.users import Action, tap, text

ONBOARDING = [
    text("/start"), text("Sam"), tap("He"), tap("Skip"), text("2 weeks ago"),
    text("Europe/Berlin"), text("20:00"),
]
STEP1 = [
    tap("Go to step 1"), tap("write it out"), text("We never talked about money."),
    text("I kept apologising for things that were not mine."), tap("all for now"),
    text("Mostly with impatience."), text("Rarely, towards the end."), text("Not really."),
    tap("not sure"),
]
COMMANDS = [text("/help"), text("/journal"), text("/steps")]


def available_commands() -> set[str]:
    """The commands this build registers (read from the same feature list the bot uses)."""
    from bot.app import features

    names: set[str] = set()
    for feature in features():
        names |= set(feature.commands)
    return names


def journey(commands: set[str] | None = None) -> list[Action]:
    """The scripted conversation; parts for features absent from this build are left out."""
    commands = available_commands() if commands is None else commands
    actions = [*ONBOARDING, *STEP1, *[a for a in COMMANDS if a.value[1:] in commands]]
    if "sos" in commands:
        actions += [text("/sos"), tap("", optional=True)]
    if "nocontact" in commands:
        actions += [text("/nocontact"), tap("start date", optional=True),
                    tap("Yesterday", optional=True)]
    if "checkin" in commands:
        # Mood, contact, urge by button; the note ("one thing you did for yourself") typed.
        actions += [text("/checkin"), tap("okay", optional=True), tap("No, I", optional=True),
                    tap("3", optional=True), text("I went for a long walk.")]
    return actions
