"""Data tables the pure modules read (phrases, word lists): kept apart from the logic."""
