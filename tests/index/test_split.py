"""index.split: sentence boundaries on the real articles and synthetic traps, chunk windows, and
the offset invariant every citation depends on."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from index.split import Span, chunk_sentences, estimate_tokens, paragraphs, split_sentences


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


def test_dhs_article_splits_into_exactly_these_sentences(articles):
    body = articles["dhs-deportations-fiscal-2014"].body

    assert texts(body) == [
        "Department of Homeland Security saw fewer immigrants deported in 2014, but the number of deportations "
        "still remains high, with the agency having deported nearly 600,000 immigrants from the U.S. this year.",
        "(DHS) officials say there was a decline in the number of immigrants deported in 2014 because of the "
        "unprecedented arrival of children and families from Central America, and a push back by law enforcement "
        "under the Secure Communities program, but the agency still carried out over half a million deportations.",
        "According to the department's statistics, released on Dec. 19, DHS conducted a total of 577,295 "
        "deportations -- comprising 414,481 removals and 162,814 returns.",
        "U.S. Immigration and Customs Enforcement had a total of 315,042 removals or returns and Customs and Border "
        "made 486,651 apprehensions.",
        "\"This year's statistics are informed by a number of complex and shifting factors, most notably the 68 "
        "percent increase in migration from countries other than Mexico, predominantly from Central America, and a "
        "14 percent drop in Mexican migration since fiscal year 2013,\" said Secretary of Homeland Security Jeh "
        "Johnson.",
        "\"The unprecedented surge of unaccompanied children and families last summer, as well as the increasing "
        "number of jurisdictions declining to honor ICE detainers, also impacted DHS enforcement operations.",
        # the ellipses inside the quote do not end sentences
        "... DHS ... continue(s) to ... secure our borders and protect our communities.\"",
        "Johnson said migration numbers are down though compared to 2000, when Border Patrol reported 1.6 million "
        "apprehensions.",
        "Of the number of ICE removals of 315,943 people, 213,719 were apprehended shortly after arriving in the "
        "U.S., with 102,224 removed from the interior.",
        "Eighty-five percent of the removals and returns were of people previously convicted of a criminal offense.",
        "President Obama has been looking for ways to reduce the number of immigrants being deported and claims only "
        "around 15,000 immigrants deported in 2014 were not convicted criminals.",
        "The decline in numbers can also be attributed in part to the controversial Secure Communities Program, which "
        "initially involved local police departments and sheriff's offices in alerting ICE if they arrested a person "
        "who was undocumented, holding the person for 48 hours without a warrant while ICE checked their "
        "fingerprints against their records.",
        "Civil rights organizations criticized the practice, arguing it violated constitutional laws, and threatened "
        "local police departments with lawsuits.",
        "Police Departments then started to publicly announce, starting in 2011, they were not participating in the "
        "program.",
        "ICE then announced the program only required law enforcement to volunteer to assist the agency and that it "
        "was never mandatory.",
        "More than 275 jurisdictions nationwide are now limiting or declining to cooperate with ICE detainers.",
        "In a conference call with reporters, DHS officials said a total of 10,182 requests were refused in 2014 by "
        "local and state police.",
    ]


@pytest.mark.parametrize(
    "source_id, sentence",
    [
        # quotes: straight quotes closing a sentence, curly quotes opening and closing one
        ("detainer-holds-fall", 'Those held are known by ICE as "detainers."'),
        (
            "detainer-holds-fall",
            "“The decline in the use of detainers does parallel a period of growing criticism of the Secure "
            "Communities program by state and local law enforcement agencies, immigration rights groups, and "
            "others,” the report said.",
        ),
        # a non-breaking space inside a sentence is just a space
        (
            "detainer-holds-fall",
            "A\u00a0November\u00a02014\u00a0Homeland Security memorandum formally ended the Secure Communities "
            "program and replaced it with a less aggressive initiative known as the Priority Enforcement Program.",
        ),
        (
            "detainer-holds-fall",
            "In contrast, the figure five years earlier was just a few hundred, while April’s figures, the most "
            "recent\u00a0available, stood at just under 8,000.",
        ),
        # the headline has no final period and still stands alone
        ("ice-fiscal-2012-deportation-record", "Obama Administration Hits Another Deportation Record -- Almost 410,000"),
        # D.C. inside a word does not end the sentence
        (
            "ice-fiscal-2012-deportation-record",
            "“Unfortunately, the Department of Homeland Security surpassed its own record high bar for deportations "
            "in the last fiscal year,” said Ali Noorani, executive director of the National Immigration Forum, a "
            "Washington D.C.-based group that favors more lenient immigration policies.",
        ),
        ("ice-fiscal-2012-deportation-record", "“That’s a dubious accomplishment.”"),
        (
            "ice-fiscal-2012-deportation-record",
            "“In reality, these numbers reflect the urgency with which our government needs to create a better "
            "immigration process,” Noorani said.",
        ),
        # a quote that runs across two sentences closes at the end of the second
        (
            "ice-fiscal-2012-deportation-record",
            "Leaders from across the political spectrum are urging Congress to take action, and these numbers "
            "highlight the desperate need for change.”",
        ),
        ("ice-fiscal-2012-deportation-record", "- Ali Noorani, executive director of the National Immigration Forum"),
        # a domain name before a period is not an abbreviation
        (
            "ice-fiscal-2012-deportation-record",
            "Elizabeth Llorente is Senior Reporter for FoxNews.com, and can be reached at "
            "Elizabeth.Llorente@Foxnews.com.",
        ),
        ("ice-fiscal-2012-deportation-record", "Follow her on Twitter @Liz_Llorente."),
    ],
)
def test_tricky_sentences_of_the_real_articles(articles, source_id, sentence):
    assert sentence in texts(articles[source_id].body)


@pytest.mark.parametrize(
    "source_id, count",
    [("detainer-holds-fall", 11), ("dhs-deportations-fiscal-2014", 17), ("ice-fiscal-2012-deportation-record", 34)],
)
def test_sentence_counts(articles, source_id, count):
    assert len(split_sentences(articles[source_id].body)) == count


def test_repeated_caption_is_marked_duplicate_of_the_first(articles):
    sentences = split_sentences(articles["ice-fiscal-2012-deportation-record"].body, "ice")

    assert sentences[:3] == [
        Span(source_id="ice", start=0, end=70, paragraph=0,
             text="Obama Administration Hits Another Deportation Record -- Almost 410,000"),
        Span(source_id="ice", start=72, end=125, paragraph=1,
             text="Agents with U.S. Immigration and Customs Enforcement."),
        Span(source_id="ice", start=127, end=180, paragraph=2, duplicate_of=1,
             text="Agents with U.S. Immigration and Customs Enforcement."),
    ]
    assert [i for i, s in enumerate(sentences) if s.duplicate_of is not None] == [2]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Mr. Smith went to Washington. He stayed.", ["Mr. Smith went to Washington.", "He stayed."]),
        ("She met Dr. Jones and Sen. Warren. They talked.", ["She met Dr. Jones and Sen. Warren.", "They talked."]),
        ("It ranked No. 5 in the state. Officials cheered.", ["It ranked No. 5 in the state.", "Officials cheered."]),
        ("The deadline is Sept. 30 this year. It passed.", ["The deadline is Sept. 30 this year.", "It passed."]),
        ("Figures were released on Dec. 19, officials said.", ["Figures were released on Dec. 19, officials said."]),
        # a month abbreviation without a day can end a sentence
        ("He arrived in Jan. The next week he left.", ["He arrived in Jan.", "The next week he left."]),
        ("Arrests rose in Jan. 2014 and fell.", ["Arrests rose in Jan. 2014 and fell."]),
        ("She moved to the U.S. in 2010. She works.", ["She moved to the U.S. in 2010.", "She works."]),
        ("He lives in the U.S. The rest live abroad.", ["He lives in the U.S.", "The rest live abroad."]),
        ("He flew to Washington, D.C. Officials met him.", ["He flew to Washington, D.C.", "Officials met him."]),
        ("The U.S. Border Patrol agreed.", ["The U.S. Border Patrol agreed."]),
        ("A. Smith said so. B. Jones agreed.", ["A. Smith said so.", "B. Jones agreed."]),
        ("It rose 5.5 percent. Then it fell.", ["It rose 5.5 percent.", "Then it fell."]),
        ("Acme Inc. said so. Nobody agreed.", ["Acme Inc. said so.", "Nobody agreed."]),
        ('He said "no." Then he left.', ['He said "no."', "Then he left."]),
        ("“We are done,” he said. “Now we rest.”", ["“We are done,” he said.", "“Now we rest.”"]),
        ("“We tried ... But it failed,” he said.", ["“We tried ... But it failed,” he said."]),
        ("It fell... Then it rose.", ["It fell...", "Then it rose."]),
        ("Wait... what happened? Nothing! Really.", ["Wait... what happened?", "Nothing!", "Really."]),
        ("(It was late.) Everyone left.", ["(It was late.)", "Everyone left."]),
        ("Reach her at news.example.com. Follow her too.", ["Reach her at news.example.com.", "Follow her too."]),
        ("Headline Without Period\nThe body starts here.", ["Headline Without Period", "The body starts here."]),
        ("One.\n\n\u00a0\n\nTwo.", ["One.", "Two."]),
        # a long list line without a final period still ends where the next item begins
        ("• 47 removals of fugitives wanted in their home countries for crimes including homicide, robbery and "
         "kidnapping\n• $18.6 million spent on transport", ["• 47 removals of fugitives wanted in their home countries "
         "for crimes including homicide, robbery and kidnapping", "• $18.6 million spent on transport"]),
        ("No final period here", ["No final period here"]),
        ("", []),
        (" \n\n\t", []),
    ],
)
def test_synthetic_boundaries(body, expected):
    assert texts(body) == expected


def test_paragraphs_are_stripped_spans():
    body = "  First para.\nSame para.\n\n \nSecond.  \n"

    assert paragraphs(body) == [(2, 24), (28, 35)]
    assert [body[a:b] for a, b in paragraphs(body)] == ["First para.\nSame para.", "Second."]


def test_chunks_are_windows_of_whole_sentences_sharing_one():
    body = "One two three. Four five six. Seven eight nine. Ten eleven twelve."
    sentences = split_sentences(body, "s")

    # each sentence counts 4 words + 1 period = 5 symbols -> int(5 * 1.25) + 2 = 8 tokens alone,
    # two sentences -> int(10 * 1.25) + 2 = 14
    chunks = chunk_sentences(body, sentences, max_tokens=14, overlap=1)

    assert [c.text for c in chunks] == [
        "One two three. Four five six.",
        "Four five six. Seven eight nine.",
        "Seven eight nine. Ten eleven twelve.",
    ]
    assert chunks[1] == Span(source_id="s", start=15, end=47, text="Four five six. Seven eight nine.")


def test_a_sentence_over_the_limit_is_a_chunk_of_its_own():
    body = "Short one. Many " + "words " * 40 + "end. Short two."
    sentences = split_sentences(body)

    chunks = chunk_sentences(body, sentences, max_tokens=20, overlap=1)

    assert [c.text for c in chunks] == [s.text for s in sentences]
    assert len(chunks) == 3
    # 42 words and a period: int(43 * 1.25) + 2
    assert estimate_tokens(chunks[1].text) == 55


def test_real_chunks_stay_under_the_model_limit(articles):
    for article in articles.values():
        sentences = split_sentences(article.body, article.id)
        for chunk in chunk_sentences(article.body, sentences, max_tokens=200):
            assert chunk.text == article.body[chunk.start : chunk.end]
            assert estimate_tokens(chunk.text) <= 200


PIECES = st.sampled_from(
    ["the", "Agency", "said", "U.S.", "Mr.", "Dec.", "No.", "19", "1.6", "577,295", "D.C.", "...", "…", ".", "!",
     "?", ",", '"', "“", "”", "’", "'", "(", ")", "-", "--", " ", "  ", "\n", "\n\n", "\u00a0", "\t", "A", "i",
     "example.com", "The"]
)
BODIES = st.one_of(
    st.lists(PIECES, max_size=80).map(lambda parts: "".join(parts)),
    st.lists(PIECES, max_size=80).map(lambda parts: " ".join(parts)),
    st.text(alphabet=st.sampled_from(list("aZ1 .!?\"'“”’\n\u00a0…-(),")), max_size=200),
    st.text(max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(body=BODIES, max_tokens=st.integers(min_value=4, max_value=60), overlap=st.integers(0, 2))
def test_offsets_round_trip_for_any_text(body, max_tokens, overlap):
    sentences = split_sentences(body, "x")
    chunks = chunk_sentences(body, sentences, max_tokens=max_tokens, overlap=overlap)

    for s in sentences:
        assert body[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
    for a, b in zip(sentences, sentences[1:]):
        assert a.end <= b.start
    # nothing but whitespace is left out of the sentences
    covered = set()
    for s in sentences:
        covered.update(range(s.start, s.end))
    assert all(body[i].isspace() for i in range(len(body)) if i not in covered)

    starts, ends = {s.start for s in sentences}, {s.end for s in sentences}
    for c in chunks:
        assert body[c.start : c.end] == c.text
        assert c.start in starts and c.end in ends
        inside = [s for s in sentences if c.start <= s.start and s.end <= c.end]
        assert estimate_tokens(c.text) <= max_tokens or len(inside) == 1
    if sentences:
        assert (chunks[0].start, chunks[-1].end) == (sentences[0].start, sentences[-1].end)
    else:
        assert chunks == []
