"""How a fact accounts for a question's words: the pure logic, with a lexicon that has no model
(stems, synonyms and typos only) and facts read from one made-up sentence."""

from __future__ import annotations

import numpy as np
import pytest

from bot.core import _whole_of
from bot.coverage import asked_words, fact_words, fit
from index.stems import refers_back
from bot.lexicon import Lexicon, derived, stem
from index.facts import Fact
from index.periods import Period

SENTENCE = ("The agency built about 120 miles of barrier in places that had none: "
            "70 miles of primary wall and 50 miles of secondary wall behind a fence.")
OTHER = [f"Filler sentence number {n} about the weather and the roads." for n in range(40)]


def fact(as_written: str, clause: str) -> Fact:
    start = SENTENCE.index(as_written)
    return Fact(id=f"story:{start}", source_id="story", value=float(as_written), as_written=as_written, unit="count",
                thing="unspecified", thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[],
                start=start, end=start + len(as_written), sentence_start=0, sentence_end=len(SENTENCE),
                quote=SENTENCE, clause=clause)


WHOLE = fact("120", "about 120 miles of barrier in places that had none")
PRIMARY = fact("70", "70 miles of primary wall")
SECONDARY = fact("50", "50 miles of secondary wall behind a fence")
NEIGHBOURS = ("primary", "secondary")  # what the embedding model says of these two: close


_SEEN: dict[str, int] = {}


def encode(texts: list[str]) -> np.ndarray:
    """A stand-in for the embedding model: the two neighbours near each other, every other word
    on an axis of its own."""
    out = np.zeros((len(texts), 512), dtype=np.float32)
    for i, t in enumerate(texts):
        if t in NEIGHBOURS:
            out[i, 0], out[i, 1] = 0.95, 0.31 if t == NEIGHBOURS[0] else -0.31
        else:
            out[i, 2 + _SEEN.setdefault(t, len(_SEEN))] = 1.0
    return out


LEXICON = Lexicon([SENTENCE, *OTHER], encode=encode)


def words_of(f: Fact, siblings: list[Fact]):
    return fact_words(f, "A made-up story", "", "", [s.clause for s in siblings])


def test_a_word_of_a_sibling_clause_is_not_this_figure_s():
    asked = asked_words("How many miles of secondary wall?", LEXICON)
    primary = fit(asked, words_of(PRIMARY, [SECONDARY]), LEXICON)
    secondary = fit(asked, words_of(SECONDARY, [PRIMARY]), LEXICON)
    assert "secondary" in primary.missing
    assert secondary.missing == []


def test_without_siblings_the_sentence_accounts_for_the_word():
    asked = asked_words("How many miles of secondary wall?", LEXICON)
    assert fit(asked, words_of(PRIMARY, []), LEXICON).missing == []


def test_a_part_shares_the_words_of_its_whole():
    # the parts listed after the colon are parts of the first figure, not its siblings
    assert _whole_of(WHOLE, SECONDARY) and _whole_of(WHOLE, PRIMARY)
    assert not _whole_of(PRIMARY, SECONDARY) and not _whole_of(SECONDARY, WHOLE)


def test_a_clause_may_leave_out_a_word_its_sibling_states():
    # "70 miles of primary wall and 50 [miles] of secondary wall": the second clause leaves
    # "miles" out; with no contrasting word of its own it still accounts for it
    bare = fact("50", "50 of secondary wall")
    asked = asked_words("How many miles of secondary wall?", LEXICON)
    assert fit(asked, words_of(bare, [PRIMARY]), LEXICON).missing == []


def test_clause_words_the_question_did_not_ask_for_count_against_a_fact():
    asked = asked_words("How many miles of wall?", LEXICON)
    plain = fit(asked, words_of(PRIMARY, [SECONDARY]), LEXICON)
    assert "primari" in plain.extra
    assert plain.score < plain.coverage


@pytest.mark.parametrize(("a", "b", "same"), [
    ("ukrainian", "ukraine", True), ("honduran", "honduras", True), ("chinese", "china", True),
    ("guatemalan", "guatemala", True), ("austrian", "australia", False), ("employment", "employer", False),
])
def test_a_peoples_name_is_its_countrys(a, b, same):
    assert derived(a, b) is same


@pytest.mark.parametrize(("sentence", "points_back"), [
    ("That was just over 1 million, and down from 5 in fiscal 2018.", True),
    ("The fiscal 2019 total was up from 5 in fiscal 2018.", True),
    ("They granted asylum to 5 applicants.", True),
    ("The resulting denial rate of 69% was up from 65%.", True),
    ("Judges decided 5 asylum cases in fiscal 2018.", False),
    ("Thatcher-era rules allowed 5.", False),
])
def test_a_sentence_that_points_back_borrows_the_one_before(sentence, points_back):
    assert refers_back(sentence) is points_back


def test_irregular_forms_stem_as_their_lemma():
    assert (stem("stood"), stem("fell"), stem("children")) == (stem("stand"), stem("fall"), stem("child"))


def test_a_whole_does_not_take_the_words_of_its_listed_parts():
    # "Of about 120 miles ..., 70 ... primary": asked for the primary wall, the whole does not
    # account for "primary"; the part does
    asked = asked_words("How many miles of primary wall?", LEXICON)
    whole = fact_words(WHOLE, "A made-up story", "", "", [PRIMARY.clause, SECONDARY.clause],
                       parts=[PRIMARY.clause, SECONDARY.clause])
    assert "primary" in fit(asked, whole, LEXICON).missing
    assert fit(asked, words_of(PRIMARY, [SECONDARY]), LEXICON).missing == []


def test_figures_joined_by_and_share_one_clause():
    joined = fact_words(SECONDARY, "A made-up story", "", "", [], joined=["70 miles of primary wall"])
    asked = asked_words("How many miles of primary wall?", LEXICON)
    assert fit(asked, joined, LEXICON).missing == []


def test_an_owner_the_question_does_not_name_narrows_the_figure():
    lexicon = Lexicon([SENTENCE, "The contractor's crews worked through the winter.", *OTHER], encode=encode)
    owned = Fact(**{**SECONDARY.model_dump(), "clause": "the contractor's 50 miles of secondary wall"})
    asked = asked_words("How many miles of secondary wall?", lexicon)
    assert fit(asked, words_of(owned, []), lexicon).narrower == ["contractor"]
    asked = asked_words("How many miles of secondary wall did the contractor build?", lexicon)
    assert fit(asked, words_of(owned, []), lexicon).narrower == []


def _one(sentence: str, as_written: str, clause: str) -> Fact:
    start = sentence.index(as_written)
    return Fact(id=f"other:{start}", source_id="other", value=1.0, as_written=as_written, unit="count",
                thing="unspecified", thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[],
                start=start, end=start + len(as_written), sentence_start=0, sentence_end=len(sentence),
                quote=sentence, clause=clause)


def test_a_list_item_counts_the_part_its_label_names():
    sentence = "Most of the walls were built in two places: Peru (120) and Kenya (80)."
    lexicon = Lexicon([sentence, "Peru and Kenya are far apart.", *OTHER], encode=encode)
    peru = _one(sentence, "120", "Peru")
    assert fit(asked_words("How many walls were built?", lexicon), words_of(peru, []), lexicon).other_label == ["peru"]
    assert fit(asked_words("How many walls were built in Peru?", lexicon), words_of(peru, []), lexicon).other_label == []


def test_what_would_have_happened_describes_no_figure():
    sentence = "Costs of wall would have increased if fees totaling 70 were not moved to another account."
    lexicon = Lexicon([sentence, *OTHER], encode=encode)
    moved = _one(sentence, "70", sentence.rstrip("."))
    words = words_of(moved, [])
    assert stem("increased") not in words.clause and stem("increased") not in words.sentence
    assert stem("moved") in words.clause


def test_how_long_asks_for_a_duration_and_is_not_a_word_to_account_for():
    words = [a.word for a in asked_words("How long did the wall take to build?", LEXICON)]
    assert "long" not in words and "wall" in words


def test_words_naming_one_counted_thing_are_related_not_the_same():
    lexicon = Lexicon(["Of those, 300 had felonies and 200 had misdemeanors.",
                       "The people were convicted of crimes.", "He was arrested.", *OTHER], encode=encode)
    felonies = lexicon.expand("felonies")
    # each accounts for the other, as both are convictions, but neither says the other
    assert 0.5 <= felonies[stem("misdemeanors")] < 0.85
    assert felonies[stem("felonies")] == 1.0
    # a synonym group's words say the same thing
    assert lexicon.expand("apprehended")[stem("arrested")] >= 0.85


def test_the_other_figures_times_relative_to_an_event_are_theirs():
    # "A before the pause, B during it and C after it": "before" is A's, not B's
    sentence = "The office admitted 700 people before the pause, 28 during it and 414 after it."

    def at(as_written: str, clause: str) -> Fact:
        start = sentence.index(as_written)
        return Fact(id=f"pause:{start}", source_id="pause", value=float(as_written), as_written=as_written,
                    unit="count", thing="unspecified", thing_text="", qualifier="exact", period=Period(), actor=None,
                    keywords=[], start=start, end=start + len(as_written), sentence_start=0,
                    sentence_end=len(sentence), quote=sentence, clause=clause)

    before = at("700", "The office admitted 700 people before the pause")
    during, after = at("28", "28 during it"), at("414", "414 after it.")
    words = fact_words(during, "A made-up story", "", "", [before.clause, after.clause])
    assert {"befor", "after"} <= words.not_mine
    assert "befor" not in fact_words(before, "A made-up story", "", "", [during.clause, after.clause]).not_mine


def test_a_phrase_of_the_synonym_table_in_a_figure_s_clause_reads_as_its_word():
    sentence = "Judges granted 1,900 claims and turned down 4,600."
    start = sentence.index("4,600")
    turned = Fact(id="judges:1", source_id="judges", value=4600.0, as_written="4,600", unit="count",
                  thing="unspecified", thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[],
                  start=start, end=start + 5, sentence_start=0, sentence_end=len(sentence), quote=sentence,
                  clause="turned down 4,600")
    assert stem("denied") in fact_words(turned, "A made-up story", "", "").clause


@pytest.mark.parametrize("clause, alone", [("350 miles went up in 2020 alone", False),
                                           ("350 children travelling alone", True)])
def test_alone_after_a_period_is_emphasis_not_a_word_of_what_is_counted(clause, alone):
    sentence = clause + "."
    f = Fact(id="wall:0", source_id="wall", value=350.0, as_written="350", unit="count", thing="unspecified",
             thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[], start=0, end=3,
             sentence_start=0, sentence_end=len(sentence), quote=sentence, clause=clause)
    assert (stem("alone") in fact_words(f, "A made-up story", "", "").clause) is alone


def test_the_lead_and_paragraph_account_for_a_question_word_only_by_the_word_itself():
    from bot.coverage import COVERED, Asked, FactWords, word_fit
    completed = Asked("completed", {"complet": 1.0, "decis": 0.9}, 1.0, False)
    bare = dict(clause=set(), sentence=set(), context=set(), title=set())
    assert word_fit(completed, FactWords(**bare, scope={"complet"})) >= COVERED
    assert word_fit(completed, FactWords(**bare, scope={"decis"})) < COVERED  # "awaiting a decision" in the lead
    assert word_fit(completed, FactWords(**bare | {"sentence": {"decis"}}, scope=set())) >= COVERED


def test_words_that_place_a_question_now_are_not_words_a_figure_must_say():
    lexicon = Lexicon(["The office plans to raise its search fee from $40 to $65.", "Currently few pay."], encode=None)
    assert [a.word for a in asked_words("What is the current search fee?", lexicon)] == ["search", "fee"]


def test_a_word_the_headline_or_lead_says_only_after_a_negation_is_no_plain_word_of_its_figures():
    sentence = "The denial rate was 69 percent."
    f = Fact(id="court:0", source_id="court", value=69.0, as_written="69 percent", unit="percent", thing="unspecified",
             thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[], start=20, end=30,
             sentence_start=0, sentence_end=len(sentence), quote=sentence, clause="The denial rate was 69 percent")
    words = fact_words(f, "Applicants without lawyers lose more often", "Judges ruled on cases without an interpreter.", "")
    assert stem("lawyers") not in words.title and stem("applicants") in words.title
    assert stem("interpreter") not in words.scope and stem("judges") in words.scope


@pytest.mark.parametrize("clause, points_back", [("Officers there processed 6,800 travelers", True),
                                                  ("Officers processed 6,800 travelers", False),
                                                  ("There officers processed 6,800 travelers", True),
                                                  ("There were 6,800 travelers officers processed", False)])
def test_a_clause_that_says_there_borrows_the_place_named_before(clause, points_back):
    sentence = clause + "."
    f = Fact(id="port:0", source_id="port", value=6800.0, as_written="6,800", unit="count", thing="unspecified",
             thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[], start=sentence.index("6,800"),
             end=sentence.index("6,800") + 5, sentence_start=0, sentence_end=len(sentence), quote=sentence,
             clause=clause)
    lead = "The Peru land port had a record year."
    words = fact_words(f, "A made-up story", lead, "")
    assert words.points_back is points_back
    lexicon = Lexicon([lead, sentence, *OTHER], encode=None)
    asked = asked_words("How many travelers did the Peru port process?", lexicon)
    assert ("port" in fit(asked, words, lexicon).missing) is not points_back


@pytest.mark.parametrize("question", [
    "How many cases were pending at the end of December 2023?",
    "How many cases were pending as of early January 2024?",
    "How many cases were pending during the first weeks of fiscal 2016?",
])
def test_words_that_place_a_figure_within_the_asked_period_are_not_required(question):
    lexicon = Lexicon(["Cases pending at year end rose during the month.", "The end came early in the first month.", *OTHER], encode=None)
    asked = {a.word: a for a in asked_words(question, lexicon)}
    placing = [w for w in ("end", "early", "during") if w in asked]
    assert placing and all(not asked[w].required and asked[w].placing for w in placing)
    assert asked["pending"].required


def test_a_preposition_of_place_is_no_word_a_figure_must_say():
    lexicon = Lexicon(["Agents found 557 migrants who died along the southwest border.", *OTHER], encode=None)
    assert [a.word for a in asked_words("How many migrants died along the southwest border?", lexicon)] == \
        ["migrants", "died", "southwest", "border"]


def test_a_name_the_sentence_says_only_after_a_negation_does_not_account_for_the_name():
    sentence = "The state resettled 900 refugees in 2016, with Kenya, not Peru, in the lead."
    lexicon = Lexicon([sentence, "Peru sent 120 refugees.", *OTHER], encode=None)
    f = Fact(id="wire:20", source_id="wire", value=900.0, as_written="900", unit="count", thing="unspecified",
             thing_text="", qualifier="exact", period=Period(), actor=None, keywords=[], start=20, end=23,
             sentence_start=0, sentence_end=len(sentence), quote=sentence, clause="resettled 900 refugees")
    words = fact_words(f, "Refugee arrivals", "", "")
    assert fit(asked_words("How many refugees came from Peru?", lexicon), words, lexicon).missing == ["peru"]
    assert fit(asked_words("How many refugees came from Kenya?", lexicon), words, lexicon).missing == []


def test_a_bullet_that_reports_what_a_witness_said_labels_no_item():
    from bot.coverage import _label
    quote = "- Ann Roe, Chief, Peru Patrol: Roe testified that the sector recorded 2,450 arrests in 2023."
    said = Fact.model_construct(quote=quote, clause="the sector recorded 2,450 arrests", start=quote.index("2,450"),
                                sentence_start=0)
    assert _label(said) == set()
    quote = "* Visitors from Kenya, who stay, had a rate of 2 percent."
    item = Fact.model_construct(quote=quote, clause="had a rate of 2 percent", start=quote.index("2 percent"),
                                sentence_start=0)
    assert _label(item) == {"kenya", "visitor"}
