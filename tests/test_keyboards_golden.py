"""Every keyboard the bot builds, pinned: labels, rows and callback data byte for byte.

tests/data/keyboards_golden.json was captured once from the keyboard templates of commit 9e6f6d5
(the `action[:arg] | Label` mini-language). Buttons already sitting in users' chats carry that
callback data, so it must never change; a difference here means old buttons would stop working
(or a label changed). Never regenerate the file to make this test pass.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from telegram import InlineKeyboardMarkup, ReplyKeyboardMarkup

from bot.core.pronouns import PRONOUNS, Ex
from bot.features.checkins import keyboards as checkins
from bot.features.nocontact import keyboards as nocontact
from bot.features.onboarding import keyboards as onboarding
from bot.features.onboarding.handlers import ORDER
from bot.features.privacy import handlers as privacy
from bot.features.safety import handlers as safety
from bot.features.settings import keyboards as settings
from bot.features.settings.keyboards import FIELDS
from bot.features.sos import keyboards as sos
from bot.features.steps import kit
from bot.storage.models import User
from bot.ui.keyboards import from_template, main_menu

GOLDEN = Path(__file__).parent / "data" / "keyboards_golden.json"
OWNER = 42
BIG_OWNER = 7_345_678_901  # a 10-digit Telegram id: base 36 in the callback data
DAY = "20260302"
TODAY = date(2026, 3, 2)
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


def user(pronoun: str = "they", nickname: str | None = None, owner: int = OWNER) -> User:
    return User(user_id=owner, chat_id=owner, display_name="Sam", ex_pronoun=pronoun,
                ex_nickname=nickname, breakup_date=date(2026, 2, 1), timezone="Europe/Berlin",
                checkin_time=time(20, 0), no_contact_since=date(2026, 2, 10), state=None)


def inline(template: str, ns: str, per_row: int = 1, owner: int = OWNER, **values: Any
           ) -> Callable[[], Markup]:
    return lambda: from_template(template, ns, owner=owner, per_row=per_row, **values)


def checklist(template: str, ns: str, picked: list[str], who: User | None = None,
              **values: Any) -> Callable[[], Markup]:
    return lambda: kit.checklist(template, ns, who or user(), picked, **values)


QUICK = {"keep": date(2026, 2, 10), "today": date(2026, 3, 2), "yesterday": date(2026, 3, 1),
         "breakup": date(2026, 2, 1)}
OWN = "A very long activity of my own that runs past forty-five characters & <b>"
CHOICES = [("friends", "Talk to friends"), ("care", "Look after myself"), ("own", OWN)]
OVERVIEW = [{"number": n, "state": s, "lock": None} for n, s in
            enumerate(("done", "done", "started", "open", "open", "locked", "locked"), start=1)]


def cases() -> dict[str, Callable[[], Markup]]:
    """Case name -> a builder of one keyboard as the bot builds it."""
    c: dict[str, Callable[[], Markup]] = {}
    # check-ins
    c["ci.mood"] = lambda: checkins.mood(user(), TODAY)
    c["ci.contact"] = lambda: checkins.contact(user(), TODAY)
    c["ci.urge"] = lambda: checkins.urge(user(), TODAY)
    c["ci.note"] = lambda: checkins.note(user(), TODAY)
    c["ci.mood[big owner]"] = lambda: checkins.mood(user(owner=BIG_OWNER), TODAY)
    # the persistent reply keyboard
    c["main_menu"] = main_menu
    # no contact
    c["nc.dates"] = lambda: nocontact.dates(user(), TODAY)
    for pronoun in PRONOUNS:
        c[f"nc.menu[{pronoun}]"] = lambda p=pronoun: nocontact.menu(user(p))
    c["nc.menu[nickname]"] = lambda: nocontact.menu(user("she", "Al & <Bo>"))
    c["nc.skip"] = lambda: nocontact.skip(user())
    c["nc.start"] = lambda: nocontact.start(user())
    c["nc.triage"] = lambda: nocontact.triage(user())
    # onboarding
    for key in ORDER:
        c[f"ob.{key}"] = lambda k=key: onboarding.ASK[k](user())
    for step in (1, 4, 7):
        c[f"ob.resume[{step}]"] = lambda n=step: onboarding.resume(user(), n)
    # steps: open, overview, review
    for step in range(1, 8):
        c[f"steps.open[{step}]"] = inline("open_step", "steps", step=step)
    c["steps.overview"] = inline("steps_overview", "steps", 4, rows=OVERVIEW)
    c["steps.overview[first]"] = inline(
        "steps_overview", "steps", 4,
        rows=[{"number": n, "state": "open" if n == 1 else "locked", "lock": None}
              for n in range(1, 8)])
    for step in range(2, 7):
        c[f"s{step}.review"] = inline("step_review", f"s{step}", step=step)
    # privacy and safety
    c["pv.delete"] = lambda: privacy.confirm_keyboard(user(), 29_562_345)
    c["sf.carry_on"] = lambda: safety.carry_on_keyboard(user())
    c["sf.hold"] = inline("safety_hold", "sf")
    # settings
    for paused in (False, True):
        c[f"set.menu[paused={paused}]"] = lambda p=paused: settings.menu(
            replace(user(), checkins_paused=p))
    for field in FIELDS:
        c[f"set.{field}"] = lambda f=field: settings.ASK[f](user())
    c["set.nickname[has nickname]"] = lambda: settings.nickname(user(nickname="Al"))
    c["set.more"] = lambda: settings.more(user())
    # SOS
    c["sos.choices"] = lambda: sos.choices(user(), 7)
    for misread in (False, True):
        c[f"sos.intensity[misread={misread}]"] = lambda m=misread: sos.intensity(user(), 7,
                                                                                 misread=m)
    c["sos.skip"] = lambda: sos.skip(user(), 7)
    c["sos.wait_check"] = lambda: sos.wait_check(user(), 12345)
    c["sosd.morning"] = lambda: sos.morning(user(), 3)
    # step 1
    for name in ("begin", "problems_done", "want_back"):
        c[f"s1.{name}"] = inline(f"step1_{name}", "s1")
    c["s1.begin[big owner]"] = inline("step1_begin", "s1", owner=BIG_OWNER)
    # step 2
    c["s2.pull"] = inline("step2_pull", "s2", 6)
    c["s2.mantra"] = inline("step2_mantra", "s2")
    c["s2.instead"] = inline("step2_instead", "s2")
    # step 3
    c["s3.pledges"] = inline("step3_pledges", "s3")
    c["s3.pledges[ticked]"] = checklist("step3_pledges", "s3", ["anger", "texts"])
    c["s3.skip"] = inline("skip", "s3")
    # step 4
    for pronoun in PRONOUNS:
        c[f"s4.checklist[{pronoun}]"] = inline("step4_checklist", "s4", ex=Ex(pronoun))
    c["s4.checklist[ticked]"] = checklist("step4_checklist", "s4", ["msg", "meet"], user("he"))
    c["s4.checklist[none ticked]"] = checklist("step4_checklist", "s4", [], user("she"))
    c["s4.since[all]"] = inline("step4_since", "s4", 2, quick=QUICK)
    c["s4.since[today]"] = inline("step4_since", "s4", 2, quick={"today": QUICK["today"]})
    c["s4.since[three]"] = inline("step4_since", "s4", 2,
                                  quick={k: QUICK[k] for k in ("today", "yesterday", "breakup")})
    # step 5
    c["s5.activities"] = inline("step5_activities", "s5")
    c["s5.activities[ticked]"] = checklist("step5_activities", "s5", ["pro", "skill", "gone"])
    c["s5.skip"] = inline("skip", "s5")
    c["s5.commit"] = inline("step5_commit", "s5", choices=CHOICES)
    c["s5.commit[ticked]"] = checklist("step5_commit", "s5", ["own"], choices=CHOICES)
    c["s5.commit[short own]"] = inline("step5_commit", "s5",
                                       choices=[("own", "Exactly forty-five characters long, not cut!")])
    c["s5.commit[markup]"] = inline("step5_commit", "s5", choices=[("own", "Tea & <cake> \"x\"")])
    # step 6
    c["s6.plans"] = inline("step6_plans", "s6")
    c["s6.private"] = inline("step6_private", "s6", ex=Ex("he"))
    # step 7
    for item in range(4):
        c[f"s7.check[{item}]"] = inline("step7_check", "s7", item=item)
    for pronoun in PRONOUNS:
        c[f"s7.follow_up[{pronoun}]"] = inline("step7_follow_up", "s7", ex=Ex(pronoun))
    for count in (3, 5):
        c[f"s7.openers[{count}]"] = inline("step7_openers", "s7", 3, count=count)
    for ok in (False, True):
        c[f"s7.review[ok={ok}]"] = inline("step7_review", "s7", ok=ok)
    for name in ("ready", "restart", "still_want", "unsure"):
        c[f"s7.{name}"] = inline(f"step7_{name}", "s7")
    return c


def dump(markup: Markup) -> dict[str, Any]:
    if isinstance(markup, ReplyKeyboardMarkup):
        return {"reply": [[b.text for b in row] for row in markup.keyboard],
                "resize": markup.resize_keyboard, "persistent": markup.is_persistent}
    return {"inline": [[[b.text, b.callback_data] for b in row] for row in markup.inline_keyboard]}


def golden() -> dict[str, Any]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_every_case_is_pinned() -> None:
    assert sorted(cases()) == sorted(golden())


@pytest.mark.parametrize("name", sorted(golden()))
def test_keyboard_matches_golden(name: str) -> None:
    assert dump(cases()[name]()) == golden()[name]


def test_callback_data_fits_and_is_unique_per_keyboard() -> None:
    for name, markup in golden().items():
        data = [d for row in markup.get("inline", []) for _, d in row]
        assert len(data) == len(set(data)), name
        assert all(len(d.encode()) <= 64 for d in data), name
