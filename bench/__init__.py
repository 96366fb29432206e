"""Benchmarks and the loopback-HTTP Bot API stand-in they run against."""
