"""Synthetic news articles for the end-to-end scale benchmark, and questions about them.

Each article is nine or ten short sentences filled from templates: an agency of the project's
vocabulary (`index.vocab.ACTORS`), a year, a measured thing, a place and figures drawn at random,
each slot written one of several ways. Article `i` is the same in every corpus, so a corpus of
n articles is the first n of a larger one, and questions about the first articles can be asked of
every size. All figures are invented.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

# (name the article uses, short name, agency in index.vocab.ACTORS)
AGENCIES = [
    ("Immigration and Customs Enforcement", "ICE", "ICE"),
    ("Customs and Border Protection", "CBP", "CBP"),
    ("U.S. Border Patrol", "Border Patrol", "Border Patrol"),
    ("U.S. Citizenship and Immigration Services", "USCIS", "USCIS"),
    ("Executive Office for Immigration Review", "EOIR", "EOIR"),
    ("Department of Homeland Security", "DHS", "DHS"),
]
# (what is counted, the verb in the past, the verb after "did")
THINGS = [
    ("removals", "carried out", "carry out"), ("deportations", "carried out", "carry out"),
    ("apprehensions", "recorded", "record"), ("asylum applications", "received", "receive"),
    ("naturalization petitions", "approved", "approve"), ("detainer requests", "issued", "issue"),
    ("family unit arrests", "made", "make"), ("credible fear interviews", "conducted", "conduct"),
    ("work permits", "issued", "issue"), ("green card applications", "processed", "process"),
    ("refugee admissions", "processed", "process"), ("bond hearings", "held", "hold"),
    ("visa overstay cases", "opened", "open"), ("worksite inspections", "conducted", "conduct"),
    ("expedited removals", "ordered", "order"), ("border crossings", "logged", "log"),
    ("unaccompanied minors", "referred", "refer"), ("immigration court cases", "completed", "complete"),
    ("voluntary returns", "arranged", "arrange"), ("criminal arrests", "made", "make"),
]
PLACES = ["Rio Grande Valley", "El Paso", "Tucson", "San Diego", "Laredo", "Yuma", "Del Rio", "Big Bend",
          "El Centro", "Miami", "Buffalo", "Spokane", "Houlton", "Detroit", "Grand Forks", "Blaine"]
GROUPS = ["nonprofit research group", "university migration center", "policy institute", "advocacy coalition"]
YEARS = range(1995, 2025)


@dataclass(frozen=True)
class Article:
    id: str
    text: str  # the whole file, front matter included
    questions: list[str]


def _figure(rng: random.Random, low: int, high: int) -> tuple[int, str]:
    n = rng.randrange(low, high)
    return n, f"{n:,}"


def article(i: int) -> Article:
    """Article number `i` (the same for every corpus size)."""
    rng = random.Random(i)
    long_name, short, _ = rng.choice(AGENCIES)
    thing, did, do = rng.choice(THINGS)
    other, other_did, _ = rng.choice([t for t in THINGS if t[0] != thing])
    year = rng.choice(YEARS)
    place = rng.choice(PLACES)
    group = rng.choice(GROUPS)
    n, n_text = _figure(rng, 2_000, 900_000)
    before, before_text = _figure(rng, 2_000, 900_000)
    part, part_text = _figure(rng, 100, n)
    share = rng.randrange(5, 60)
    staff, staff_text = _figure(rng, 120, 9_000)
    backlog, backlog_text = _figure(rng, 10_000, 2_000_000)
    calendar, calendar_text = _figure(rng, 500, 90_000)
    direction = "up" if n > before else "down"
    fiscal = rng.choice([f"fiscal year {year}", f"fiscal {year}", f"FY{year}"])
    title = rng.choice([f"{short} {thing} {'rise' if n > before else 'fall'} in fiscal {year}",
                        f"{thing.capitalize()} by {short} reach {n_text}",
                        f"New figures show {thing} {'climbing' if n > before else 'slowing'} in {year}"])
    sentences = [
        rng.choice([f"{long_name} ({short}) {did} {n_text} {thing} in {fiscal}, according to figures released this week.",
                    f"In {fiscal}, {long_name} ({short}) {did} {n_text} {thing}, the agency said in its annual report."]),
        rng.choice([f"That was {direction} from {before_text} in fiscal year {year - 1}.",
                    f"The year before, the agency {did} {before_text} {thing}."]),
        f"About {share} percent of the {thing} took place in the {place} sector.",
        rng.choice([f"Officials said {part_text} of them involved people with prior criminal convictions.",
                    f"Of those, {part_text} involved people with prior criminal convictions, officials said."]),
        f"The agency has {staff_text} employees assigned to the program, a spokesperson said.",
        rng.choice(["Advocates said the figures reflected new enforcement priorities rather than more arrivals.",
                    "Critics said the numbers said little about who was affected."]),
        f"In calendar year {year}, the agency also reported {calendar_text} {other}.",
        f"The backlog of pending cases stood at {backlog_text} at the end of the fiscal year.",
        f"Researchers at a {group} said the trend would likely continue into {year + 1}.",
    ]
    if rng.random() < 0.5:
        sentences.append(f"The {place} office declined to comment on the {other_did} {other}.")
    body = " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:5]) + "\n\n" + " ".join(sentences[5:]) + "\n"
    text = f'---\nid: synthetic-{i}\ntitle: "{title}"\npublished: "{year + 1}"\n---\n{body}'
    questions = [
        f"How many {thing} did {short} {do} in fiscal year {year}?",
        f"What share of the {thing} took place in the {place} sector in fiscal {year}?",
        f"How many {thing} were there in fiscal year {year - 1}?",
        f"How many {other} did the agency report in calendar year {year}?",
        f"What was the backlog of pending cases at the end of fiscal {year}?",
        f"How many employees does {short} have assigned to the program?",
    ]
    return Article(id=f"synthetic-{i}", text=text, questions=questions)


def write_corpus(folder: Path, n: int) -> list[Article]:
    """The first `n` articles as `.md` files in `folder` (created); returns them."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        a = article(i)
        path = folder / f"{a.id}.md"
        if not path.exists() or path.read_text(encoding="utf-8") != a.text:  # a kept archive stays as built
            path.write_text(a.text, encoding="utf-8")
        out.append(a)
    return out
