"""The Gradio app: the Chat, Facts, Articles and Check a claim tabs and the API endpoints.

HTML comes from `web.render`, `web.facts` and `web.chart`; styles and scripts are the files in
`web/static/`. Every event that changes what the chat shows also updates the tab's `Session`
(see `web.session`), so the sources panel, citation links, votes and follow-ups always refer
to the answers on screen.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
import yaml  # noqa: E402

from bot import Answer, Bot  # noqa: E402
from bot.claim_receipt import claim_receipt  # noqa: E402
from bot.claims import check as check_claim  # noqa: E402
from bot.receipt import receipt  # noqa: E402
from web import chart, claims as claims_view, facts as facts_table, render  # noqa: E402
from web.documents import ARTICLE_HEADERS, Library, LiveArticles, article_rows, documents_block  # noqa: E402
from web.feedback import FeedbackStore  # noqa: E402
from web.session import Conversations, Session  # noqa: E402

MAX_QUESTION = 2_000
QUEUE_SIZE = 64
CONCURRENCY = 4
EXAMPLES_FILE = "examples.yaml"
STATIC = Path(__file__).resolve().parent / "static"
_CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")

ARTICLE_PROMPT = '<div class="sources empty">Click a citation such as [1] to read it in its article.</div>'
FACT_PROMPT = '<div class="sources empty">Click a sentence in the table to read it in its article.</div>'
GONE = '<div class="sources empty">That answer is no longer in this conversation.</div>'


def static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def links_js(selector: str, event: str) -> str:
    """An article view's script: clicks on `selector` links become `event` server events."""
    return f"const LINKS = {selector!r}, EVENT = {event!r};\n" + static("article_links.js")


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


def build(bot: Bot, store: FeedbackStore, examples: list[str] = (), library: Library | None = None,
          uploads_off: str = "") -> gr.Blocks:
    """The page. With `library` the Articles tab can add and remove documents; without it,
    `uploads_off` says why not."""
    conversations = Conversations(bot)
    articles = LiveArticles(bot)  # documents added or removed while running show up everywhere
    empty_sources = render.sources_html(None, articles)

    # ---- chat tab -------------------------------------------------------------------------
    def respond(question: str, history: list, session: Session | None):
        history = list(history or [])
        if session is None or not session.matches(history):
            session = Session(bot.chat())  # the chat on screen was emptied: so is the conversation
        question = (question or "").strip()
        if not question:
            return gr.skip(), gr.skip(), session, gr.skip(), gr.skip()
        refusal = too_long(question)
        shown = question if refusal is None else question[:200] + "…"
        history.append({"role": "user", "content": render.md_escape(shown)})
        if refusal:
            history.append({"role": "assistant", "content": f'<div class="answer answer-abstain">\n\n{refusal}\n\n</div>'})
            return "", history, session, gr.skip(), gr.skip()
        answer = session.chat.ask(question)
        answer_id = session.add(answer, len(history))
        history.append({"role": "assistant", "content": render.chat_markdown(answer, answer_id)})
        return "", history, session, render.sources_html(answer, articles, answer_id), ARTICLE_PROMPT

    def open_link(session: Session | None, evt: gr.EventData):
        """A click on [n] (in any answer) or on a related passage: that answer's sources, and
        the article at the cited sentence."""
        data = evt._data if isinstance(evt._data, dict) else {}
        link = render.parse_link(str(data.get("href", "")))
        answer = session.answers.get(link[1]) if session and link else None
        if answer is None:
            return gr.skip(), GONE
        kind, answer_id, n = link
        if kind == "cite":
            cited = next((c for c in answer.citations if c.n == n), None)
            article = render.cited_article_html(cited, articles) if cited else GONE
        else:
            related = answer.related[n - 1] if 0 < n <= len(answer.related) else None
            article = render.related_article_html(related, articles) if related else GONE
        return render.sources_html(answer, articles, answer_id), article

    def new_conversation():
        return [], Session(bot.chat()), empty_sources, ARTICLE_PROMPT, ""

    def cleared():
        """The chat's own trash button: the conversation, sources and votes start over too."""
        return Session(bot.chat()), empty_sources, ARTICLE_PROMPT, ""

    def vote(session: Session | None, answer: Answer | None, value: int, comment: str):
        if answer is None:
            return "Ask a question first: votes are on answers.", comment
        store.add(answer, value, conversation_id=session.chat.id, comment=comment)
        return "Thanks: your feedback was saved.", ""

    def on_like(data: gr.LikeData, session: Session | None, comment: str):
        index = data.index if isinstance(data.index, int) else data.index[0]
        if data.liked in (None, ""):  # the vote was taken back
            return gr.skip(), gr.skip()
        return vote(session, session.at(index) if session else None, 1 if data.liked in (True, "Like") else -1, comment)

    def open_fact(evt: gr.EventData):
        data = evt._data if isinstance(evt._data, dict) else {}
        href = str(data.get("href", ""))
        wanted = href[len(facts_table.FACT_HREF):] if href.startswith(facts_table.FACT_HREF) else None
        fact = bot.fact(wanted) if wanted else None
        return render.fact_article_html(fact, articles) if fact else FACT_PROMPT

    # ---- check a claim tab ------------------------------------------------------------------
    def check_text(text: str):
        refusal = too_long(text or "")
        if refusal:
            return f'<div class="sources empty">{render.md_escape(refusal)}</div>', None, ARTICLE_PROMPT
        report = check_claim(bot, text or "")
        return claims_view.report_html(report, articles), report, ARTICLE_PROMPT

    def open_claim_link(report, evt: gr.EventData):
        data = evt._data if isinstance(evt._data, dict) else {}
        c = claims_view.cited(report, str(data.get("href", "")))
        return render.cited_article_html(c, articles) if c else GONE

    # ---- API ------------------------------------------------------------------------------
    def check(text: str) -> dict:
        """Check every figure of a claim against the sources: each figure's span (start, end in
        the text), verdict, cited facts, calculation and a `receipt` to paste into notes."""
        refusal = too_long(text or "")
        if refusal:
            raise gr.Error(refusal)
        report = check_claim(bot, text or "")
        data = report.model_dump(mode="json")
        for item, claim in zip(data["claims"], report.claims):
            item["receipt"] = claim_receipt(claim, articles)
        return data

    def ask(question: str, conversation_id: str = "") -> dict:
        """Answer a question. Pass the returned `conversation_id` back to ask a follow-up; `receipt`
        is the answer as text to paste into notes (quotes, articles, offsets, formula)."""
        refusal = too_long(question or "")
        if refusal:
            raise gr.Error(refusal)
        if conversation_id and not _CONVERSATION_ID.match(conversation_id):
            raise gr.Error("conversation_id must be 1-64 letters, digits, '.', '_' or '-'.")
        chat = conversations.get(conversation_id)
        answer = chat.ask(question)
        return {"conversation_id": chat.id, **answer.model_dump(mode="json"), "receipt": receipt(answer, articles)}

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
        gr.Markdown("## newsnumbers\nAsk about the news articles: every number comes with the sentence it was read "
                    "from. Click a citation such as [1] to open it in its article.", elem_id="intro")
        session = gr.State(None)
        with gr.Tabs():
            with gr.Tab("Chat"):
                with gr.Row(equal_height=False, elem_id="chat-row"):
                    with gr.Column(scale=3, min_width=320, elem_id="chat-column"):
                        # Retry, undo and edit stay off: the conversation can only grow or be cleared.
                        chatbot = gr.Chatbot(show_label=False, elem_id="chatbot", height=520, latex_delimiters=[],
                                             buttons=["copy"],
                                             placeholder="Ask a question about the news articles, or try an example below.")
                        with gr.Row(elem_id="ask-row"):
                            question = gr.Textbox(show_label=False, placeholder="Ask about the articles…", scale=5,
                                                  max_lines=4, elem_id="question", autofocus=True)
                            ask_button = gr.Button("Ask", variant="primary", scale=0, min_width=80, elem_id="ask")
                            new = gr.Button("New conversation", scale=0, min_width=160, elem_id="new-conversation")
                    with gr.Column(scale=2, min_width=320, elem_id="evidence"):
                        sources = gr.HTML(empty_sources, elem_id="sources", js_on_load=static("receipt.js"))
                        article_view = gr.HTML(ARTICLE_PROMPT, elem_id="article-view",
                                               js_on_load=links_js("a.cite-link", "cite"))
                with gr.Row(elem_id="examples"):
                    example_buttons = [gr.Button(q, size="sm", variant="secondary", elem_classes="example") for q in examples]
                with gr.Row(elem_id="feedback-row"):
                    comment = gr.Textbox(show_label=False, placeholder="Comment on the latest answer",
                                         scale=4, elem_id="comment")
                    up = gr.Button("Helpful", scale=0, min_width=100, elem_id="vote-up")
                    down = gr.Button("Not helpful", scale=0, min_width=130, elem_id="vote-down")
                status = gr.Markdown("", elem_id="status")
            with gr.Tab("Facts"):
                gr.Markdown("Every number extracted from the articles. Filter the table, click a column header "
                            "to sort (the value column sorts by size), click a sentence to read it in its article.")
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        gr.HTML(facts_table.table_html(bot.first_facts(facts_table.SHOWN), articles,
                                                       total=bot.fact_count()), elem_id="facts-table",
                                js_on_load=static("facts_table.js"))
                    with gr.Column(scale=2, min_width=320):
                        fact_view = gr.HTML(FACT_PROMPT, elem_id="fact-article",
                                            js_on_load=links_js("a.fact-link", "fact"))
                gr.Markdown("#### Figures by period\nOne panel per measure, each with its own scales. A line joins "
                            "only figures of the same measure (thing and the article's words for it, actor, kind of "
                            "period); a measure with one period is shown as points. Choose which to compare below.")
                gr.HTML(chart.chart_html(bot.first_facts(facts_table.SHOWN)), elem_id="facts-chart",
                        js_on_load=static("chart.js"))
            with gr.Tab("Articles"):
                articles_table = gr.Dataframe(
                    value=article_rows(bot), headers=ARTICLE_HEADERS, interactive=False, wrap=True,
                    column_widths=["10%", "24%", "10%", "10%", "8%", "26%", "6%", "6%"], elem_id="articles-table")
                first = next(iter(articles.values()), None)
                reader = gr.Dropdown(choices=[(a.title, a.id) for a in articles.values()],
                                     value=first.id if first else None, label="Read an article", elem_id="article-pick")
                article_text = gr.HTML(render.facts_html(first, bot.facts_of(first.id)) if first else "",
                                       elem_id="article-text")
                reader.change(lambda i: render.facts_html(articles[i], bot.facts_of(i)) if i in articles else "",
                              reader, article_text, **private)
                documents_block(library, articles_table, reader, uploads_off)
            with gr.Tab("Check a claim"):
                claim_report = gr.State(None)
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=320):
                        claim_text = gr.Textbox(show_label=False, lines=4, max_lines=12, elem_id="claim-input",
                                                placeholder="Paste a sentence or a paragraph with figures in it…")
                        check_button = gr.Button("Check", variant="primary", elem_id="check-claim")
                        claim_result = gr.HTML(claims_view.CLAIM_PROMPT, elem_id="claim-result",
                                               js_on_load=static("claims.js"))
                    with gr.Column(scale=2, min_width=320):
                        claim_article = gr.HTML(ARTICLE_PROMPT, elem_id="claim-article",
                                                js_on_load=links_js("a.claim-cite", "claimcite"))

        outputs = [question, chatbot, session, sources, article_view]
        question.submit(respond, [question, chatbot, session], outputs, **private)
        ask_button.click(respond, [question, chatbot, session], outputs, **private)
        for button in example_buttons:
            button.click(respond, [button, chatbot, session], outputs, **private)
        article_view.cite(open_link, [session], [sources, article_view], **private)
        fact_view.fact(open_fact, None, fact_view, **private)
        new.click(new_conversation, None, [chatbot, session, sources, article_view, status], **private)
        chatbot.clear(cleared, None, [session, sources, article_view, status], **private)
        chatbot.like(on_like, [session, comment], [status, comment], **private)
        up.click(lambda s, c: vote(s, s.latest if s else None, 1, c), [session, comment], [status, comment], **private)
        down.click(lambda s, c: vote(s, s.latest if s else None, -1, c), [session, comment], [status, comment], **private)
        claim_outputs = [claim_result, claim_report, claim_article]
        check_button.click(check_text, [claim_text], claim_outputs, **private)
        claim_text.submit(check_text, [claim_text], claim_outputs, **private)
        claim_article.claimcite(open_claim_link, [claim_report], claim_article, **private)
        gr.api(ask, api_name="ask")
        gr.api(check, api_name="check")
        gr.api(feedback, api_name="feedback")
    return demo


def launch(demo: gr.Blocks, host: str, port: int, blocked: list[Path], max_file_size: int = 1) -> None:
    """Serve `demo` with the app's styles; nothing in `blocked` (index, feedback store) is served.
    Uploads larger than `max_file_size` bytes are refused by the server."""
    demo.queue(max_size=QUEUE_SIZE, default_concurrency_limit=CONCURRENCY, api_open=False)
    demo.launch(server_name=host, server_port=port, share=False, css=static("app.css"),
                theme=gr.themes.Soft(), footer_links=["api"], max_file_size=max_file_size,
                blocked_paths=[str(p.resolve()) for p in blocked] + [str(p.absolute()) for p in blocked])
