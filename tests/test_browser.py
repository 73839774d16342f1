"""The app in a real headless Chromium: ask, read the citation in its article, stay safe."""

from __future__ import annotations

import os
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
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1440,1000"]


@pytest.fixture(scope="session")
def server(request, index_dir, tmp_path_factory):
    return app_server.shared(request.config, index_dir, tmp_path_factory)


@pytest.fixture
def driver(server):
    if not Path(CHROMEDRIVER).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromedriver not found at {CHROMEDRIVER}; under CI the browser tests must run "
                        "(install it with `make browser`)")
        pytest.skip("chromedriver is not installed (`make browser` installs it)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options.add_argument(f"--user-data-dir={profile}")
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(60)
    browser.get(server.url)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


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


def test_answer_cites_and_opens_the_article(driver, tmp_path):
    from selenium.webdriver.common.by import By

    ask(driver, "How many deportations did DHS carry out in 2014?")
    wait(driver, lambda b: "577,295" in b.find_element(By.ID, "chatbot").text)
    assert "[1]" in driver.find_element(By.ID, "chatbot").text
    sources = wait(driver, lambda b: b.find_element(By.ID, "sources"))
    assert sources.find_element(By.CSS_SELECTOR, ".citation mark").text == "577,295"

    choice = wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#citation-pick label"))
    assert choice.text.startswith("[1]")
    choice.click()
    mark = wait(driver, lambda b: b.find_element(By.CSS_SELECTOR, "#article-view mark#cited-span"))
    assert mark.text == "577,295"
    # The cited number has been scrolled into the visible part of the article box.
    wait(driver, lambda b: b.execute_script("""
        const m = document.querySelector('#article-view mark#cited-span');
        const box = m.closest('.article-body').getBoundingClientRect(), r = m.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom && r.top >= 0 && r.bottom <= window.innerHeight;"""),
         timeout=10)
    screenshot(driver, tmp_path, "answer-with-citation.png")


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

    ask(driver, "How many deportations did DHS carry out in 2014?")
    driver.find_element(By.ID, "new-conversation").click()
    wait(driver, lambda b: "577,295" not in b.find_element(By.ID, "chatbot").text)
    assert "Ask a question" in driver.find_element(By.ID, "sources").text


def test_votes_from_the_page_are_stored(driver, server):
    import sqlite3

    from selenium.webdriver.common.by import By

    question = "how many deportations were carried out by DHS in 2014 (vote test)?"
    ask(driver, question)
    driver.find_element(By.CSS_SELECTOR, "#comment textarea, #comment input").send_keys("checked by hand")
    driver.find_element(By.ID, "vote-down").click()
    wait(driver, lambda b: "saved" in b.find_element(By.ID, "status").text)
    driver.find_element(By.CSS_SELECTOR, "#chatbot button[aria-label='Like']").click()

    def votes():
        with sqlite3.connect(server.db) as db:
            return db.execute("SELECT vote, comment FROM feedback WHERE question = ? ORDER BY id", (question,)).fetchall()

    wait(driver, lambda b: len(votes()) == 2, timeout=30)
    assert votes() == [(-1, "checked by hand"), (1, None)]
