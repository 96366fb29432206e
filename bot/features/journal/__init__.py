"""The journal: /journal (the "remember why" card and entries), /write, and keeping words from chat."""
