"""Comeback Coach: a Telegram companion for the weeks after a breakup."""
