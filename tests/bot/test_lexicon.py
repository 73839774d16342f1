"""Word meanings the lexicon gives without the embedding model: stems, the synonym table, typos."""

from bot.lexicon import RELATED_STRENGTH, Lexicon


def test_a_kind_of_person_is_among_people_one_way_only():
    lex = Lexicon(["1,200 people naturalized in Peru", "Immigration judges decided cases"], encode=None)
    # "how many immigrants ..." may be answered by a figure that counts "people" ...
    assert lex.expand("immigrants").get("peopl") == RELATED_STRENGTH
    # ... but "people" does not stand for one kind of person
    lex = Lexicon(["1,200 immigrants naturalized in Peru"], encode=None)
    assert "immigr" not in lex.expand("people")


def test_a_misspelt_word_means_the_corpus_word_it_is_one_letter_from():
    lex = Lexicon(["The refugee ceiling for Kenya was 1,500"], encode=None)
    assert set(lex.expand("ceilng")) == {"ceil"}


def test_a_people_s_name_means_its_country_where_the_corpus_has_both():
    lex = Lexicon(["Most families came from Honduras (1,884).", "Hondurans crossed in May."], encode=None)
    meanings = lex.expand("Hondurans", name=True)
    assert meanings["honduran"] == 1.0 and "hondura" in meanings
    assert "hondura" not in lex.expand("hondurans")  # a common word is not a name
    assert not set(Lexicon(["Australia sent 40."], encode=None).expand("Austrians", name=True))


def test_what_courts_receive_are_their_receipts_and_filings_are_applications():
    lex = Lexicon(["Receipts rose to 1,200.", "Filings grew fastest."], encode=None)
    assert lex.expand("received") == {"receipt": 0.9}
    assert lex.expand("applications") == {"file": 0.9}  # "filings", as stemmed
