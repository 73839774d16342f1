"""The Answer contract: what every caller (CLI, UI, API, evals) receives. Field names are stable."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["fact", "derived", "passage", "abstain"]
Reason = Literal["not_found", "period_not_covered", "ambiguous", "out_of_scope", "invalid_input", "unverified"]


class Citation(BaseModel):
    """A span of one article: `quote == article.body[start:end]`, byte for byte.

    `highlight_start`/`highlight_end` mark the cited number inside the article (same offsets),
    when the citation is for a number. `page` is the 1-based page of a PDF the quote starts on."""

    model_config = ConfigDict(frozen=True)

    n: int
    source_id: str
    title: str
    start: int
    end: int
    quote: str
    highlight_start: int | None = None
    highlight_end: int | None = None
    page: int | None = None


class Related(BaseModel):
    """A nearby passage shown with an abstention: context, not evidence."""

    model_config = ConfigDict(frozen=True)

    source_id: str
    title: str
    start: int
    end: int
    quote: str


class Conflict(BaseModel):
    model_config = ConfigDict(frozen=True)

    description: str
    values: list[str]
    citations: list[int]


class Answer(BaseModel):
    model_config = ConfigDict(frozen=True)

    question: str
    resolved_question: str
    text: str
    value: float | None = None
    unit: str | None = None
    approximate: bool = False
    kind: Kind
    abstained: bool = False
    reason: Reason | None = None
    calculation: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
