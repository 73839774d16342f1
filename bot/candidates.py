"""The facts that may answer a need, read from the fact index instead of scanning every fact.

Each filter here is one `bot.match.score_fact` applies, loosened to a superset, so ranking the
candidates gives exactly what ranking the whole table gives: a fact is left out only when
`score_fact` would rule it out.

- unit: a fact of another unit scores nothing (a duration answers a duration, or a question that
  leaves the kind of number open);
- period: a dated question takes facts of its year (or month), or "since" an earlier year;
- agency: a fact by another agency scores nothing unless its sentence names the asked one;
- thing (when the question's words are not matched by meaning): the fact counts the thing, its
  parent or a kind of it, or has a keyword naming it;
- words: every required word of the question must be accounted for by one of the stems that
  may mean it, somewhere in the fact's clause, sentence, context, the sentence before, the
  headline or the lead.
"""

from __future__ import annotations

from index import vocab
from index.factindex import FactIndex
from index.facts import Fact

# facts the vocabulary labels with no particular thing: judged by meaning when the question is
_UNLABELLED = ("unspecified", "people")


def candidates(table: FactIndex, need, aliases: dict[str, str], by_meaning: bool) -> list[Fact]:
    """Facts that `score_fact(fact, need, aliases, ranks, meaning)` may score, in table order.

    `by_meaning` says whether a `meaning` function is given (then `need.asked` is checked)."""
    period = need.period
    asked = need.asked if by_meaning else []
    thing = None
    if need.thing:  # score_fact checks the thing only when one is named
        things = {need.thing, *(t for t, parent in vocab.THING_PARENTS.items() if parent == need.thing)}
        if need.thing in vocab.THING_PARENTS:
            things.add(vocab.THING_PARENTS[need.thing])
        if asked:
            things.update(_UNLABELLED)  # such a figure is judged by meaning alone
        thing = (sorted(things), [need.thing, *vocab.THINGS.get(need.thing, ())])
    actor = None
    if need.actor:
        actor = (need.actor, sorted(n for n, a in aliases.items() if a == need.actor))
    return table.select(
        unit=need.unit or None,
        exclude_unit="duration" if need.unit not in ("duration", None) else None,
        year=period.year if period is not None and period.basis != "named" else None,
        month=period.month if period is not None and period.basis != "named" else None,
        actor=actor,
        thing=thing,
        words=[sorted(a.meanings) for a in asked if a.required],
    )
