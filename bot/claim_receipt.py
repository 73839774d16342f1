"""A checked claim as plain text (also Markdown), to paste into notes or print on the command line.

    - Claim: "more than N" in "The agency deported more than N people in 2014."
    - Verdict: supported
    - Why: Supported: the sources state M.
    - Asked of the sources: The agency deported how many people in 2014

    [1] "..." (the cited sentence, its article, date and offsets, as in an answer's receipt)
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.claims import ClaimCheck, CheckReport
from bot.receipt import citation_blocks, related_blocks
from index.sources import Article

VERDICT_TEXT = {"supported": "supported", "contradicted": "contradicted", "not_in_sources": "not in the sources",
                "ambiguous": "ambiguous"}


def verdict_label(claim: ClaimCheck) -> str:
    """ "supported (approximately) (computed)"."""
    return VERDICT_TEXT[claim.verdict] + (" (approximately)" if claim.approximate else "") + \
        (" (computed)" if claim.computed else "")


def claim_receipt(claim: ClaimCheck, articles: Mapping[str, Article]) -> str:
    """The receipt of one checked figure: claim, verdict, reasons, arithmetic and every citation."""
    verdict = verdict_label(claim)
    head = [f'- Claim: "{claim.text}" in "{claim.sentence.strip()}" (characters {claim.start}-{claim.end})',
            f"- Verdict: {verdict}",
            f"- Why: {claim.detail}",
            f"- Asked of the sources: {claim.question}"]
    if claim.calculation:
        head.append(f"- Formula: {claim.calculation}")
    if claim.difference:
        head.append(f"- Difference: {claim.difference}")
    blocks = ["\n".join(head)]
    noted: set[str] = set()
    blocks += citation_blocks(claim.citations, articles, noted)
    for w in claim.words:
        lines = [f"- Word: \"{w.word}\" (characters {w.start}-{w.end}): {VERDICT_TEXT[w.verdict]}. {w.detail}"]
        if w.calculation:
            lines.append(f"- Formula: {w.calculation}")
        blocks.append("\n".join(lines))
        blocks += citation_blocks(w.citations, articles, noted)
    blocks += related_blocks(claim.related, articles, noted, "Related passages (context, not evidence):")
    return "\n\n".join(blocks) + "\n"


def report_text(report: CheckReport, articles: Mapping[str, Article]) -> str:
    """Every checked figure's receipt, separated by a rule; or the reason nothing was checked."""
    if not report.claims:
        return report.message + "\n"
    return "\n---\n\n".join(claim_receipt(c, articles) for c in report.claims)
