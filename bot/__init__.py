"""Answer questions about the articles with cited numbers: `Bot.load().chat().ask("...")`."""

from bot.answer import Answer, Citation, Conflict, Related
from bot.core import Bot, Chat

__all__ = ["Answer", "Bot", "Chat", "Citation", "Conflict", "Related"]
