"""A tab's Session: the answers behind the visible messages, and when it no longer matches."""

from bot import Answer, Chat
from web.session import Session


def answer(q):
    return Answer(question=q, resolved_question=q, text="t", kind="abstain", abstained=True)


def test_answers_are_found_by_message_and_by_id():
    session = Session(Chat(None))
    first = session.add(answer("a"), 1)
    second = session.add(answer("b"), 3)
    assert first != second
    assert session.at(1).question == "a" and session.at(3).question == "b" and session.at(2) is None
    assert session.latest.question == "b" and session.latest_id == second
    assert session.answers[first].question == "a"


def test_a_session_matches_the_chat_until_the_chat_is_emptied():
    session = Session(Chat(None))
    assert session.matches([]) and session.latest is None
    session.add(answer("a"), 1)
    history = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "t"}]
    assert session.matches(history)
    assert not session.matches([])  # cleared on screen: the server must start over too
