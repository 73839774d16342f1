"""Serve the chat UI and API: `python app.py` answers at http://127.0.0.1:7860.

Parses flags, loads the bot and launches `web`; everything on the page is built in `web/`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import Bot
from index.formats import MAX_BYTES
from index.sources import SourceError
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, IndexError_
from web.documents import Library, uploads_allowed
from web.feedback import DEFAULT_PATH, FeedbackStore
from web.layout import QUEUE_SIZE, build, launch, load_examples

__all__ = ["QUEUE_SIZE", "main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the chat UI and API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="folder of articles")
    parser.add_argument("--index", type=Path, default=DEFAULT_DIR, help="index folder (built when stale)")
    parser.add_argument("--db", type=Path, default=DEFAULT_PATH, help="SQLite file for feedback votes")
    parser.add_argument("--allow-uploads", action="store_true",
                        help="let visitors add and remove documents even when listening beyond this machine")
    args = parser.parse_args(argv)

    print(f"Loading the index ({args.index}) and the model…", flush=True)
    try:
        bot = Bot.load(args.sources, args.index, log=lambda m: print(m, flush=True))
    except (SourceError, IndexError_) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"Loaded {len(bot.articles)} articles and {len(bot.facts)} facts.", flush=True)
    uploads = uploads_allowed(args.host, args.allow_uploads)
    library = Library(bot, args.sources, args.index) if uploads else None
    off = (f"this server listens on {args.host}, beyond this machine; start it with --allow-uploads to let "
           "visitors add documents.")
    print(f"Uploads are {'on' if uploads else 'off'}.", flush=True)
    demo = build(bot, FeedbackStore(args.db), load_examples(args.sources), library, off)
    print(f"Serving http://{args.host}:{args.port}", flush=True)
    launch(demo, args.host, args.port, blocked=[args.db.parent, args.index],
           max_file_size=MAX_BYTES if uploads else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
