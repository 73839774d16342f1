"""Sections 1 and 2: the floor (one bare query embedding) and a warm bot's answer latency."""

from __future__ import annotations

from index import embed

from benchmarks.timing import percentiles, time_each


def floor(model: str, questions: list[str]) -> dict:
    """Embedding one question, the least any answer can cost."""
    embed.encode(model, ["warm up"])
    return percentiles(time_each(lambda q: embed.encode(model, [q]), questions))


def warm_answers(bot, questions: list[str]) -> dict:
    """`bot.ask` on a loaded bot: retrieval, fact matching, arithmetic and composition."""
    bot.ask("warm up")
    return percentiles(time_each(bot.ask, questions))
