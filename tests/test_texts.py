from bot.core.pronouns import Ex
from bot.ui.texts import render


def test_pronoun_forms_and_verb_agreement() -> None:
    she, they = Ex("she"), Ex("they", "Jo")
    assert (she.they, she.them, she.their, she.are) == ("she", "her", "her", "is")
    assert (they.they, they.them, they.their, they.are) == ("they", "them", "their", "are")
    assert [she.s(v) for v in ("have", "do", "miss", "try", "say", "come")] == [
        "has", "does", "misses", "tries", "says", "comes"]
    assert they.s("have") == "have" and they.name == "Jo" and she.name == "your ex"
    # `named`: the nickname, else the pronoun (where "him" reads well, as in the SOS), against
    # `name`'s "your ex" (where a pronoun would be unclear: at a message's start, or beside a
    # "them" that means someone else, as in "say it to your ex out loud to them instead").
    assert (they.named, she.named, Ex("he").named) == ("Jo", "her", "him")


def test_templates_escape_user_values() -> None:
    out = render("step1/card", problems=["<b>x</b> & y"], treated=None, feel_good=None,
                 safe=None, want_back=None, name="<i>A</i>")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in out and "&lt;i&gt;A&lt;/i&gt;" in out
