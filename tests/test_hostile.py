"""Hostile and odd input: markup in user text, huge replies, forged buttons, long messages,
groups, edits and things that are not text."""

import random

import pytest

from bot.ui import tghtml
from bot.ui.keyboards import CallbackDataError, decode, encode
from bot.ui.messaging import split_html
from tests.harness import Harness

HOSTILE = ["<b>bold</b>", "<a href='http://x.example'>x</a>", "Tom & Jerry", "a < b", "&amp;lt;",
           "&lt;i&gt;", "<script>", "5 > 3", "&#0;", "</b>"]


@pytest.mark.parametrize("text", HOSTILE)
async def test_user_text_is_escaped_in_replies(harness: Harness, text: str) -> None:
    sam = harness.user(42)
    await sam.onboard(name="Sam")  # a name must be a name: markup goes into the answers
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    await sam.send(text)
    await sam.tap("all for now")
    for answer in ("a", "b", "yes"):
        await sam.send(answer)
    await sam.tap("not sure")
    card = await sam.send("/journal")
    assert harness.request.rejected == []  # Telegram would have accepted every message
    assert [a.value for a in await harness.repo.answers(42, 1, "problem")] == [text]
    shown = [tghtml.visible_text(c.text) for c in card]
    assert any(text in s for s in shown)  # the user sees exactly what they typed
    assert any(text in tghtml.visible_text(c.text) for c in harness.request.sent(42)
               if "/journal" not in c.text)


def test_standin_refuses_what_telegram_refuses() -> None:
    assert tghtml.message_problem("<b>fine</b> &amp; &lt;ok&gt; &#39; &#x1F600;") is None
    for bad in ("a & b", "a < b", "a > b", "<b>open", "</b>", "<i><b>x</i></b>", "<br>",
                "<a onclick='x'>y</a>", "&nbsp;", "&amp", "<script>x</script>"):
        assert "can't parse entities" in (tghtml.message_problem(bad) or ""), bad
    assert tghtml.message_problem("<b> </b>") == "message text is empty"
    assert tghtml.message_problem("x" * 4097) == "message is too long"
    assert tghtml.message_problem("\U0001F600" * 2049) == "message is too long"  # UTF-16
    assert tghtml.message_problem("&amp;" * 4096) is None  # length counts after parsing


async def test_standin_returns_400_and_records_it(harness: Harness) -> None:
    from telegram.error import BadRequest

    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await harness.app.bot.send_message(42, "a < b")
    assert harness.request.rejected and harness.request.sent() == []


def _random_html(rng: random.Random, size: int) -> str:
    words = ["love", "&amp;", "&lt;3", "\U0001F494", "caf\u00e9", "ok", "&#39;", "x" * 30,
             "\n", "\n\n", "a" * 300]
    out: list[str] = []
    stack: list[str] = []
    while sum(map(len, out)) < size:
        roll = rng.random()
        if roll < 0.08:
            tag = rng.choice(["b", "i", "u", "code", "blockquote"])
            out.append(f"<{tag}>")
            stack.append(tag)
        elif roll < 0.12:
            out.append('<a href="https://example.org/?q=1&amp;r=2">')
            stack.append("a")
        elif roll < 0.2 and stack:
            out.append(f"</{stack.pop()}>")
        else:
            out.append(rng.choice(words) + rng.choice([" ", "", "\n"]))
    out.extend(f"</{t}>" for t in reversed(stack))
    return "".join(out)


@pytest.mark.parametrize("seed", range(40))
def test_split_html_pieces_are_valid_and_lose_nothing(seed: int) -> None:
    rng = random.Random(seed)
    text = _random_html(rng, rng.choice([100, 4000, 4096, 5000, 9000, 20000]))
    assert tghtml.problem(text) is None
    pieces = split_html(text)
    for piece in pieces:
        assert tghtml.message_problem(piece) is None, piece[:200]
        assert tghtml.utf16_len(piece) <= 4096

    def squash(s: str) -> str:
        return "".join(tghtml.visible_text(s).split())

    assert "".join(squash(p) for p in pieces) == squash(text)


def test_split_html_edge_cases() -> None:
    assert split_html("short") == ["short"]
    assert split_html("") == [] and split_html("   \n ") == []
    # One unbroken word, a run of astral emoji, and whitespace-only runs at a cut.
    for text in ("x" * 10000, "\U0001F600" * 5000, "a" + " " * 5000 + "b", "&amp;" * 3000,
                 "<b>" + "word " * 2000 + "</b>", "\n\n".join(["para " * 100] * 30)):
        pieces = split_html(text)
        assert pieces and all(tghtml.message_problem(p) is None for p in pieces), text[:20]
    # An entity or tag is never split, even when the cut lands on it.
    for offset in range(12):
        text = "y" * (4032 - offset) + "&amp;<b>bold</b>" + "z" * 100
        assert all(tghtml.message_problem(p) is None for p in split_html(text))


async def test_a_long_reply_goes_out_in_clean_pieces(harness: Harness) -> None:
    sam = await harness.at_step1()
    for n in range(12):
        await sam.send(f"problem {n} <i>&</i> " + "so many words about it " * 80)
    card = await sam.send("/journal")
    assert len(card) >= 3 and harness.request.rejected == []
    assert all(tghtml.utf16_len(c.text) <= 4096 for c in card)
    assert "problem 11" in sam.texts(card)


def test_callback_codec_is_strict() -> None:
    data = encode("s1", "want", "yes", owner=42)
    assert decode(data).owner == 42 and len(data.encode()) <= 64
    for forged in ("", "2|s1|want|yes|16", "1|s1|want|yes", "1|S1|want|yes|16", "1|s1|want|yes|16|x",
                   "1|s1|want|y\u00e9s|16", "1|s1|want|" + "a" * 25 + "|16", "1|s1|want|yes|-1",
                   "1|s1|want|yes|16\n", "x" * 65, None, 42):
        with pytest.raises(CallbackDataError):
            decode(forged)
    with pytest.raises(ValueError):
        encode("s1", "want", "a" * 40, owner=42)


@pytest.mark.parametrize("data", ["garbage", "2|s1|want|yes|16", "1|zz|x||16", "1|s1|want|yes|" + "1" * 60,
                                  "1|s1|want|<b>|16", ""])
async def test_forged_buttons_get_a_polite_alert_and_change_nothing(harness: Harness, data: str) -> None:
    sam = harness.user(42)
    await sam.onboard()
    before = await harness.repo.export_user(42)
    calls = await sam.press(data)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert calls[0].params.get("show_alert")
    assert await harness.repo.export_user(42) == before


async def test_another_users_button_is_refused(harness: Harness) -> None:
    sam, eve = harness.user(42), harness.user(66)
    await sam.onboard()
    await eve.onboard()
    await sam.tap("Go to step 1")
    begin = next(d for label, d in sam.last_buttons() if "write it out" in label)
    calls = await eve.press(begin)
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert await sam.state() == "step1.begin" and await eve.state() is None


async def test_too_long_input_is_refused_and_not_stored(harness: Harness) -> None:
    sam = await harness.at_step1()
    limit = harness.settings.max_text_length
    replies = await sam.send("w" * (limit + 1))
    assert f"up to {limit}" in sam.texts(replies) and "haven't saved it" in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == [] and await sam.state() == "step1.problems"
    # Too long to keep, but never too long to notice someone in danger.
    replies = await sam.send("w " * limit + "and honestly I want to die")
    assert "taking it seriously" in sam.texts(replies)
    assert await harness.repo.answers(42, 1) == [] and await sam.state() is None
    await sam.tap("carry on")
    await sam.send("w" * limit)
    assert len(await harness.repo.answers(42, 1)) == 1


async def test_groups_get_one_line_and_nothing_is_stored(harness: Harness) -> None:
    for text in ("hello", "/start", "I want to die", "/delete"):
        update = harness.updates.text(42, text, chat_id=-100123, chat_type="group")
        calls = await harness.user(42).process(update)
        sent = [c for c in calls if c.method == "sendMessage"]
        assert len(sent) == 1 and "private chat" in sent[0].text and sent[0].chat_id == -100123
    assert await harness.repo.get_user(42) is None


async def test_edits_and_unsupported_content_get_a_kind_answer(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    calls = await sam.process(harness.updates.edited(42, "/delete"))
    assert len(calls) == 1 and "edit" in calls[0].text
    assert await harness.repo.get_user(42) is not None
    for update in (harness.updates.sticker(42), harness.updates.photo(42), harness.updates.voice(42)):
        calls = await sam.process(update)
        assert len(calls) == 1 and "only read text" in calls[0].text
    await sam.tap("Go to step 1")
    await sam.tap("write it out")
    calls = await sam.process(harness.updates.sticker(42))
    assert "waiting on your answer" in calls[0].text
    assert await sam.state() == "step1.problems"


async def test_crisis_words_in_an_edit_or_a_caption_are_not_missed(harness: Harness) -> None:
    sam = harness.user(42)
    await sam.onboard()
    calls = await sam.process(harness.updates.edited(42, "actually I want to end it all"))
    assert "taking it seriously" in sam.texts(calls)
    update = harness.updates.photo(42)
    assert update.message is not None
    photo = update.message.to_dict()
    photo["caption"] = "no reason to live"
    from telegram import Update

    calls = await sam.process(Update.de_json({"update_id": 77, "message": photo}, harness.app.bot))
    assert "taking it seriously" in sam.texts(calls)
    assert (await harness.repo.safety_record(42)).crisis_count == 2


async def test_standin_refuses_oversized_button_data(harness: Harness) -> None:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup
    from telegram.error import BadRequest

    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="y" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await harness.app.bot.send_message(42, "<b>fine</b>", reply_markup=markup)
