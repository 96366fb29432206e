"""What /export hands a person: every table about them, shaped for reading (an HTML page) and for
machines (a clean JSON file), without the bot's own bookkeeping.

Built from PrivacyRepo.export_user (every table with a user_id column, found from the schema),
so a table added later is never silently left out: one this module does not know yet is kept,
minus the columns that are bookkeeping anywhere (ids, dedupe keys, conversation state)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from bot.core.clock import zone
from bot.core.pronouns import Ex
from bot.ui.labels import label, takes
from bot.ui.texts import plain, render

Rows = list[dict[str, Any]]
# The bot's own bookkeeping: the outbox (every scheduled message), which updates and buttons were
# handled, which pep talks were shown. Nothing the person told the bot.
INTERNAL_TABLES = frozenset({"outbox", "processed_updates", "button_taps", "pep_history"})
INTERNAL_COLUMNS = frozenset({"id", "user_id", "chat_id", "dedupe_key", "state", "state_data",
                              "payload", "attempts", "paused_state", "paused_data",
                              "next_checkin_at", "message_id", "updated_at"})
# Checklist answers are stored as codes; these label templates say them in words.
CODE_LABELS = {(3, "pledges"): "step3/pledge_", (4, "checklist"): "step4/item_",
               (5, "activities"): "step5/activity_", (5, "commit"): "step5/activity_",
               (7, "ritual"): "step7/ritual_"}
KNOWN = frozenset({"users", "trusted_people", "answers", "step_progress", "journal_entries",
                   "drafts", "checkins", "slips", "urges", "safety"})


def _clean(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row without bookkeeping columns (ids that only relate rows to one another included)."""
    return {k: v for k, v in row.items() if k not in INTERNAL_COLUMNS and not k.endswith("_id")}


def _words(step: int, key: str, value: str, answers: Iterable[Mapping[str, Any]],
           user: Mapping[str, Any]) -> str:
    """A checklist answer's codes in the words of their labels; any other answer as it is."""
    prefix = CODE_LABELS.get((step, key))
    if prefix is None:
        return value
    own = next((a["value"] for a in answers if a["step"] == step and a["key"] == "own"), "")
    words = []
    for code in filter(None, value.split(",")):
        if code == "own":
            words.append(own)
            continue
        try:
            name = f"{prefix}{code}"
            words.append(label(name, **({"ex": _ex(user)} if takes(name, "ex") else {})))
        except (LookupError, TypeError):
            words.append(code)  # a code from an older version: kept as it was
    return ", ".join(w for w in words if w)


def _ex(user: Mapping[str, Any]) -> Ex:
    return Ex(user.get("ex_pronoun") or "they", user.get("ex_nickname"))


def clean_export(tables: Mapping[str, Rows], exported_at: datetime) -> dict[str, Any]:
    """The JSON export: the person's data by subject, without internal fields."""
    user = (tables.get("users") or [{}])[0]
    answers = tables.get("answers", [])
    journal = tables.get("journal_entries", [])
    out: dict[str, Any] = {
        "about": plain("privacy/export_about"),
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "profile": {
            "name": user.get("display_name"), "ex_pronoun": user.get("ex_pronoun"),
            "ex_nickname": user.get("ex_nickname"), "breakup_date": user.get("breakup_date"),
            "time_zone": user.get("timezone"), "checkin_time": user.get("checkin_time"),
            "morning_item_time": user.get("programme_time"),
            "weekly_summary_day": plain("settings/day_name", day=user.get("weekly_summary_day", 6)),
            "checkins_paused": bool(user.get("checkins_paused")),
            "no_contact_since": user.get("no_contact_since"), "joined_at": user.get("created_at"),
            "onboarded_at": user.get("onboarded_at"), "path": user.get("path"),
        },
        "trusted_person": next((_clean(r) for r in tables.get("trusted_people", [])), None),
        "steps": [_clean(r) for r in sorted(tables.get("step_progress", []),
                                            key=lambda r: r["step"])],
        "answers": [{"step": a["step"], "question": a["key"],
                     "answer": _words(a["step"], a["key"], a["value"], answers, user),
                     "given_at": a["created_at"]} for a in answers],
        "journal": [_clean(r) for r in journal if r.get("kept_at")],
        "words_offered_for_the_journal": [
            {"text": r["body"], "said_at": r["created_at"]} for r in journal if not r.get("kept_at")],
        "unsent_messages": [_clean(r) for r in tables.get("drafts", [])],
        "checkins": [_clean(r) for r in tables.get("checkins", [])],
        "slips": [_clean(r) for r in tables.get("slips", [])],
        "urges": [_clean(r) for r in tables.get("urges", [])],
        "safety": next((_clean(r) for r in tables.get("safety", [])), None),
    }
    for name, rows in tables.items():
        if name not in KNOWN and name not in INTERNAL_TABLES and rows:
            out[name] = [_clean(r) for r in rows]
    return out


def _local(stamp: str | None, tz: Any) -> datetime | None:
    if not stamp:
        return None
    try:  # the stored form ends in Z; rows written by older versions may carry +00:00
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when.astimezone(tz) if when.tzinfo else None


def readable_page(data: Mapping[str, Any], exported_at: datetime) -> str:
    """The export as one HTML page: the card, journal, drafts, check-ins, streak history,
    slips, step answers and settings, in words (every value escaped by the template)."""
    profile = data["profile"]
    tz = zone(profile.get("time_zone") or "UTC")
    problems = [a["answer"] for a in data["answers"] if a["step"] == 1 and a["question"] == "problem"]
    card = {a["question"]: a["answer"] for a in data["answers"] if a["step"] == 1}
    runs = sorted(data["slips"], key=lambda s: s.get("occurred_on") or "")
    since = profile.get("no_contact_since")
    return render(
        "privacy/export_page", data=data, profile=profile, problems=problems, card=card,
        ex=_ex({"ex_pronoun": profile.get("ex_pronoun"), "ex_nickname": profile.get("ex_nickname")}),
        name=profile.get("name") or "friend", local=lambda s: _local(s, tz),
        exported=exported_at.astimezone(tz), runs=runs,
        since=date.fromisoformat(since) if since else None,
        other={k: v for k, v in data.items() if k not in _SECTIONS},
    )


_SECTIONS = frozenset({"about", "exported_at", "profile", "trusted_person", "steps", "answers",
                       "journal", "words_offered_for_the_journal", "unsent_messages", "checkins",
                       "slips", "urges", "safety"})
