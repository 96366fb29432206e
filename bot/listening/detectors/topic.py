"""What an everyday message with nothing else in it is about, so the companion's reply can fit
it instead of answering every message alike (bot/features/companion/handlers.py).

It runs only after every safety detector has had its say (crisis, abuse, contact, urges) and
nothing was heard: it never decides anything about safety, only which of a few kind replies
fits best. None means the general reply.

- "why": asking why it ended or what they did wrong ("why did she leave me", "was it my fault")
- "come_back": asking whether the ex will come back ("do you think he'll come back")
- "moved_on": the ex seen with someone new ("i saw her with someone else today")
- "better": a better day ("im doing a bit better today actually", "i didnt text him!!")
- "lost": not knowing what to do next ("what should i do now", "idk what to do", "i feel so lost")
- "easier": whether and when it gets easier ("does it get easier", "how long does this take",
  "will i ever get over her")
- "still_love": still loving or missing the ex, and wondering if that is foolish ("am i stupid
  for still loving her", "is it normal to still love him")
- "ties": what to do with the photos, the follow, the number, their things ("should i delete our
  photos", "should i block him", "what do i do with her stuff")
- "thanks": thanks, said in a few words ("thanks, youre helpful")
- "missing": missing the ex, plainly ("i miss him", "missing her tonight", "i miss us")
- "sleep": a night without sleep ("cant sleep", "still awake", "up at 3am again")
- "rumination": thoughts going round ("how do i stop thinking about him", "i keep replaying it")
- "self_worth": feeling not enough ("i feel so stupid", "what if i never find anyone else")
- "sighting": seeing the ex, or how they seem ("i saw him at the gym", "she looked so happy")
- "dating": the user's own dating ("i went on a date today", "should i download hinge")
- "social": what the ex did online ("he unfollowed me", "she posted a story", "he blocked me")
- "checking": looking the ex up ("i looked at her insta again", "i stalked his profile")

English only, on purpose: the replies are in English, and a message in another language gets
the general reply, which fits anything.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.listening.normalise import fold

Topic = Literal["why", "come_back", "moved_on", "better", "lost", "easier", "still_love", "ties",
                "thanks", "missing", "sleep", "rumination", "self_worth", "sighting", "dating",
                "social", "checking"]

_EX = r"(?:he|she|they|him|her|them|my ex|the ex|ex)"
_EX_SUBJECT = r"(?:he|she|they|my ex|the ex|hed|shed|theyd|hes|shes|theyre|hell|theyll)"
_COME_BACK = (r"(?:come back|coming back|comes back|want me back|wants me back|miss me|misses me|"
              r"regret (?:it|this|leaving|losing me)|realise|realize|change (?:his|her|their) mind|"
              r"text me (?:again|back)|reach out|get back together|be back)")

# Checked in this order: the first that matches is the topic.
_TOPICS: tuple[tuple[Topic, re.Pattern[str]], ...] = (
    ("come_back", re.compile(
        rf"\b(?:(?:do|d) (?:you|u) think|will|would|is there a chance|any chance|do you reckon|"
        rf"is it possible|could|might|when will|how long (?:until|till|before))\b.{{0,40}}"
        rf"\b{_EX_SUBJECT}\b.{{0,30}}\b{_COME_BACK}"
        rf"|\b(?:get|getting|win|winning) {_EX} back\b"
        rf"|\bwill we (?:ever )?(?:get back|be together|end up together)")),
    ("why", re.compile(
        rf"\bwhy (?:did|would|does|do|has|is|was|didnt|doesnt) {_EX_SUBJECT}\b.{{0,30}}"
        r"\b(?:leave|left|leaving|dump|dumped|end|ended|break|broke|cheat|cheated|stop|stopped|"
        r"do this|do that|not love|not want|fall out|give up|walk away)"
        r"|\bwhy (?:wasnt|am|was) i (?:not )?(?:enough|good enough)"
        r"|\bwhat did i do wrong\b|\bwhat went wrong\b|\b(?:was|is) (?:it|this|that) (?:all )?my fault\b"
        r"|\bwhy me\b|\bwhy does (?:this|it) (?:always )?happen to me\b")),
    ("moved_on", re.compile(
        rf"\b{_EX_SUBJECT}\b.{{0,30}}\b(?:new|another) (?:girlfriend|boyfriend|gf|bf|partner|"
        r"girl|guy|man|woman|person|relationship)\b"
        rf"|\b(?:saw|seen|see) {_EX} (?:with|and) (?:someone|somebody|a new|another|his new|"
        r"her new|their new|some guy|some girl|a guy|a girl)"
        rf"|\b{_EX_SUBJECT} (?:is |s |has |already |has already |is already |s already )?"
        r"(?:dating|seeing someone|seeing somebody|with someone|moved on|in a relationship|"
        r"engaged|hard launched|soft launched)")),
    ("better", re.compile(
        r"\b(?:im|i am|i m|i feel|i felt|feeling|i was|i ve been|ive been|today was|today is|"
        r"today has been|today s been|todays been|i had|i have had|ive had)\b (?:[a-z]+ ){0,3}"
        r"(?:better|good|okay|ok|great|alright|fine|proud of myself|stronger|lighter|hopeful)\b"
        r"(?! cry| cries| off)(?!.{0,40}\b(?:but|except|not|until|till|then)\b)"
        r"|\bi (?:didnt|did not|havent|have not) (?:text|call|message|contact|check)(?:ed)? "
        rf"{_EX}\b(?!.{{0,10}}\b(?:yet|until)\b)"
        r"|\bgood day\b|\bproud of myself\b"
        # looking after themselves: "i went to the gym today", "i finally slept through the night"
        r"|\bi (?:finally )?(?:went|got) (?:to the gym|for a (?:run|walk|swim|hike|ride)|"
        r"out with (?:friends|my friends|mates|the girls|the boys)|outside)"
        r"|\bi (?:finally )?(?:worked out|went running|cooked (?:myself )?(?:a proper|dinner|a meal)|"
        r"cleaned my (?:room|flat|apartment|place)|slept (?:well|through the night|all night))\b")),
    ("ties", re.compile(
        r"\b(?:should|do|can|shall) i (?:just )?(?:delete|unfollow|block|unblock|mute|archive|"
        r"remove|burn|throw (?:away|out)|get rid of|keep|give back|return|send back|bin) "
        r"(?:him|her|them|his|their|our|the|all|my ex|everything|it all)\b"
        r"|\bwhat (?:do|should|can) i do with (?:his|her|their|our|all (?:his|her|their|our)|"
        r"the) (?:stuff|things|photos|pictures|pics|gifts|clothes|hoodie|letters|messages|texts)")),
    ("lost", re.compile(
        r"\bwhat (?:should|do|can|am) i (?:do|supposed to do)\b"
        r"|\b(?:i )?(?:dont|don t|do not) know what to do\b|\bidk what to do\b"
        r"|\bwhere do i (?:even )?start\b|\bwhat now\b|\bwhat next\b|\bnow what\b"
        r"|\b(?:im|i am|i feel|feeling|i m) (?:so |really |completely |totally |just )?lost\b"
        r"|^lost$")),
    ("easier", re.compile(
        r"\b(?:does|do|will|when does|when will|is|it) (?:it|this|things|the pain|the hurt|"
        r"the heartbreak|this feeling|the feeling|it ever|this ever) (?:ever )?"
        r"(?:get|gets|getting) (?:easier|better|less painful)"
        r"|\bhow long (?:does|do|will|did|until|till|before|is|for)\b.{0,30}"
        r"(?:take|last|hurt|heal|stop|feel (?:normal|better|okay|ok|like myself)|get over|move on|"
        r"go away|pass)\b(?! to (?:get (?:to|there|home)|go|drive|walk|fly|arrive|reach|"
        r"cook|bake|boil|load|download|deliver|ship|charge))"
        r"|\bwill i (?:ever )?(?:get over|move on|feel (?:normal|better|okay|ok|like myself|happy)|"
        r"stop (?:missing|loving|thinking about|hurting)|be (?:okay|ok|happy|fine))"
        r"|\bwhen (?:will|does|do) (?:i|this|it) (?:stop|start|feel|get|end)")),
    ("still_love", re.compile(
        rf"\b(?:am i|is it|im|i am|i feel|feel) (?:so |really |just |being |kind of |kinda )?"
        rf"(?:stupid|dumb|pathetic|crazy|an idiot|weird|normal|ok|okay|wrong|silly|naive)\b.{{0,30}}"
        rf"\b(?:still )?(?:love|loving|miss|missing|want|wanting|care about|caring about|"
        rf"think about|thinking about) {_EX}\b"
        rf"|\bwhy (?:do|cant) i (?:still )?(?:love|miss|want) {_EX}\b"
        rf"|\bi still (?:love|miss|want) {_EX}\b")),
    ("thanks", re.compile(
        r"^(?:thanks|thank you|thank u|thx|ty|cheers|ta)\b")),
    ("sleep", re.compile(
        r"(?:^|\b(?:i|i just|i still|still|just|i really|really|and|but|so|literally|i literally|"
        r"im|i m|i am|i was) )"  # the user's own night, not "my sister cant sleep"
        r"(?:cant|can t|cannot|couldnt|unable to|not able to|struggling to|trying to) (?:sleep|fall asleep|"
        r"get to sleep|stay asleep)\b|\b(?:no|zero|barely any|hardly any|havent had any) sleep\b"
        r"|\b(?:up|awake) (?:at|since|till|until) \d|\b(?:still|wide) (?:up|awake)\b|\binsomnia\b"
        r"|\bhavent (?:slept|been sleeping)\b|\bnot (?:sleeping|been sleeping)\b"
        r"|\bwoke up (?:at \d|crying|thinking|again)")),
    ("rumination", re.compile(
        r"\b(?:cant|cannot|how do i|how can i|how to|i need to|i want to|help me|i just want to) "
        r"(?:stop|quit) (?:thinking|obsessing|overthinking|replaying|going over)\b"
        r"|\b(?:i keep|i cant stop|keep|constantly|always) (?:thinking about|replaying|"
        r"overthinking|obsessing over|going over|analysing|analyzing)\b"
        rf"|\b{_EX_SUBJECT} (?:is|s|are|re)? ?(?:all i (?:can )?think about|always on my mind|"
        r"stuck in my head|in my head)\b|\boverthinking\b|\bon repeat in my head\b")),
    ("self_worth", re.compile(
        r"\b(?:im|i am|i feel|feel|feeling) (?:so |really |such |just |like |kinda |kind of )?"
        r"(?:stupid|worthless|ugly|unlovable|not good enough|pathetic|a failure|an idiot|"
        r"replaceable|boring|too much|not enough|unwanted|a loser|a joke)\b"
        r"|\bwhat if i never (?:find|meet|love|get|fall)\b"
        r"|\b(?:no one|nobody|noone) (?:will ever|will|would ever|is ever going to|is going to) "
        r"(?:love|want|date|choose|pick)\b"
        r"|\bwhats wrong with me\b|\bwhy am i (?:never|not) enough\b|\bi wasnt enough\b"
        r"|\bi ll (?:never|always) (?:find|be alone)\b|\bill (?:never|always) (?:find|be alone)\b")),
    ("missing", re.compile(
        rf"\bi (?:really |just |so |miss |truly |kinda |still )?(?:miss|missing) (?:{_EX}|us|what we "
        r"had|our|my ex|the ex)\b|\bmissing (?:him|her|them|my ex|us) (?:so much|tonight|today|"
        r"a lot|like crazy)\b|^missing (?:him|her|them|my ex|us)$")),
    ("sighting", re.compile(
        rf"\b(?:i )?(?:saw|seen|ran into|bumped into|spotted|run into|bump into) {_EX}\b"
        rf"|\b{_EX_SUBJECT} (?:looked|looks|seemed|seems) (?:so |really |totally |completely |"
        r"perfectly |just )?(?:happy|fine|great|good|okay|ok|better|unbothered|happier)\b")),
    ("dating", re.compile(
        r"\bi (?:went on|am going on|m going on|have|had|got|ve got|have got) a (?:first |second "
        r"|third )?date\b(?! with (?:my|the|our) (?:mum|mom|mam|dad|mother|father|sister|brother|"
        r"friend|friends|bestie|kid|kids|son|daughter|nan|gran|grandma|family))"
        r"|\b(?:should|can) i (?:start )?(?:dating|date again|get back out there|"
        r"download (?:tinder|hinge|bumble|the apps|a dating app)|see other people)\b"
        r"|\b(?:im|i am|i m) (?:on|back on) (?:tinder|hinge|bumble|the apps|dating apps)\b"
        r"|\bam i ready to (?:date|see someone)\b|\bi (?:matched with|kissed|slept with|hooked up "
        r"with) (?:someone|somebody) (?:new|else)\b")),
    ("checking", re.compile(
        r"\bi (?:just |literally |totally |kinda |accidentally |then )?(?:looked at|checked|stalked|"
        r"was stalking|went through|scrolled through|keep checking|kept checking|was checking|"
        r"looked through|keep looking at|kept looking at|watched|viewed|looked up|googled|"
        r"stalk|check) (?:all )?(?:of )?(?:his|her|their|my exs|the exs|my ex s) (?:insta|instagram|"
        r"ig|profile|page|stories|story|socials|social media|facebook|fb|tiktok|twitter|snap|"
        r"snapchat|photos|pics|pictures|spotify|linkedin|account|posts|feed|highlights|"
        r"last seen|online status|location|strava)\b"
        r"|\bi (?:just |literally |kinda )?(?:stalked|googled|looked up) (?:him|her|them|my ex)\b")),
    ("social", re.compile(
        rf"\b{_EX_SUBJECT} (?:just |finally |already |has |has just )?(?:unfollowed|blocked|"
        r"removed|deleted|unfriended|muted|archived|restricted)\b"
        rf"|\b{_EX_SUBJECT} (?:just |finally |has )?(?:posted|changed (?:his|her|their) (?:bio|"
        r"profile|pfp|profile picture|picture|name))\b")),
)
_NEGATIVE_BETTER = re.compile(r"\b(?:not|never|isnt|wasnt|no longer|cant|couldnt|dont)\b.{0,12}"
                              r"\b(?:better|good|okay|ok|great|fine)\b")
_THANKS_WORDS = 8  # "thanks, that actually helped a lot" is thanks; a long message is more


def topic(text: str) -> Topic | None:
    """The topic of a message the detectors heard nothing in, or None for the general reply."""
    plain = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text).replace("'", "")).split())
    if not plain:
        return None
    for name, pattern in _TOPICS:
        if not pattern.search(plain):
            continue
        if name == "better" and _NEGATIVE_BETTER.search(plain):
            continue  # "i dont feel any better"
        if name == "thanks" and len(plain.split()) > _THANKS_WORDS:
            continue
        return name
    return None
