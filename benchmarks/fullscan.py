"""The bot as it answered before the fact index: every question scans every fact and all text.

The reference that the indexed bot must agree with, answer for answer (benchmarks and tests)."""

from __future__ import annotations

import re

from bot import Bot


class FullScan(Bot):
    def replace(self, corpus) -> None:
        super().replace(corpus)
        self._sentences: dict[tuple[str, int], list] = {}
        for f in self.facts:
            self._sentences.setdefault((f.source_id, f.sentence_start), []).append(f)

    def candidates(self, need):
        return self.facts

    def measuring(self, fact):
        return self.facts

    def facts_at(self, source_id, sentence_start):
        return self._sentences.get((source_id, sentence_start), [])

    def _written(self, name):
        text = "\n".join(a.title + "\n" + a.body for a in self.articles.values())
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) is not None


def same_answers(bot: Bot, questions: list[str]) -> list[str]:
    """The questions `bot` answers differently from a full scan of its own index (none, normally)."""
    reference = FullScan(bot.corpus)
    return [q for q in questions if bot.ask(q).model_dump() != reference.ask(q).model_dump()]
