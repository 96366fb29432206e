"""Word lists behind the step-7 message review (bot/features/steps/review.py). Lower case, straight apostrophes."""

# Asking for reassurance or attention: the message leans on them.
NEEDY = (
    "miss you", "need you", "can't stop thinking", "cant stop thinking", "thinking about you",
    "think about you", "can't live without", "can't sleep", "love you", "still love",
    "i'm nothing without", "without you", "do you miss me", "do you ever think", "lonely",
    "so hard without", "feel empty", "you were my everything", "only one for me",
    "why won't you", "why didn't you", "please answer", "please reply", "waiting for you",
)

# Saying sorry again and again keeps the old story going.
APOLOGETIC = (
    "sorry", "apologise", "apologize", "apology", "my fault", "forgive me", "i messed up",
    "i screwed up", "i was wrong", "i regret", "i feel terrible", "i shouldn't have",
)

# Asking to be taken back: the one thing this message must not be.
PLEADING = (
    "please", "pls", "plz", "begging", "i beg", "one more chance", "another chance",
    "second chance", "come back", "take me back", "give us another", "give me another",
    "i'll change", "i will change", "i can change", "try again", "start over", "work on us",
    "get back together", "we belong together", "we're meant to be",
)
