"""Answer questions about the articles with cited numbers: `Bot.load().chat().ask("...")`."""

from bot.answer import Answer, Citation, Conflict, Highlight, Related
from bot.claims import check as check_claim
from bot.core import Bot, Chat

__all__ = ["Answer", "Bot", "Chat", "Citation", "Conflict", "Highlight", "Related", "check_claim"]
