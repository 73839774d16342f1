"""bot.nouns: what a count counts, and the noun a "how many" question asks about."""

from __future__ import annotations

from bot.nouns import asked_noun, counts_another, head_noun


def test_the_noun_after_a_number_is_what_it_counts():
    assert head_noun("Kenya Program countries, who can enter") == "countri"
    assert head_noun("as suspected in-country overstays") is None
    assert asked_noun("How many visa overstays did DHS identify?") == "overstay"
    assert head_noun("miles went up in 2020 alone") == "mile"  # an irregular past ends the noun phrase


def test_a_count_of_another_noun_does_not_answer_how_many():
    sentence = "Visitors from the 38 Kenya Program countries had a rate of 0.5 percent."
    assert counts_another("How many visitors overstayed?", "Kenya Program countries", sentence, lambda s: False) == "countri"


def test_a_count_the_question_s_verb_names_answers_it():
    apprehended = "Single adults accounted for 301,806 apprehensions."
    assert counts_another("How many single adults were apprehended?", "apprehensions", apprehended,
                          lambda s: s == "apprehens") is None


def test_a_count_whose_sentence_never_names_the_asked_noun_is_left_to_meaning():
    granted = "Judges granted asylum to 19,831 applicants."
    assert counts_another("How many asylum cases were granted?", "applicants", granted, lambda s: False) is None


def test_a_noun_that_only_says_which_of_the_asked_things_is_not_what_is_counted():
    # "from Kenya Program countries" says which visitors; the 38 counts countries, not visitors
    sentence = "Visitors from the 38 Kenya Program countries had a rate of 0.5 percent."
    assert counts_another("How many visitors from Kenya Program countries overstayed?", "Kenya Program countries",
                          sentence, lambda s: s == "countri") == "countri"
