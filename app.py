"""The web app and HTTP API: `python app.py` serves http://127.0.0.1:7860.

Gradio wiring only. Answers come from `bot.Bot`, their HTML and Markdown from `bot.render`,
votes go to `bot.feedback.FeedbackStore`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
import yaml  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from bot import Answer, Bot, Chat, render  # noqa: E402
from app_documents import ARTICLE_HEADERS, Library, LiveArticles, article_rows, documents_block, uploads_allowed  # noqa: E402
from bot.feedback import DEFAULT_PATH, FeedbackStore  # noqa: E402
from index.formats import MAX_BYTES  # noqa: E402
from index.sources import SourceError  # noqa: E402
from index.store import DEFAULT_DIR, DEFAULT_SOURCES, IndexError_  # noqa: E402

MAX_QUESTION = 2_000
MAX_CONVERSATIONS = 1_000
QUEUE_SIZE = 64
CONCURRENCY = 4
EXAMPLES_FILE = "examples.yaml"
_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")

CSS = """
.gradio-container { max-width: 1400px !important; }
#chatbot .answer-abstain, #chatbot .answer.answer-abstain { border-left: 4px solid #9ca3af; padding-left: .6em; color: #4b5563; }
#chatbot .answer-conflict { border-left: 4px solid #ea580c; padding-left: .6em; }
#chatbot .answer-derived { border-left: 4px solid #2563eb; padding-left: .6em; }
.sources { font-size: .92em; }
.sources.empty { color: #6b7280; font-style: italic; }
.citation, .related { border: 1px solid #e5e7eb; border-radius: 8px; padding: .55em .75em; margin: .45em 0; background: #fff; }
.cite-head { font-weight: 600; }
.cite-n { color: #2563eb; }
.cite-meta { color: #6b7280; font-size: .85em; margin: .15em 0 .3em; }
.cite-quote { margin: .3em 0 0; padding-left: .6em; border-left: 3px solid #d1d5db; color: #111827; }
.sources mark, .article-view mark { background: #fde68a; padding: 0 .1em; border-radius: 2px; color: inherit; }
.article-view mark.context { background: #fef3c7; }
.article-view mark.cited { background: #f59e0b; font-weight: 600; outline: 2px solid #b45309; }
.calculation { background: #eff6ff; border: 1px solid #bfdbfe; border-radius: 8px; padding: .5em .75em; margin: .4em 0; }
.calculation code { display: block; margin-top: .2em; white-space: pre-wrap; }
.conflict { background: #fff7ed; border: 1px solid #fdba74; border-radius: 8px; padding: .5em .75em; margin: .4em 0; }
.abstain-note { background: #f3f4f6; border: 1px dashed #9ca3af; border-radius: 8px; padding: .5em .75em; margin: .4em 0; }
.warning { color: #92400e; font-size: .85em; margin: .3em 0; }
.related-head { color: #6b7280; font-size: .85em; margin-top: .6em; }
.article-view h3 { margin: 0 0 .2em; }
.article-body { white-space: pre-wrap; line-height: 1.55; max-height: 320px; overflow-y: auto;
                border: 1px solid #e5e7eb; border-radius: 8px; padding: .6em .8em; background: #fff; }
#examples { flex-wrap: wrap; gap: 6px; }
#examples button.example { flex: 0 0 auto !important; width: auto !important; min-width: 0 !important; font-size: .85em; }
#ask-row button, #feedback-row button { white-space: nowrap; }
"""

# Runs inside the article view: whenever its HTML changes, bring the cited number into view.
SCROLL_TO_CITED = f"""
watch('value', () => {{
  const mark = element.querySelector('#{render.CITED_ID}');
  if (!mark) return;
  const box = mark.closest('.article-body');
  if (box) box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
  mark.scrollIntoView({{block: 'nearest'}});
}});
"""

ARTICLE_PROMPT = '<div class="sources empty">Pick a citation to read it in its article.</div>'


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
    answers: dict[int, Answer] = field(default_factory=dict)  # chat message index -> answer

    @property
    def latest(self) -> Answer | None:
        return self.answers[max(self.answers)] if self.answers else None


def load_examples(sources: Path) -> list[str]:
    """Example questions from `<sources>/examples.yaml` (a YAML list of strings), if present."""
    path = Path(sources) / EXAMPLES_FILE
    if not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list) or not all(isinstance(q, str) for q in data):
        raise SystemExit(f"{path}: expected a YAML list of questions (strings)")
    return data


def too_long(question: str) -> str | None:
    if len(question) > MAX_QUESTION:
        return (f"That question is {len(question):,} characters long; please keep it under "
                f"{MAX_QUESTION:,} characters.")
    return None


def count_chart(bot: Bot) -> Figure:
    """Counts from the fact table over time, one line per definition (thing · actor · period kind)."""
    series = render.count_series(bot.facts)
    fig = Figure(figsize=(9, 4.6), dpi=110, layout="constrained")
    ax = fig.add_subplot()
    if not series:
        ax.text(0.5, 0.5, "No dated counts in the fact table", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    values = [v for points in series.values() for _, v, _ in points]
    for label, points in series.items():
        xs = [x for x, _, _ in points]
        ys = [v for _, v, _ in points]
        line, = ax.plot(xs, ys, marker="o", linewidth=1.5 if len(set(xs)) > 1 else 0, label=label)
        approx = [(x, v) for x, v, a in points if a]
        if approx:  # approximate figures ("nearly", "about") drawn hollow
            ax.plot(*zip(*approx), linestyle="none", marker="o", markersize=9, markerfacecolor="white",
                    markeredgecolor=line.get_color())
    if min(values) > 0 and max(values) / min(values) > 100:
        ax.set_yscale("log")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("period (year)")
    ax.set_ylabel("count (hollow: approximate)")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig


def build(bot: Bot, store: FeedbackStore, examples: list[str] = (), library: Library | None = None,
          uploads_off: str = "") -> gr.Blocks:
    conversations = Conversations(bot)
    articles = LiveArticles(bot)  # documents added or removed while running show up everywhere

    # ---- chat tab -------------------------------------------------------------------------
    def respond(question: str, history: list, session: Session | None):
        session = session or Session(bot.chat())
        question = (question or "").strip()
        if not question:
            return gr.skip(), gr.skip(), session, gr.skip(), gr.skip(), gr.skip()
        history = list(history or [])
        refusal = too_long(question)
        shown = question if refusal is None else question[:200] + "…"
        history.append({"role": "user", "content": render.md_escape(shown)})
        if refusal:
            history.append({"role": "assistant", "content": f'<div class="answer answer-abstain">\n\n{refusal}\n\n</div>'})
            return "", history, session, gr.skip(), gr.skip(), gr.skip()
        answer = session.chat.ask(question)
        history.append({"role": "assistant", "content": render.chat_markdown(answer)})
        session.answers[len(history) - 1] = answer
        choices = [(f"[{c.n}] {c.title}", c.n) for c in answer.citations]
        return ("", history, session, render.sources_html(answer, articles),
                gr.Radio(choices=choices, value=None, visible=bool(choices)), ARTICLE_PROMPT)

    def open_citation(n, session: Session | None):
        answer = session.latest if session else None
        cited = next((c for c in answer.citations if c.n == n), None) if answer and n is not None else None
        return render.cited_article_html(cited, articles) if cited else ARTICLE_PROMPT

    def new_conversation():
        return [], Session(bot.chat()), render.sources_html(None, articles), gr.Radio(choices=[], value=None, visible=False), ARTICLE_PROMPT, ""

    def vote(session: Session | None, answer: Answer | None, value: int, comment: str):
        if answer is None:
            return "Ask a question first: votes are on answers.", comment
        store.add(answer, value, conversation_id=session.chat.id, comment=comment)
        return "Thanks: your feedback was saved.", ""

    def on_like(data: gr.LikeData, session: Session | None, comment: str):
        index = data.index if isinstance(data.index, int) else data.index[0]
        answer = session.answers.get(index) if session else None
        if data.liked in (None, ""):  # the vote was taken back
            return gr.skip(), gr.skip()
        return vote(session, answer, 1 if data.liked in (True, "Like") else -1, comment)

    # ---- API ------------------------------------------------------------------------------
    def ask(question: str, conversation_id: str = "") -> dict:
        """Answer a question. Pass the returned `conversation_id` back to ask a follow-up."""
        refusal = too_long(question or "")
        if refusal:
            raise gr.Error(refusal)
        if conversation_id and not _CONVERSATION_ID.match(conversation_id):
            raise gr.Error("conversation_id must be 1-64 letters, digits, '.', '_' or '-'.")
        chat = conversations.get(conversation_id)
        return {"conversation_id": chat.id, **chat.ask(question).model_dump(mode="json")}

    def feedback(conversation_id: str, vote: int, comment: str = "", turn: int = -1) -> dict:
        """Vote 1 (up) or -1 (down) on an answer of an API conversation; `turn` -1 is the latest."""
        chat = conversations.get(conversation_id, create=False)
        if chat is None or not chat.history:
            raise gr.Error(f"No answers in conversation {conversation_id!r}: ask with that id first.")
        if vote not in (1, -1):
            raise gr.Error("vote must be 1 (up) or -1 (down).")
        try:
            answer = chat.history[turn]
        except IndexError:
            raise gr.Error(f"Conversation {conversation_id!r} has {len(chat.history)} answers; turn {turn} is not one.")
        return {"id": store.add(answer, vote, conversation_id=chat.id, comment=comment[:MAX_QUESTION])}

    private = {"api_visibility": "private"}
    with gr.Blocks(title="newsnumbers") as demo:
        gr.Markdown("## newsnumbers\nAsk about the news articles: every number comes with the sentence it was read from.")
        session = gr.State(None)
        with gr.Tabs():
            with gr.Tab("Chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label="Conversation", elem_id="chatbot", height=460, latex_delimiters=[],
                                             buttons=["copy"], placeholder="Ask a question about the news articles, or try an example below.")
                        with gr.Row(elem_id="ask-row"):
                            question = gr.Textbox(show_label=False, placeholder="Ask about the articles…", scale=5,
                                                  max_lines=4, elem_id="question", autofocus=True)
                            ask_button = gr.Button("Ask", variant="primary", scale=0, min_width=90, elem_id="ask")
                            new = gr.Button("New conversation", scale=0, min_width=170, elem_id="new-conversation")
                        with gr.Row(elem_id="examples"):
                            example_buttons = [gr.Button(q, size="sm", variant="secondary", elem_classes="example") for q in examples]
                        with gr.Row(elem_id="feedback-row"):
                            comment = gr.Textbox(show_label=False, placeholder="Comment on the latest answer",
                                                 scale=4, elem_id="comment")
                            up = gr.Button("Helpful", scale=0, min_width=100, elem_id="vote-up")
                            down = gr.Button("Not helpful", scale=0, min_width=130, elem_id="vote-down")
                        status = gr.Markdown("", elem_id="status")
                    with gr.Column(scale=2):
                        gr.Markdown("#### Sources")
                        sources = gr.HTML(render.sources_html(None, articles), elem_id="sources")
                        pick = gr.Radio(label="Open a citation", choices=[], visible=False, elem_id="citation-pick")
                        article_view = gr.HTML(ARTICLE_PROMPT, elem_id="article-view", js_on_load=SCROLL_TO_CITED)
            with gr.Tab("Facts"):
                gr.Markdown("Every number extracted from the articles. Search the table, or click a column to sort.")
                gr.Dataframe(value=render.fact_rows(bot.facts, articles), headers=render.FACT_COLUMNS,
                             interactive=False, show_search="search", wrap=True, max_height=420,
                             column_widths=["12%", "11%", "11%", "10%", "20%", "36%"], elem_id="facts-table")
                gr.Markdown("Counts by period. A line joins only figures with the same definition "
                            "(thing · actor · kind of period); different definitions are never joined.")
                gr.Plot(count_chart(bot), format="png", show_label=False, elem_id="facts-chart")
            with gr.Tab("Articles"):
                articles_table = gr.Dataframe(
                    value=article_rows(bot), headers=ARTICLE_HEADERS, interactive=False, wrap=True,
                    column_widths=["10%", "24%", "10%", "10%", "8%", "26%", "6%", "6%"], elem_id="articles-table")
                first = next(iter(articles.values()), None)
                reader = gr.Dropdown(choices=[(a.title, a.id) for a in articles.values()],
                                     value=first.id if first else None, label="Read an article", elem_id="article-pick")
                article_text = gr.HTML(render.facts_html(first, bot.facts) if first else "", elem_id="article-text")
                reader.change(lambda i: render.facts_html(articles[i], bot.facts) if i in articles else "",
                              reader, article_text, **private)
                documents_block(library, articles_table, reader, uploads_off)

        outputs = [question, chatbot, session, sources, pick, article_view]
        question.submit(respond, [question, chatbot, session], outputs, **private)
        ask_button.click(respond, [question, chatbot, session], outputs, **private)
        for button in example_buttons:
            button.click(respond, [button, chatbot, session], outputs, **private)
        pick.change(open_citation, [pick, session], article_view, **private)
        new.click(new_conversation, None, [chatbot, session, sources, pick, article_view, status], **private)
        chatbot.like(on_like, [session, comment], [status, comment], **private)
        up.click(lambda s, c: vote(s, s.latest if s else None, 1, c), [session, comment], [status, comment], **private)
        down.click(lambda s, c: vote(s, s.latest if s else None, -1, c), [session, comment], [status, comment], **private)
        gr.api(ask, api_name="ask")
        gr.api(feedback, api_name="feedback")
    return demo


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
    demo.queue(max_size=QUEUE_SIZE, default_concurrency_limit=CONCURRENCY, api_open=False)
    print(f"Serving http://{args.host}:{args.port}", flush=True)
    demo.launch(server_name=args.host, server_port=args.port, share=False, css=CSS,
                theme=gr.themes.Soft(), footer_links=["api"],
                max_file_size=MAX_BYTES if uploads else 1,
                blocked_paths=[str(args.db.resolve().parent), str(args.index.absolute()), str(args.index.resolve())])
    return 0


if __name__ == "__main__":
    sys.exit(main())
