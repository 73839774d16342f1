"""The app in a real headless Chromium: ask, follow a citation into its article, keep the
conversation, sources and votes in step with the screen, stay safe."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

import app_server

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SCREENSHOTS = app_server.ROOT / "out" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP, PHONE = (1400, 1000), (390, 844)


@pytest.fixture(scope="session")
def server(request, index_dir, tmp_path_factory):
    return app_server.shared(request.config, index_dir, tmp_path_factory)


def open_browser(server, size):
    if not Path(CHROMEDRIVER).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromedriver not found at {CHROMEDRIVER}; under CI the browser tests must run "
                        "(install it with `make browser`)")
        pytest.skip("chromedriver is not installed (`make browser` installs it)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS + [f"--window-size={size[0]},{size[1]}"]:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(60)
    browser.set_window_size(*size)
    browser.get(server.url)
    return browser, profile


def _browser_session(server, size):
    browser, profile = open_browser(server, size)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def driver(server):
    yield from _browser_session(server, DESKTOP)


@pytest.fixture
def phone(server):
    yield from _browser_session(server, PHONE)


def wait(browser, condition, timeout=90):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def ask(browser, question: str) -> None:
    from selenium.webdriver.common.by import By

    box = wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#question textarea"))
    before = len(browser.find_elements(By.CSS_SELECTOR, "#chatbot .message-row, #chatbot .message"))
    box.send_keys(question)
    browser.find_element(By.ID, "ask").click()
    wait(browser, lambda b: len(b.find_elements(By.CSS_SELECTOR, "#chatbot .message-row, #chatbot .message")) > before + 1
         and not b.find_elements(By.CSS_SELECTOR, "#chatbot .pending, #chatbot .generating"))


def screenshot(browser, tmp_path: Path, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for folder in (tmp_path, SCREENSHOTS):
        browser.save_screenshot(str(folder / name))
    assert (tmp_path / name).stat().st_size > 0



DHS_2014 = "How many deportations did DHS carry out in 2014?"
ICE_2012 = "How many people did ICE deport in 2012?"
FOLLOW_UP = "how many of those were returns?"


def cite_links(browser, answer: int = -1):
    """The [n] links in one assistant message of the chat (-1: the latest)."""
    from selenium.webdriver.common.by import By

    messages = [m for m in browser.find_elements(By.CSS_SELECTOR, "#chatbot [data-testid='bot']")]
    return messages[answer].find_elements(By.CSS_SELECTOR, "a.cite-link")


def opened(browser):
    """(article title, cited text) of what the article view shows, once it shows a citation."""
    from selenium.webdriver.common.by import By

    mark = wait(browser, lambda b: b.find_element(By.CSS_SELECTOR, "#article-view mark#cited-span"))
    return browser.find_element(By.CSS_SELECTOR, "#article-view h3").text, mark.text


def votes(db, question):
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT vote, comment FROM feedback WHERE question = ? ORDER BY id", (question,)).fetchall()


def rect(browser, selector: str) -> dict:
    return browser.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, left: r.left, right: r.right};",
        selector)


def test_citation_link_opens_the_article_at_the_number_without_scrolling_the_page(driver, tmp_path):
    from selenium.webdriver.common.by import By

    ask(driver, DHS_2014)
    wait(driver, lambda b: "577,295" in b.find_element(By.ID, "chatbot").text)
    assert driver.find_element(By.CSS_SELECTOR, "#sources .citation mark").text == "577,295"
    links = cite_links(driver)
    assert links and all(link.text.startswith("[1]") for link in links)
    links[0].click()
    title, cited = opened(driver)
    assert cited == "577,295"
    assert title == driver.find_element(By.CSS_SELECTOR, "#sources .cite-title").text
    # At 1400x1000 the page itself does not move: the article view is already on screen, and
    # the number is scrolled into view inside the article's own box.
    wait(driver, lambda b: b.execute_script("""
        const m = document.querySelector('#article-view mark#cited-span');
        const box = m.closest('.article-body').getBoundingClientRect(), r = m.getBoundingClientRect();
        return window.scrollY === 0 && r.top >= box.top && r.bottom <= box.bottom && r.bottom <= window.innerHeight;"""),
         timeout=10)
    screenshot(driver, tmp_path, "answer-with-citation.png")


def test_a_citation_in_an_older_answer_opens_its_own_article(driver):
    from selenium.webdriver.common.by import By

    ask(driver, ICE_2012)
    ask(driver, DHS_2014)
    first_title = None
    cite_links(driver, -1)[0].click()
    latest_title, cited = opened(driver)
    assert cited == "577,295"
    cite_links(driver, 0)[0].click()
    wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#article-view mark#cited-span").text != "577,295")
    first_title, cited = opened(driver)
    assert "410,000" in cited and first_title != latest_title
    # the sources panel follows the answer whose citation was opened
    wait(driver, lambda b: ICE_2012 in b.find_element(By.ID, "sources").text)


def test_hover_or_focus_previews_the_quote(driver):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    ask(driver, DHS_2014)
    link = cite_links(driver)[0]
    tip = lambda b: b.find_element(By.ID, "cite-tooltip")  # noqa: E731
    assert not tip(driver).is_displayed()
    ActionChains(driver).move_to_element(link).perform()
    wait(driver, lambda b: tip(b).is_displayed(), timeout=5)
    assert "According to" in tip(driver).text
    assert tip(driver).find_element(By.TAG_NAME, "mark").text == "577,295"
    # nothing on the page is drawn over the preview (it ignores the pointer: hit-test it for a moment)
    assert driver.execute_script("""
        const t = document.getElementById('cite-tooltip'), r = t.getBoundingClientRect();
        t.style.pointerEvents = 'auto';
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        t.style.pointerEvents = '';
        return t.contains(top);""")
    ActionChains(driver).move_to_element(driver.find_element(By.ID, "intro")).perform()
    wait(driver, lambda b: not tip(b).is_displayed(), timeout=5)

    driver.execute_script("arguments[0].focus()", link)  # keyboard focus shows it too
    wait(driver, lambda b: tip(b).is_displayed(), timeout=5)
    box = tip(driver).rect
    width, height = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
    link.send_keys(Keys.ENTER)  # and Enter opens the article
    assert opened(driver)[1] == "577,295"


SHARE_2014 = "What share of DHS's 2014 deportations were returns?"


def test_a_calculation_marks_both_operands_and_the_panel_does_not_repeat_the_bubbles_quote(driver):
    from selenium.webdriver.common.by import By

    ask(driver, SHARE_2014)  # 162,814 / 577,295: both operands in one sentence
    wait(driver, lambda b: "28.2%" in b.find_element(By.ID, "chatbot").text)
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#sources .citation mark")]
    assert marks == ["577,295", "162,814"]
    cite_links(driver)[0].click()
    wait(driver, lambda b: b.find_elements(By.CSS_SELECTOR, "#article-view mark.cited"))
    assert [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#article-view mark.cited")] == ["577,295", "162,814"]
    assert opened(driver)[1] == "162,814"  # the view scrolls to the first operand

    ask(driver, DHS_2014)  # a lookup quotes its sentence in the bubble: the panel gives an excerpt
    wait(driver, lambda b: DHS_2014 in b.find_element(By.CSS_SELECTOR, "#sources .sources-for").text)
    bubble = driver.find_elements(By.CSS_SELECTOR, "#chatbot [data-testid='bot']")[-1].text
    panel = driver.find_element(By.CSS_SELECTOR, "#sources .citation .cite-quote").text
    assert "According to the department's statistics" in bubble
    assert panel.startswith("…") and "577,295" in panel and "According to" not in panel


def test_copy_citation_puts_the_receipt_on_the_clipboard(driver, server, tmp_path):
    from selenium.webdriver.common.by import By

    driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": server.url.rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    ask(driver, SHARE_2014)
    button = wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#sources button.copy-receipt"))
    assert button.text == "Copy citation"
    receipt = driver.execute_script("return document.querySelector('#sources .receipt-text').textContent")
    button.click()
    wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#sources button.copy-receipt").get_attribute("data-copied"),
         timeout=10)
    assert driver.find_element(By.CSS_SELECTOR, "#sources button.copy-receipt").get_attribute("data-copied") == "yes"
    assert driver.find_element(By.CSS_SELECTOR, "#sources .copy-status").text.startswith("Copied")
    copied = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, (err) => done('could not read: ' + err));")
    assert copied == receipt
    source = driver.find_element(By.CSS_SELECTOR, "#sources .cite-title").text
    assert f"- Article: {source}\n" in copied
    assert "conducted a total of 577,295 deportations -- comprising 414,481 removals and 162,814 returns.\"" in copied
    assert "- Formula: 162,814 [1] / 577,295 [1] = 28.2% (rounded to one decimal place)." in copied
    assert re.search(r'"162,814", characters \d+-\d+; "577,295", characters \d+-\d+', copied)
    assert re.search(r"- Source id and offsets: [\w.-]+, start \d+, end \d+\n", copied)
    driver.find_element(By.CSS_SELECTOR, "#sources .receipt-details summary").click()
    screenshot(driver, tmp_path, "receipt.png")


def test_related_passages_under_an_abstention_open_in_the_article(driver):
    from selenium.webdriver.common.by import By

    ask(driver, "What is the population of Canada?")
    related = wait(driver, lambda b: b.find_elements(By.CSS_SELECTOR, "#sources .related a.cite-link"))
    quote = related[0].find_element(By.XPATH, "../blockquote").text
    related[0].click()
    _, cited = opened(driver)
    assert cited == quote


def test_clear_resets_the_conversation_sources_and_votes(driver, server):
    from selenium.webdriver.common.by import By

    ask(driver, ICE_2012)
    wait(driver, lambda b: "410,000" in b.find_element(By.ID, "chatbot").text)
    driver.find_element(By.CSS_SELECTOR, "#chatbot button[aria-label='Clear']").click()
    wait(driver, lambda b: "410,000" not in b.find_element(By.ID, "chatbot").text)
    wait(driver, lambda b: "Ask a question" in b.find_element(By.ID, "sources").text)

    # a follow-up does not resolve against the deleted conversation
    ask(driver, FOLLOW_UP)
    assert "410,000" not in driver.find_element(By.ID, "chatbot").text

    question = "Please: " + DHS_2014[0].lower() + DHS_2014[1:]  # a question of its own, for its votes
    ask(driver, question)
    wait(driver, lambda b: "577,295" in b.find_element(By.ID, "chatbot").text)
    assert "410,000" not in driver.find_element(By.ID, "sources").text
    cite_links(driver)[0].click()
    assert opened(driver)[1] == "577,295"  # [1] opens the visible answer's article

    driver.find_element(By.ID, "vote-up").click()
    wait(driver, lambda b: "saved" in b.find_element(By.ID, "status").text)
    driver.find_elements(By.CSS_SELECTOR, "#chatbot button[aria-label='Dislike']")[-1].click()
    wait(driver, lambda b: len(votes(server.db, question)) == 2, timeout=30)
    assert votes(server.db, question) == [(1, None), (-1, None)]
    assert votes(server.db, ICE_2012) == []


def test_retry_undo_and_edit_are_not_offered(driver):
    from selenium.webdriver.common.by import By

    ask(driver, DHS_2014)
    labels = {b.get_attribute("aria-label") or b.text for b in driver.find_elements(By.CSS_SELECTOR, "#chatbot button")}
    assert "Clear" in labels
    assert not {"Retry", "Undo", "Edit"} & labels


def test_the_first_message_is_not_covered(driver):
    ask(driver, DHS_2014)
    covered = driver.execute_script("""
        const m = document.querySelector('#chatbot [data-testid="user"]');
        const r = m.getBoundingClientRect();
        const points = [[r.left + 4, r.top + 4], [r.right - 4, r.top + 4], [r.left + r.width / 2, r.top + r.height / 2]];
        return points.filter(([x, y]) => !m.contains(document.elementFromPoint(x, y))).length;""")
    assert covered == 0


def test_on_a_phone_the_sources_follow_the_answer(phone, tmp_path):
    from selenium.webdriver.common.by import By

    assert phone.execute_script("return window.innerWidth") <= 400
    ask(phone, DHS_2014)
    wait(phone, lambda b: "577,295" in b.find_element(By.ID, "sources").text)
    chat, sources = rect(phone, "#chatbot"), rect(phone, "#sources")
    examples, feedback = rect(phone, "#examples"), rect(phone, "#feedback-row")
    assert sources["top"] > chat["bottom"]
    assert sources["top"] - chat["bottom"] < 150  # only the question box between them
    assert examples["top"] > sources["bottom"] and feedback["top"] > sources["bottom"]
    phone.execute_script("document.querySelector('#ask-row').scrollIntoView({block: 'center'})")
    screenshot(phone, tmp_path, "phone-sources.png")
    cite_links(phone)[0].click()
    assert opened(phone)[1] == "577,295"
    wait(phone, lambda b: b.execute_script(
        "const r = document.querySelector('#article-view mark#cited-span').getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;"), timeout=10)
    screenshot(phone, tmp_path, "phone-answer.png")


def test_html_in_a_question_is_shown_as_text(driver, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    question = "<img src=x onerror=alert(1)>"
    ask(driver, question)
    chat = driver.find_element(By.ID, "chatbot")
    wait(driver, lambda b: question in chat.text)
    assert driver.execute_script("return document.querySelectorAll('#chatbot img, #sources img').length") == 0
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    screenshot(driver, tmp_path, "html-question.png")


def test_new_conversation_clears_the_chat(driver):
    from selenium.webdriver.common.by import By

    ask(driver, DHS_2014)
    driver.find_element(By.ID, "new-conversation").click()
    wait(driver, lambda b: "577,295" not in b.find_element(By.ID, "chatbot").text)
    assert "Ask a question" in driver.find_element(By.ID, "sources").text


def test_votes_from_the_page_are_stored(driver, server):
    from selenium.webdriver.common.by import By

    question = "how many deportations were carried out by DHS in 2014 (vote test)?"
    ask(driver, question)
    driver.find_element(By.CSS_SELECTOR, "#comment textarea, #comment input").send_keys("checked by hand")
    driver.find_element(By.ID, "vote-down").click()
    wait(driver, lambda b: "saved" in b.find_element(By.ID, "status").text)
    driver.find_element(By.CSS_SELECTOR, "#chatbot button[aria-label='Like']").click()
    wait(driver, lambda b: len(votes(server.db, question)) == 2, timeout=30)
    assert votes(server.db, question) == [(-1, "checked by hand"), (1, None)]


def open_facts(browser):
    from selenium.webdriver.common.by import By

    wait(browser, lambda b: b.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Facts')]")).click()
    return wait(browser, lambda b: [r for r in b.find_elements(By.CSS_SELECTOR, "#facts-table tbody tr") if r.is_displayed()])


def column(browser, name: str) -> list[str]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#facts-table tbody tr')].filter(r => !r.hidden)"
        ".map(r => r.querySelector('td.col-' + arguments[0]).dataset.sort);", name)


def test_facts_table_sorts_by_numeric_value_and_filters(driver, tmp_path):
    from selenium.webdriver.common.by import By

    rows = open_facts(driver)
    assert len(rows) > 10
    header = driver.find_element(By.CSS_SELECTOR, "#facts-table th.col-value button")
    header.click()
    values = [float(v) for v in column(driver, "value")]
    assert values == sorted(values) and values[0] < values[-1]
    assert driver.find_element(By.CSS_SELECTOR, "#facts-table th.col-value").get_attribute("aria-sort") == "ascending"
    header.click()
    assert [float(v) for v in column(driver, "value")] == sorted(values, reverse=True)
    driver.find_element(By.CSS_SELECTOR, "#facts-table th.col-period button").click()
    periods = column(driver, "period")
    assert periods == sorted(periods)

    box = driver.find_element(By.CSS_SELECTOR, "#facts-table .facts-filter")
    box.send_keys("ICE")
    shown = [r for r in driver.find_elements(By.CSS_SELECTOR, "#facts-table tbody tr") if r.is_displayed()]
    assert 0 < len(shown) < len(rows)
    assert all("ice" in r.text.lower() for r in shown)
    assert driver.find_element(By.CSS_SELECTOR, "#facts-table .facts-count").text == f"{len(shown)} of {len(rows)} facts"
    screenshot(driver, tmp_path, "facts-table.png")


def test_a_fact_row_opens_its_sentence_in_the_article(driver, corpus):
    from selenium.webdriver.common.by import By

    from index.facts import Fact

    facts = {row["id"]: Fact(**row) for row in corpus.fact_rows}
    row = open_facts(driver)[3]
    fact = facts[row.get_attribute("data-fact")]
    row.find_element(By.CSS_SELECTOR, "a.fact-link").click()
    mark = wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#fact-article mark#cited-span"))
    assert mark.text == corpus.articles[fact.source_id].body[fact.start:fact.end]
    assert driver.find_element(By.CSS_SELECTOR, "#fact-article h3").text == corpus.articles[fact.source_id].title
    sentence = " ".join(m.text for m in driver.find_elements(By.CSS_SELECTOR, "#fact-article mark"))
    assert fact.as_written.split()[-1] in sentence


def test_the_chart_joins_only_figures_of_one_measure(driver, corpus, tmp_path):
    """Assert on the series the app built (the facts behind every panel, point and line), not
    on pixels: every panel holds one measure, and a line is drawn only across two periods."""
    from selenium.webdriver.common.by import By

    from index.facts import Fact
    from web.chart import series_key

    facts = {row["id"]: Fact(**row) for row in corpus.fact_rows}
    open_facts(driver)
    panels = driver.execute_script("""
        return [...document.querySelectorAll('#facts-chart .chart-panel')].map(p => ({
            points: [...p.querySelectorAll('g.point')].map(g => g.dataset.fact),
            lines: [...p.querySelectorAll('polyline.series-line')].map(l => JSON.parse(l.dataset.facts))}));""")
    assert panels
    panel_of = {}
    for i, panel in enumerate(panels):
        keys = {series_key(facts[f]) for f in panel["points"]}
        assert len(keys) == 1 and None not in keys
        periods = {(facts[f].period.kind, facts[f].period.year, facts[f].period.month) for f in panel["points"]}
        assert len(panel["lines"]) == (1 if len(periods) >= 2 else 0)
        for line in panel["lines"]:
            assert set(line) <= set(panel["points"])
        for f in panel["points"]:
            panel_of[f] = i
    # the figures the old chart joined into a collapse that did not happen stay apart
    deportations = [f for f in facts.values() if f.thing == "deportations" and f.unit == "count" and f.id in panel_of]
    big = [f for f in deportations if f.value >= 400_000 and f.period.year == 2012]
    small = [f for f in deportations if f.value < 20_000]
    assert big and small
    assert {panel_of[f.id] for f in big}.isdisjoint({panel_of[f.id] for f in small})

    # the picker shows only the chosen series
    driver.find_element(By.CSS_SELECTOR, "#facts-chart .series-picker summary").click()
    driver.find_element(By.CSS_SELECTOR, "#facts-chart [data-pick='none']").click()
    first = driver.find_elements(By.CSS_SELECTOR, "#facts-chart .series-pick input")[0]
    first.click()
    visible = [p for p in driver.find_elements(By.CSS_SELECTOR, "#facts-chart .chart-panel") if p.is_displayed()]
    assert len(visible) == 1 and visible[0].get_attribute("data-series") == first.get_attribute("value")
    driver.find_element(By.CSS_SELECTOR, "#facts-chart [data-pick='all']").click()
    driver.execute_script("document.querySelector('#facts-chart').scrollIntoView()")
    screenshot(driver, tmp_path, "facts-chart.png")


def test_facts_table_headers_do_not_wrap_on_a_phone(phone, tmp_path):
    from selenium.webdriver.common.by import By

    open_facts(phone)
    for th in phone.find_elements(By.CSS_SELECTOR, "#facts-table th"):
        height = phone.execute_script("return arguments[0].getBoundingClientRect().height", th)
        line = phone.execute_script("return parseFloat(getComputedStyle(arguments[0]).lineHeight) || 20", th)
        assert height < 2.2 * line + 12, th.text
    screenshot(phone, tmp_path, "phone-facts.png")


def test_check_a_claim_underlines_each_figure_and_opens_its_citation(driver, tmp_path):
    from selenium.webdriver.common.by import By

    wait(driver, lambda b: b.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Check a claim')]")).click()
    box = wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#claim-input textarea"))
    box.send_keys("Police refused 12,000 detainer requests in 2014. Canada deported 7,000 people in 2014.")
    driver.find_element(By.ID, "check-claim").click()
    marks = wait(driver, lambda b: b.find_elements(By.CSS_SELECTOR, "#claim-result .claim-mark"))
    assert [(m.text, m.get_attribute("class").split()[-1]) for m in marks] == [
        ("12,000", "verdict-contradicted"), ("7,000", "verdict-not_in_sources")]
    panels = driver.find_elements(By.CSS_SELECTOR, "#claim-result .claim-panel")
    assert "contradicted" in panels[0].find_element(By.CSS_SELECTOR, ".claim-verdict").text
    panels[0].find_element(By.CSS_SELECTOR, "a.claim-cite").click()
    mark = wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#claim-article mark#cited-span"))
    assert mark.text == "10,182"
    screenshot(driver, tmp_path, "check-claim.png")
