"""Conversation state on the server: API conversations by id, and one browser tab's session.

A tab's `Session` is the single record of what its chat shows: the bot's conversation (what
follow-ups resolve against) and the answers behind the visible messages, each under an id its
citation links carry. Whatever empties the chat on screen replaces the whole Session, so a
stale link, vote or follow-up can never reach a deleted answer.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from bot import Answer, Bot, Chat

MAX_CONVERSATIONS = 1_000


class Conversations:
    """API conversations by id, the least recently used dropped beyond `size`."""

    def __init__(self, bot: Bot, size: int = MAX_CONVERSATIONS):
        self.bot, self.size = bot, size
        self._chats: OrderedDict[str, Chat] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, conversation_id: str | None, create: bool = True) -> Chat | None:
        with self._lock:
            if conversation_id and conversation_id in self._chats:
                self._chats.move_to_end(conversation_id)
                return self._chats[conversation_id]
            if not create:
                return None
            chat = Chat(self.bot, conversation_id or None)
            self._chats[chat.id] = chat
            while len(self._chats) > self.size:
                self._chats.popitem(last=False)
            return chat

    def __len__(self) -> int:
        return len(self._chats)


@dataclass
class Session:
    """One browser tab's conversation and the answers behind its chat messages."""

    chat: Chat
    answers: dict[str, Answer] = field(default_factory=dict)  # answer id -> answer, oldest first
    messages: dict[int, str] = field(default_factory=dict)  # chat message index -> answer id

    def add(self, answer: Answer, message_index: int) -> str:
        """Record the answer shown at `message_index`; returns the id its links use."""
        answer_id = uuid.uuid4().hex[:12]
        self.answers[answer_id] = answer
        self.messages[message_index] = answer_id
        return answer_id

    @property
    def latest_id(self) -> str | None:
        return self.messages[max(self.messages)] if self.messages else None

    @property
    def latest(self) -> Answer | None:
        return self.answers[self.latest_id] if self.messages else None

    def at(self, message_index: int) -> Answer | None:
        answer_id = self.messages.get(message_index)
        return self.answers.get(answer_id) if answer_id else None

    def matches(self, history: list) -> bool:
        """Whether this session still describes `history`, the chat as the page shows it:
        every recorded message is still there (the chat was not cleared or cut short)."""
        return not self.messages or max(self.messages) < len(history)
