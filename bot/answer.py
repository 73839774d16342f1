"""The Answer contract: what every caller (CLI, UI, API, evals) receives. Field names are stable."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

Kind = Literal["fact", "derived", "passage", "abstain"]
Reason = Literal["not_found", "period_not_covered", "ambiguous", "out_of_scope", "invalid_input", "unverified"]


class Highlight(BaseModel):
    """A cited figure inside a citation's sentence, in the article's offsets."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class Citation(BaseModel):
    """A span of one article: `quote == article.body[start:end]`, byte for byte.

    `highlights` mark every figure the answer takes from this sentence (same offsets), in the
    order the answer uses them: one for a lookup, both operands of a calculation on two
    figures of one sentence, none for a quoted passage. `highlight_start`/`highlight_end` are
    the first of them, for clients that read one. `page` is the 1-based page of a PDF the
    quote starts on."""

    model_config = ConfigDict(frozen=True)

    n: int
    source_id: str
    title: str
    start: int
    end: int
    quote: str
    highlights: list[Highlight] = Field(default_factory=list)
    page: int | None = None

    @model_validator(mode="after")
    def _inside_the_quote(self) -> Citation:
        if len(self.quote) != self.end - self.start:
            raise ValueError(f"citation [{self.n}]: quote is {len(self.quote)} characters, "
                             f"offsets {self.start}-{self.end} span {self.end - self.start}")
        for h in self.highlights:
            if not self.start <= h.start < h.end <= self.end:
                raise ValueError(f"citation [{self.n}]: highlight {h.start}-{h.end} lies outside "
                                 f"its quote {self.start}-{self.end}")
        return self

    @computed_field
    @property
    def highlight_start(self) -> int | None:
        return self.highlights[0].start if self.highlights else None

    @computed_field
    @property
    def highlight_end(self) -> int | None:
        return self.highlights[0].end if self.highlights else None

    def marked(self) -> list[tuple[int, int]]:
        """The highlights as (start, end) offsets within `quote`.

        >>> Citation(n=1, source_id="s", title="t", start=10, end=20, quote="a 5 and 7.",
        ...          highlights=[Highlight(start=12, end=13), Highlight(start=18, end=19)]).marked()
        [(2, 3), (8, 9)]
        """
        return [(h.start - self.start, h.end - self.start) for h in self.highlights]


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
