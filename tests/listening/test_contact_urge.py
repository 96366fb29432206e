"""Contact events both ways, and urges; wishes, questions and denials are not events."""

import pytest

from bot.listening.detectors import contact, urge
from bot.listening.normalise import normalise

OUT = ["I texted him last night", "I called her", "we slept together again", "I liked his story",
       "I replied to her", "I caved and messaged", "i sent him a long paragraph",
       "we met up for coffee", "i broke no contact"]
IN = ["he texted me", "she called", "he wants to meet", "a birthday message from him",
      "he keeps liking my posts", "my ex slid into my dms", "she wants to meet up",
      "got a text from him this morning"]
NOT_EVENTS = ["I want to text him", "what if he texts me", "he never texted me",
              "I didn't text him", "I almost texted her", "has he texted me yet?",
              "i hope he texts me", "i dreamt that he texted me", "she called me a liar",
              "i called her out", "we used to text all day", "i miss him"]
URGES = ["i really want to text her right now", "should I call him", "about to message my ex",
         "i want to text him so bad", "my thumb is on the send button",
         "I'm drafting a message to her", "can I just text him once", "I almost texted her"]
NOT_URGES = ["I texted him", "i miss him so much", "I want him back", "i don't want to text him",
             "i'm not going to call her", "i want to call my mum", "he wants to meet"]


@pytest.mark.parametrize("text", OUT)
def test_outgoing(text: str) -> None:
    assert contact.outgoing(text) and contact.detect(text) == "out"


@pytest.mark.parametrize("text", IN)
def test_incoming(text: str) -> None:
    assert contact.incoming(text) and not contact.outgoing(text)


@pytest.mark.parametrize("text", NOT_EVENTS)
def test_not_events(text: str) -> None:
    assert contact.detect(text) is None


@pytest.mark.parametrize("text", URGES)
def test_urges(text: str) -> None:
    assert urge.is_urge(text)


@pytest.mark.parametrize("text", NOT_URGES)
def test_not_urges(text: str) -> None:
    assert not urge.is_urge(text)


def test_nickname_is_a_target_in_every_detector() -> None:
    assert contact.outgoing(normalise("I texted Sam last night", nickname="Sam"))
    assert contact.incoming(normalise("Sam wants to meet up", nickname="Sam"))
    assert urge.is_urge(normalise("should i call sam", nickname="Sam"))
    assert not urge.is_urge(normalise("should i call sam", nickname="Jo"))


@pytest.mark.parametrize("text", [
    "ugh called him again", "texted him 'i miss you' and i regret it", "i ended up texting him at 4am",
    "we've been texting again", "i watched his story and then messaged him",
    "i liked like 10 of his old photos",
])
def test_outgoing_in_chat_shorthand(text: str) -> None:
    assert contact.outgoing(text)


@pytest.mark.parametrize("text", [
    "she texted 'i miss you' last night", "he liked a photo from 2019 on my insta",
    "he commented a heart on my post", "my ex wife called about picking up her stuff",
])
def test_incoming_in_more_words(text: str) -> None:
    assert contact.incoming(text)


def test_a_pronoun_after_another_named_person_is_not_the_ex() -> None:
    assert not contact.outgoing("my friend called me last night and we talked for hours")
    assert not urge.is_urge("mum is in hospital and i want to call her")
    assert urge.is_urge("i want to call her")
    assert contact.outgoing("my friend said i shouldn't, but i texted my ex")


@pytest.mark.parametrize("text", [
    "i keep opening his chat to text him", "i'm tempted to reply", "what if i just texted him once",
    "should i answer if he calls?",
])
def test_more_urges(text: str) -> None:
    assert urge.is_urge(text)


@pytest.mark.parametrize("text", [
    "i text her yesterday", "came home drunk and called him", "i hit her up again",
    "i double tapped a pic from 2018 on his insta", "i tagged him in a reel",
    "she messaged me and i answered within seconds", "i bumped into him and said hi",
    "woke up in bed with my ex again", "i snapchatted him a selfie", "i calld him",
])
def test_outgoing_families(text: str) -> None:
    assert contact.outgoing(text)


@pytest.mark.parametrize("text", [
    "she text me this morning", "out of nowhere he messages me", "he rang me out of the blue",
    "an unknown number texted me and i know it is him", "my doorbell went and it was him",
    "she dropped off a box with my things", "he swung by unannounced",
    "he wants his hoodie back", "i ignored her call", "i was at work when he called",
])
def test_incoming_families(text: str) -> None:
    assert contact.incoming(text)


@pytest.mark.parametrize("text", [
    "i replied straight away to the email from work", "she sent a parcel to her mum",
    "my phone rang and it was my mum", "my sister popped round with cake",
    "when he called me a liar i cried", "i tagged my friend in a meme",
])
def test_the_families_keep_other_people_out(text: str) -> None:
    assert not contact.outgoing(text) and not contact.incoming(text)


@pytest.mark.parametrize("text", [
    "i want to reach out", "gonna shoot him a text", "would it be so wrong if i texted him",
    "it would be rude not to text him right", "omw to her flat", "stop me from texting him",
    "i want to go to the cafe where he works",
])
def test_urge_families(text: str) -> None:
    assert urge.detect(text) is not None


@pytest.mark.parametrize("text", [
    "i want to reach out to my old friends", "it would be rude not to reply to my aunt",
    "i want to say hi to my neighbours", "stop me from eating all the cookies",
])
def test_urges_to_reach_other_people_are_not_urges(text: str) -> None:
    assert urge.detect(text) is None
