"""The words that make up "I want to text my ex" (bot/listening/urges.py combines them into patterns).

Kept as data so the phrase list can grow without touching the matcher. Every entry is lower case
with straight apostrophes, the form bot.listening.urges.normalise produces.
"""

# Who the message would go to. "ex" only as a whole word: "ex-boss" and "ex's" are other tokens.
TARGETS = ("him", "her", "them", "my ex", "the ex", "ex", "my ex partner", "my ex boyfriend",
           "my ex girlfriend", "my ex husband", "my ex wife", "my former partner")

# Ways of reaching someone, in the base form that follows "want to" / "should i".
CONTACT_VERBS = (
    "text", "txt", "message", "msg", "call", "ring", "phone", "dm", "email", "e-mail",
    "whatsapp", "snap", "snapchat", "facetime", "contact", "reach out to", "write to",
    "write", "send", "go see", "go and see", "turn up at", "show up at", "drunk text",
    "drunk dial", "beg", "talk to", "speak to", "get in touch with", "answer", "reply to",
    "text back", "call back",
)

# Words that say the user is about to, wants to, or is asking whether to.
DESIRES = (
    "want to", "wanna", "need to", "have to", "gotta", "going to", "gonna", "about to",
    "tempted to", "dying to", "aching to", "itching to", "so close to", "close to",
    "urge to", "desperate to", "trying not to", "thinking of", "thinking about", "might",
    "should i", "shall i", "can i", "could i", "do i", "would it hurt to", "is it ok to",
    "is it okay to", "is it bad to", "would it be bad to", "why shouldn't i", "i'll", "i will",
    "let me", "just going to", "i'm about to", "can't stop myself from", "can't help",
)

# Adverbs that may sit between the desire and the verb: "I really want to text him".
FILLERS = ("really", "so", "just", "badly", "kind of", "kinda", "sort of", "actually",
           "seriously", "honestly", "totally", "literally", "still", "maybe", "quickly")

# Whole phrases that mean the same without a contact verb.
PHRASES = (
    r"i (?:really |so |still |just )*miss (?:him|her|them|my ex)(?![\w\'\-])",
    r"missing (?:him|her|them|my ex) (?:so|too|like)",
    r"i want (?:him|her|them|my ex) back",
    r"i need (?:him|her|them|my ex) back",
    r"(?:break|breaking|end|ending) (?:my )?no contact",
    r"i'm (?:going to|gonna|about to) cave",
    r"(?:hear|see) (?:his|her|their) (?:voice|face)",
    r"my finger is (?:on|over) (?:the )?send",
    (r"(?:typed|typing|drafted|wrote) (?:out )?(?:a|the|this) (?:text|message) (?:to|for) "
    r"(?:him|her|them|my ex)"),
)
