"""A receipt for one answer: plain text that is also Markdown, to paste into notes.

It carries what a reader needs to check the answer without the app: the question, the answer
with each figure as written, a calculation's formula with its operands cited, and for every
citation the exact quote, the article's title, publisher and date, and where the quote and
its figures sit in the article (source id, start and end offsets into the article body, which
for a web page or PDF is the text read from it; a PDF's page too).

    - Question: How many visas were issued in 2015?
    - Answer: **1,234** visas (State Department, 2015) [1].

    [1] "The department issued 1,234 visas in 2015."
    - Figure as written: "1,234", characters 27-32
    - Article: Visas in 2015
    - Publisher: Example News
    - Date: 2016-01
    - Source id and offsets: visas-2015, start 4, end 47
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.answer import Answer, Citation, Related
from index.sources import Article

NOT_GIVEN = "not given"
READ_FROM = {"html": " (in the text read from the web page)", "pdf": " (in the text read from the PDF)"}


def receipt(answer: Answer, articles: Mapping[str, Article]) -> str:
    """The receipt for `answer`; `articles` (by id) supply each source's publisher and date."""
    head = [f"- Question: {answer.question}"]
    if answer.resolved_question and _plain(answer.resolved_question) != _plain(answer.question):
        head.append(f"- Read as: {answer.resolved_question}")
    head += [f"- {line}" for line in _answer_lines(answer)]
    blocks = ["\n".join(head)]
    noted: set[str] = set()  # a long date note is given once per article
    blocks += citation_blocks(answer.citations, articles, noted)
    blocks += related_blocks(answer.related, articles, noted, "Related passages (context, not an answer):")
    return "\n\n".join(blocks) + "\n"


def citation_blocks(citations, articles: Mapping[str, Article], noted: set[str]) -> list[str]:
    """One block per citation; an article's long date note only the first time (`noted` keeps track)."""
    out = []
    for c in citations:
        out.append(_citation_block(c, articles.get(c.source_id), c.source_id not in noted))
        noted.add(c.source_id)
    return out


def related_blocks(related, articles: Mapping[str, Article], noted: set[str], heading: str) -> list[str]:
    """`heading`, then one numbered block per related passage; nothing when there are none."""
    if not related:
        return []
    out = [heading]
    for k, r in enumerate(related, 1):
        out.append(_related_block(k, r, articles.get(r.source_id), r.source_id not in noted))
        noted.add(r.source_id)
    return out


def _plain(question: str) -> str:
    return " ".join(question.split()).rstrip("?.!").strip().lower()


def _answer_lines(answer: Answer) -> list[str]:
    """The answer's own paragraphs, less the quotes (each citation below gives its quote), with a
    calculation's line named "Formula"; an answer that only quotes points at its citations.

    >>> _answer_lines(Answer(question="q", resolved_question="q", kind="derived",
    ...     text="**2**\\n\\nCalculation: 4 [1] / 2 [1] = 2.\\n\\n> 4 and 2 [1]"))
    ['Answer: **2**', 'Formula: 4 [1] / 2 [1] = 2.']
    """
    lines = []
    for paragraph in answer.text.split("\n\n"):
        paragraph = " ".join(paragraph.split())
        if not paragraph or paragraph.startswith(">"):
            continue
        if paragraph.startswith("Calculation: "):
            lines.append("Formula: " + paragraph[len("Calculation: "):])
        elif not lines:
            lines.append(("No answer: " if answer.abstained else "Answer: ") + paragraph)
        else:
            lines.append(paragraph)
    if answer.calculation and not any(line.startswith("Formula: ") for line in lines):
        lines.append(f"Formula: {answer.calculation}")
    if not lines and answer.citations:
        lines.append("Answer: the passage quoted in " + ", ".join(f"[{c.n}]" for c in answer.citations) + ".")
    return lines


def figures_as_written(c: Citation) -> list[str]:
    """Each figure the citation highlights, as the article writes it, with its offsets.

    >>> from bot.answer import Highlight
    >>> figures_as_written(Citation(n=1, source_id="s", title="t", start=10, end=20, quote="a 5 and 7.",
    ...                             highlights=[Highlight(start=12, end=13), Highlight(start=18, end=19)]))
    ['"5", characters 12-13', '"7", characters 18-19']
    """
    return [f'"{c.quote[a:b]}", characters {h.start}-{h.end}' for (a, b), h in zip(c.marked(), c.highlights)]


def _source_lines(title: str, source_id: str, start: int, end: int, article: Article | None,
                  date_note: bool, page: int | None = None) -> list[str]:
    lines = [f"- Article: {title}",
             f"- Publisher: {article.publisher if article and article.publisher else NOT_GIVEN}"]
    if article and article.author:
        lines.append(f"- Author: {article.author}")
    lines.append(f"- Date: {article.published if article and article.published else NOT_GIVEN}")
    if date_note and article and article.published_note:
        lines.append(f"- Date note: {article.published_note}")
    if page is not None:
        lines.append(f"- Page: {page}")
    lines.append(f"- Source id and offsets: {source_id}, start {start}, end {end}"
                 f"{READ_FROM.get(article.format, '') if article else ''}")
    return lines


def _citation_block(c: Citation, article: Article | None, date_note: bool) -> str:
    lines = [f'[{c.n}] "{c.quote}"']
    found = figures_as_written(c)
    if found:
        lines.append(f"- Figure{'s' if len(found) > 1 else ''} as written: " + "; ".join(found))
    lines += _source_lines(c.title, c.source_id, c.start, c.end, article, date_note, c.page)
    return "\n".join(lines)


def _related_block(k: int, r: Related, article: Article | None, date_note: bool) -> str:
    return "\n".join([f'({k}) "{r.quote}"', *_source_lines(r.title, r.source_id, r.start, r.end, article, date_note)])
