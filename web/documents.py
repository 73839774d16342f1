"""The Articles tab's "Add documents" block: upload or remove documents while the app runs.

Each file is checked by content (size, type, encoding, readable text), saved into the sources
folder under a safe name, and the index is updated in the background; progress is shown as it
goes. When the update is in, every open conversation answers from it. Uploads are on when the
app listens on loopback only, and need `--allow-uploads` on any other interface.
"""

from __future__ import annotations

import ipaddress
import os
import queue
import threading
from collections.abc import Mapping
from pathlib import Path

import gradio as gr

from bot import Bot
from web import render
from index.documents import DocumentError, Outcome, add, remove
from index.formats import MAX_BYTES
from index.search import Corpus
from index.sources import SourceError
from index.store import IndexError_, default_settings

ARTICLE_HEADERS = ["id", "title", "publisher", "author", "published", "date note", "format", "facts"]


def is_loopback(host: str) -> bool:
    if host.strip().lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def uploads_allowed(host: str, allow_uploads: bool) -> bool:
    """On by default only when the app listens on loopback (this machine)."""
    return allow_uploads or is_loopback(host)


def article_rows(bot: Bot) -> list[list]:
    counts = bot.fact_counts()
    return [[a.id, a.title, a.publisher or "", a.author or "", a.published or "", a.published_note or "",
             a.format + (f", {len(a.pages)} pages" if a.pages else ""), counts.get(a.id, 0)]
            for a in bot.articles.values()]


class LiveArticles(Mapping):
    """The bot's articles as they are now, also after documents are added or removed."""

    def __init__(self, bot: Bot):
        self.bot = bot

    def __getitem__(self, key):
        return self.bot.articles[key]

    def __iter__(self):
        return iter(self.bot.articles)

    def __len__(self) -> int:
        return len(self.bot.articles)


class Library:
    """Adds and removes documents for a running bot; one update at a time."""

    def __init__(self, bot: Bot, sources: Path, index_dir: Path, model: str | None = None):
        self.bot, self.sources, self.index_dir = bot, Path(sources), Path(index_dir)
        self.settings = default_settings(model)
        self._lock = threading.Lock()

    def add(self, files: list[str | os.PathLike], log=None) -> Outcome:
        """Add uploaded files (paths to Gradio's copies; their names are the names given)."""
        pairs, too_big = [], []
        for f in files or []:
            path = Path(getattr(f, "name", f))
            if path.stat().st_size > MAX_BYTES:
                too_big.append(path.name)
                continue
            pairs.append((path.name, path.read_bytes()))
        with self._lock:
            outcome = add(pairs, self.sources, self.index_dir, self.settings, log=log) if pairs else Outcome()
            if outcome.added:
                self._reload(log)
        if too_big:
            from index.documents import Refusal

            refused = [Refusal(name=n, reason=f"file is over the {MAX_BYTES:,}-byte limit") for n in too_big]
            outcome = outcome.model_copy(update={"refused": outcome.refused + refused})
        return outcome

    def remove(self, doc_id: str, log=None) -> Outcome:
        with self._lock:
            outcome = remove(doc_id, self.sources, self.index_dir, self.settings, log=log)
            self._reload(log)
        return outcome

    def _reload(self, log) -> None:
        (log or (lambda _m: None))("loading the updated index")
        self.bot.replace(Corpus(self.index_dir, self.settings.model))


def outcome_markdown(outcome: Outcome) -> str:
    lines = []
    for a in outcome.added:
        lines.append(f"- Added **{render.md_escape(a.name)}** as `{a.file}` ({a.format}): "
                     f"{render.md_escape(a.title)}. It can be asked about now.")
    for doc_id in outcome.removed:
        lines.append(f"- Removed `{doc_id}`.")
    for r in outcome.refused:
        lines.append(f"- Refused **{render.md_escape(r.name)}**: {render.md_escape(r.reason)}.")
    if outcome.counts:
        c = outcome.counts
        lines.append(f"\nIndex: {c['articles']} documents, {c['facts']} facts "
                     f"({outcome.encoded} encoded in this update).")
    return "\n".join(lines) or "Nothing to do: pick one or more files first."


def _run(work, refresh):
    """Run `work(log)` in a background thread, yielding progress; then the result or the error."""
    messages: queue.Queue = queue.Queue()
    result: dict = {}

    def target():
        try:
            result["outcome"] = work(messages.put)
        except (SourceError, IndexError_, DocumentError, OSError) as err:
            result["error"] = str(err)
        except Exception as err:  # never a traceback to the user
            result["error"] = f"the update failed ({type(err).__name__}); the previous index stays in service"
        finally:
            messages.put(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    progress = []
    while True:
        message = messages.get()
        if message is None:
            break
        progress.append(message)
        yield ("Working… " + " → ".join(render.md_escape(m) for m in progress[-4:]), gr.skip(), gr.skip(), gr.skip())
    thread.join()
    if "error" in result:
        yield (f"Nothing changed: {render.md_escape(result['error'])}", gr.skip(), gr.skip(), gr.skip())
        return
    yield (outcome_markdown(result["outcome"]), *refresh())


def documents_block(library: Library | None, table: gr.Dataframe, reader: gr.Dropdown, reason: str = "") -> None:
    """The "Add documents" controls; `table` and `reader` are refreshed after each change.
    With `library` None (uploads off) only a note saying why is shown."""
    with gr.Accordion("Add documents", open=library is not None, elem_id="add-documents-block"):
        if library is None:
            gr.Markdown(f"Uploads are off: {reason}", elem_id="uploads-off")
            return
        gr.Markdown("Drop saved web pages (.html, .htm), PDFs with a text layer, or .md/.txt files "
                    f"(up to {MAX_BYTES // 1_000_000} MB each). Each is checked, saved into the sources folder "
                    "and indexed; it can be asked about as soon as the update is done.")
        files = gr.File(file_count="multiple", label="Documents", elem_id="add-files",
                        file_types=[".html", ".htm", ".pdf", ".md", ".txt"])
        add_button = gr.Button("Add documents", variant="primary", elem_id="add-documents")
        with gr.Row():
            pick = gr.Dropdown(choices=_choices(library.bot), value=None, label="Remove a document",
                               elem_id="remove-pick", scale=4, allow_custom_value=True)
            remove_button = gr.Button("Remove", variant="stop", scale=0, min_width=100, elem_id="remove-document")
        status = gr.Markdown("", elem_id="documents-status")

    def refresh():
        choices = _choices(library.bot)
        return (article_rows(library.bot), gr.Dropdown(choices=choices), gr.Dropdown(choices=choices, value=None))

    def add_documents(paths):
        """Add documents: a list of files (.html, .htm, .pdf, .md, .txt). Returns the outcome as Markdown."""
        yield from _run(lambda log: library.add(paths or [], log), refresh)

    def remove_document(doc_id):
        """Remove the document with this id."""
        if not doc_id:
            yield ("Pick a document to remove first.", gr.skip(), gr.skip(), gr.skip())
            return
        yield from _run(lambda log: library.remove(str(doc_id), log), refresh)

    outputs = [status, table, reader, pick]
    add_button.click(add_documents, files, outputs, api_name="add_documents", concurrency_limit=1,
                     concurrency_id="documents")
    remove_button.click(remove_document, pick, outputs, api_name="remove_document", concurrency_limit=1,
                        concurrency_id="documents")


def _choices(bot: Bot) -> list[tuple[str, str]]:
    return [(f"{a.title} ({a.id})", a.id) for a in bot.articles.values()]
