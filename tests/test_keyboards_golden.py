"""Every keyboard the bot builds, pinned: labels, rows and callback data byte for byte.

tests/data/keyboards_golden.json was captured once from the keyboard templates of commit 9e6f6d5
(the `action[:arg] | Label` mini-language). Buttons already sitting in users' chats carry that
callback data, so it must never change; a difference here means old buttons would stop working
(or a label changed). Never regenerate the file to make this test pass.

Changed on purpose since (each time checking that every old callback data is still there):
issue 10 pinned the new keyboards (paths, "Tell me more", the goodbye of step 7, the check-in
while waiting for a reply), added "Your path" to /settings and put the SOS scale in order, 0-10.
Issue 9 pinned the listening keyboards; merging the journal in, its "keep it in my journal" offer
took over issue 9's "kw" callback data (already in chats) instead of adding a "jr" one.
Issue 9's "is Jake your ex?" added "nc.who" (new callback data; no old one changed).
The daily programme added "Morning item" to /settings by hand, leaving every existing button as
it was, and pinned its own keyboards (the morning item's time, the evening task question).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup

from bot.core.pronouns import PRONOUNS, Ex
from bot.features.checkins import keyboards as checkins
from bot.features.journal import keyboards as journal
from bot.features.nocontact import heard as nocontact_heard
from bot.features.nocontact import keyboards as nocontact
from bot.features.onboarding import keyboards as onboarding
from bot.features.onboarding.handlers import ORDER
from bot.features.privacy import handlers as privacy
from bot.features.programme import keyboards as programme
from bot.features.safety import abuse, contacts, crisis
from bot.features.safety import handlers as safety
from bot.features.settings import keyboards as settings
from bot.features.settings import path as settings_path
from bot.features.settings.keyboards import FIELDS
from bot.features.sos import heard as sos_heard
from bot.features.sos import keyboards as sos
from bot.features.steps import keyboards as steps
from bot.features.steps import kit, step1, step2, step3, step4, step5, step6
from bot.features.steps import step7_keyboards as step7
from bot.storage.models import User
from bot.ui.keyboards import main_menu
from bot.ui.labels import label

GOLDEN = Path(__file__).parent / "data" / "keyboards_golden.json"
OWNER = 42
BIG_OWNER = 7_345_678_901  # a 10-digit Telegram id: base 36 in the callback data
TODAY = date(2026, 3, 2)
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup


def user(pronoun: str = "they", nickname: str | None = None, owner: int = OWNER) -> User:
    return User(user_id=owner, chat_id=owner, display_name="Sam", ex_pronoun=pronoun,
                ex_nickname=nickname, breakup_date=date(2026, 2, 1), timezone="Europe/Berlin",
                checkin_time=time(20, 0), no_contact_since=date(2026, 2, 10), state=None)


def unboxed(markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup:
    """A checklist as first drawn (nothing ticked) without its boxes: the bare item labels, as
    the old keyboard templates held them."""
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(b.text.removeprefix("⬜ ") if "|toggle|" in str(b.callback_data)
                              else b.text, callback_data=b.callback_data) for b in row]
        for row in markup.inline_keyboard])


QUICK = {"keep": date(2026, 2, 10), "today": date(2026, 3, 2), "yesterday": date(2026, 3, 1),
         "breakup": date(2026, 2, 1)}
OWN = "A very long activity of my own that runs past forty-five characters & <b>"
CHOICES = [("friends", "Talk to friends"), ("care", "Look after myself"), ("own", OWN)]
SHORT_OWN = [("own", "Exactly forty-five characters long, not cut!")]
MARKUP_OWN = [("own", 'Tea & <cake> "x"')]
OVERVIEW = [{"number": n, "state": s, "lock": None} for n, s in
            enumerate(("done", "done", "started", "open", "open", "locked", "locked"), start=1)]
FIRST = [{"number": n, "state": "open" if n == 1 else "locked", "lock": None} for n in range(1, 8)]
REVIEWS = {2: step2, 3: step3, 4: step4, 5: step5, 6: step6}


def cases() -> dict[str, Callable[[], Markup]]:
    """Case name -> a builder of one keyboard as the bot builds it."""
    c: dict[str, Callable[[], Markup]] = {}
    # check-ins
    c["ci.mood"] = lambda: checkins.mood(user(), TODAY)
    c["ci.contact"] = lambda: checkins.contact(user(), TODAY)
    c["ci.contact[waiting]"] = lambda: checkins.contact(user(), TODAY, waiting=True)
    c["ci.urge"] = lambda: checkins.urge(user(), TODAY)
    c["ci.note"] = lambda: checkins.note(user(), TODAY)
    c["ci.mood[big owner]"] = lambda: checkins.mood(user(owner=BIG_OWNER), TODAY)
    c["ci.task"] = lambda: checkins.task(user(), TODAY)
    # the daily programme
    c["pg.times"] = lambda: programme.times(user())
    # the persistent reply keyboard (as first sent, then for each pronoun)
    c["main_menu"] = main_menu
    for pronoun in ("he", "she"):
        c[f"main_menu[{pronoun}]"] = lambda p=pronoun: main_menu(Ex(p))
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
        c[f"steps.open[{step}]"] = lambda n=step: steps.open_step(user(), n)
    c["steps.overview"] = lambda: steps.overview(user(), OVERVIEW)
    c["steps.overview[first]"] = lambda: steps.overview(user(), FIRST)
    for step, module in REVIEWS.items():
        c[f"s{step}.review"] = lambda n=step, m=module: steps.review(m.NS, user(), n)
        c[f"s{step}.more"] = lambda m=module: steps.more(m.NS, user())
    # privacy and safety
    c["pv.delete"] = lambda: privacy.confirm_keyboard(user(), 29_562_345)
    c["sf.carry_on"] = lambda: safety.carry_on_keyboard(user())
    c["sf.hold"] = lambda: steps.safety_hold(user())
    c["sf.path_confirm"] = lambda: settings_path.confirm_safe(user())
    # listening (issue 9): the direct question, the country to ask, the informed confirmation,
    # "when was it?", the urge offer, and keeping words in the journal
    c["sf.ask"] = lambda: crisis.ask_keyboard(user())
    c["sf.carry_on[ask country]"] = lambda: contacts.carry_on(
        replace(user(), timezone="UTC", language_code="de"), ask_country=True)
    c["sf.review"] = lambda: abuse.review_keyboard(user())
    c["nc.when"] = lambda: nocontact_heard.when_keyboard(user())
    c["nc.who"] = lambda: nocontact_heard.who_keyboard(user())
    c["sos.offer"] = lambda: sos_heard.offer_keyboard(user())
    c["kw.keep"] = lambda: journal.keep_words(user(), 123)  # the journal's offer since the merge
    # settings
    for paused in (False, True):
        c[f"set.menu[paused={paused}]"] = lambda p=paused: settings.menu(
            replace(user(), checkins_paused=p))
    for field in FIELDS:
        c[f"set.{field}"] = lambda f=field: settings.ASK[f](user())
    c["set.nickname[has nickname]"] = lambda: settings.nickname(user(nickname="Al"))
    c["set.person[has person]"] = lambda: settings.person(user(), True)
    c["set.pronoun[he]"] = lambda: settings.pronoun(user("he"))
    c["set.more"] = lambda: settings.more(user())
    c["set.path"] = lambda: settings_path.choices(user("she"))
    c["set.path[current]"] = lambda: settings_path.choices(
        replace(user(), path="moving_on", path_chosen=True))
    # SOS
    c["sos.choices"] = lambda: sos.choices(user(), 7)
    for misread in (False, True):
        c[f"sos.intensity[misread={misread}]"] = lambda m=misread: sos.intensity(user(), 7,
                                                                                 misread=m)
    c["sos.skip"] = lambda: sos.skip(user(), 7)
    c["sos.wait_check"] = lambda: sos.wait_check(user(), 12345)
    c["sosd.morning"] = lambda: sos.morning(user(), 3)
    # step 1
    c["s1.begin"] = lambda: step1.begin_keyboard(user())
    c["s1.intro"] = lambda: step1.intro_keyboard(user())
    c["s1.problems_done"] = lambda: step1.problems_done_keyboard(user())
    c["s1.want_back"] = lambda: step1.want_back_keyboard(user())
    c["s1.begin[big owner]"] = lambda: step1.begin_keyboard(user(owner=BIG_OWNER))
    # step 2
    c["s2.pull"] = lambda: step2.pull_keyboard(user())
    c["s2.mantra"] = lambda: step2.mantra_keyboard(user())
    c["s2.instead"] = lambda: step2.instead_keyboard(user())
    c["s2.person"] = lambda: kit.skip_keyboard(step2.NS, user())
    # step 3
    c["s3.pledges"] = lambda: unboxed(step3.pledges_keyboard(user(), []))
    c["s3.pledges[ticked]"] = lambda: step3.pledges_keyboard(user(), ["anger", "texts"])
    c["s3.pledges[safety]"] = lambda: unboxed(step3.pledges_keyboard(
        replace(user("he"), path="safety"), []))
    c["s3.skip"] = lambda: kit.skip_keyboard(step3.NS, user())
    # step 4
    for pronoun in PRONOUNS:
        c[f"s4.checklist[{pronoun}]"] = lambda p=pronoun: unboxed(
            step4.checklist_keyboard(user(p), []))
    c["s4.checklist[ticked]"] = lambda: step4.checklist_keyboard(user("he"), ["msg", "meet"])
    c["s4.checklist[none ticked]"] = lambda: step4.checklist_keyboard(user("she"), [])
    c["s4.since[all]"] = lambda: step4.since_keyboard(user(), QUICK)
    c["s4.since[today]"] = lambda: step4.since_keyboard(user(), {"today": QUICK["today"]})
    c["s4.since[three]"] = lambda: step4.since_keyboard(
        user(), {k: QUICK[k] for k in ("today", "yesterday", "breakup")})
    # step 5
    c["s5.activities"] = lambda: unboxed(step5.activities_keyboard(user(), []))
    c["s5.activities[ticked]"] = lambda: step5.activities_keyboard(user(), ["pro", "skill", "gone"])
    c["s5.skip"] = lambda: kit.skip_keyboard(step5.NS, user())
    c["s5.commit"] = lambda: unboxed(step5.commit_keyboard(user(), [], CHOICES))
    c["s5.commit[ticked]"] = lambda: step5.commit_keyboard(user(), ["own"], CHOICES)
    c["s5.commit[short own]"] = lambda: unboxed(step5.commit_keyboard(user(), [], SHORT_OWN))
    c["s5.commit[markup]"] = lambda: unboxed(step5.commit_keyboard(user(), [], MARKUP_OWN))
    # step 6
    c["s6.plans"] = lambda: step6.plans_keyboard(user())
    c["s6.private"] = lambda: step6.private_keyboard(user("he"))
    # step 7
    for item in range(4):
        c[f"s7.check[{item}]"] = lambda n=item: step7.check(user(), n)
    for pronoun in PRONOUNS:
        c[f"s7.follow_up[{pronoun}]"] = lambda p=pronoun: step7.follow_up(user(p))
    for count in (3, 5):
        c[f"s7.openers[{count}]"] = lambda n=count: step7.openers(user(), n)
    for ok in (False, True):
        c[f"s7.review[ok={ok}]"] = lambda k=ok: step7.review(user(), ok=k)
    c["s7.ready"] = lambda: step7.ready(user())
    c["s7.restart"] = lambda: step7.restart(user())
    c["s7.still_want"] = lambda: step7.still_want(replace(user(), path="reconnect"))
    c["s7.still_want[unsure]"] = lambda: step7.still_want(replace(user("she"), path="unsure"))
    c["s7.unsure"] = lambda: step7.unsure(user())
    c["s7.remind"] = lambda: step7.remind(user())
    c["s7.intro_more"] = lambda: step7.intro_more(user())
    for more in (False, True):
        c[f"s7.closure[more={more}]"] = lambda m=more: step7.closure(user(), more=m)
    c["s7.letter_done"] = lambda: step7.letter_done(user())
    c["s7.rituals"] = lambda: step7.rituals(user())
    for later in (False, True):
        c[f"s7.ritual[later={later}]"] = lambda k=later: step7.ritual(user(), later=k)
    c["s7.hope"] = lambda: step7.hope(user())
    c["s7.closure_review"] = lambda: step7.closure_review(user())
    # the journal
    c["jr.card"] = lambda: journal.card(user(), has_lines=True)
    c["jr.card[no lines]"] = lambda: journal.card(user(), has_lines=False)
    c["jr.empty_card"] = lambda: journal.empty_card(user())
    c["jr.entries[none]"] = lambda: journal.entries(user(), [], first_number=1, older_than=None)
    c["jr.entries[older]"] = lambda: journal.entries(user(), [9, 8], first_number=6,
                                                     older_than=8)
    for another in (False, True):
        c[f"jr.write[another={another}]"] = lambda a=another: journal.write(user(), another=a)
    c["jr.saved"] = lambda: journal.saved(user())
    c["jr.confirm_delete"] = lambda: journal.confirm_delete(user(), 12)
    c["jr.lines"] = lambda: journal.lines(user(), [31, 32, 40, 41])
    c["jr.confirm_remove"] = lambda: journal.confirm_remove(user(), 31)
    c["jr.line_added"] = lambda: journal.line_added(user())
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


def toggles(markup: dict[str, Any]) -> dict[str, str]:
    """arg -> label of a golden keyboard's toggle buttons."""
    return {d.split("|")[3]: text for row in markup["inline"] for text, d in row if "|toggle|" in d}


def labels(markup: dict[str, Any], action: str) -> dict[str, str]:
    return {d.split("|")[3]: text for row in markup["inline"] for text, d in row
            if d.split("|")[2] == action}


def test_labels_stored_as_answers_are_the_labels_on_the_buttons() -> None:
    """Tapped checklist items, ideas and the mantra are stored (and shown back) in the words of
    their buttons: the labels the handlers store must be the ones the keyboards show."""
    pinned = golden()
    assert {code: text for code, text in step3.pledge_labels(user()).items()
            if code in step3.PLEDGES} == toggles(pinned["s3.pledges"])
    safety_user = replace(user("he"), path="safety")
    assert {code: text for code, text in step3.pledge_labels(safety_user).items()
            if code in step3.SAFETY_PLEDGES} == toggles(pinned["s3.pledges[safety]"])
    for pronoun in PRONOUNS:
        assert step4.item_labels(user(pronoun)) == toggles(pinned[f"s4.checklist[{pronoun}]"])
    assert step5.activity_labels() == toggles(pinned["s5.activities"])
    assert {i: label(f"step2/idea_{i}") for i in step2.IDEAS} == labels(pinned["s2.instead"], "idea")
    assert label("step2/mantra") == labels(pinned["s2.mantra"], "say")[""]
    assert {i: label(f"step6/idea_{i}") for i in step6.IDEAS} == labels(pinned["s6.plans"], "idea")
