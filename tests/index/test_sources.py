"""index.sources: loading articles with and without front matter, and every way a file can be bad."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from index.sources import SourceError, load_article, load_sources

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_front_matter_fields_and_exact_body(tmp_path):
    raw = (
        "---\nid: city-report\ntitle: \"A headline\"\npublisher: Example News\nauthor: A. Reporter\n"
        "published: \"2015-03\"\npublished_note: inferred\n---\nFirst line.\n\nSecond  paragraph.\n"
    )
    path = write(tmp_path, "whatever.md", raw)

    article = load_article(path)

    assert article.model_dump() == {
        "id": "city-report",
        "title": "A headline",
        "body": "First line.\n\nSecond  paragraph.\n",
        "path": str(path),
        "sha256": hashlib.sha256(raw.encode()).hexdigest(),
        "publisher": "Example News",
        "author": "A. Reporter",
        "published": "2015-03",
        "published_note": "inferred",
        "format": "text",
        "pages": [],
    }
    assert article.year == 2015


@pytest.mark.parametrize(
    "name, body, title",
    [
        ("agency-report.md", "Deportations Fall Again\n\nThe agency said so.", "Deportations Fall Again"),
        ("agency-report.txt", "  Deportations Fall Again  \nThe agency said so.", "Deportations Fall Again"),
        # a first line that ends like a sentence is not a headline: the stem stands in
        ("agency-report.md", "The agency said so.\n\nMore text.", "agency-report"),
        ("agency-report.md", "Officials listed these:\n- one", "agency-report"),
        ("agency-report.md", "x" * 151 + "\nMore text.", "agency-report"),
    ],
)
def test_without_front_matter_id_is_stem_and_title_is_headline(tmp_path, name, body, title):
    article = load_article(write(tmp_path, name, body))

    assert (article.id, article.title, article.body, article.year) == ("agency-report", title, body, None)


def test_real_articles_load_with_their_front_matter():
    articles = load_sources(SOURCES)

    assert [(a.id, a.year) for a in articles] == [
        ("detainer-holds-fall", 2015),
        ("dhs-deportations-fiscal-2014", 2014),
        ("ice-fiscal-2012-deportation-record", 2012),
    ]
    assert articles[2].body.startswith("Obama Administration Hits Another Deportation Record -- Almost 410,000\n")
    assert articles[2].publisher == "FoxNews.com"


def test_readme_and_other_suffixes_are_not_articles(tmp_path):
    write(tmp_path, "README.md", "")  # empty: would fail if it were loaded
    write(tmp_path, "notes.json", b"\x00")
    write(tmp_path, "a.md", "Body one.")
    write(tmp_path, "b.txt", "Body two.")

    assert [a.id for a in load_sources(tmp_path)] == ["a", "b"]


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("latin.md", b"caf\xe9 and more text", "not valid UTF-8 (byte 3: b'\\xe9')"),
        ("binary.md", b"PK\x03\x04\x00\x00 zipped", "looks like a binary file (contains NUL bytes), not an article"),
        ("empty.md", "", "the article body is empty"),
        ("blank.md", "  \n\n\t\n", "the article body is empty"),
        ("front-only.md", "---\ntitle: Only a title\n---\n\n  \n", "the article body is empty"),
        (
            "bad-yaml.md",
            "---\ntitle: Deportations: a record\n---\nBody.\n",
            "front matter is not valid YAML (line 2): mapping values are not allowed here",
        ),
        (
            "bad-yaml-list.md",
            "---\ntitle: [unclosed\n---\nBody.\n",
            "front matter is not valid YAML (line 3): expected ',' or ']', but got '<stream end>'",
        ),
        ("not-mapping.md", "---\n- a\n- b\n---\nBody.\n", "front matter must be a mapping of 'key: value' lines"),
        ("unclosed.md", "---\ntitle: x\nBody text.\n", "front matter starts with '---' but has no closing '---' line"),
        ("bad-id.md", "---\nid: two words\n---\nBody.\n", "id 'two words' must be letters, digits, '.', '_' or '-'"),
    ],
)
def test_each_invalid_file_names_the_file_and_the_problem(tmp_path, name, data, problem):
    path = write(tmp_path, name, data)

    with pytest.raises(SourceError) as err:
        load_sources(tmp_path)

    assert err.value.problems == [f"{path}: {problem}"]
    assert str(err.value) == f"{path}: {problem}"


def test_duplicate_id_names_both_files(tmp_path):
    first = write(tmp_path, "a.md", "---\nid: same\n---\nOne.\n")
    second = write(tmp_path, "b.md", "---\nid: same\n---\nTwo.\n")

    with pytest.raises(SourceError) as err:
        load_sources(tmp_path)

    assert err.value.problems == [f"{second}: duplicate id 'same' (also used by {first})"]


def test_front_matter_id_may_collide_with_a_stem(tmp_path):
    first = write(tmp_path, "a.md", "---\nid: b\n---\nOne.\n")
    second = write(tmp_path, "b.md", "Two.\n")

    with pytest.raises(SourceError) as err:
        load_sources(tmp_path)

    assert err.value.problems == [f"{second}: duplicate id 'b' (also used by {first})"]


def test_every_bad_file_is_reported_at_once(tmp_path):
    shutil.copy(SOURCES / "detainer-holds-fall.md", tmp_path)
    binary = write(tmp_path, "binary.md", b"\x00\x01")
    empty = write(tmp_path, "empty.txt", "")
    latin = write(tmp_path, "latin.md", b"\xff")
    unclosed = write(tmp_path, "unclosed.md", "---\nid: x\n")
    duplicate = write(tmp_path, "zz.md", "---\nid: detainer-holds-fall\n---\nText.\n")

    with pytest.raises(SourceError) as err:
        load_sources(tmp_path)

    assert err.value.problems == [
        f"{binary}: looks like a binary file (contains NUL bytes), not an article",
        f"{empty}: the article body is empty",
        f"{latin}: not valid UTF-8 (byte 0: b'\\xff')",
        f"{unclosed}: front matter starts with '---' but has no closing '---' line",
        f"{duplicate}: duplicate id 'detainer-holds-fall' (also used by {tmp_path / 'detainer-holds-fall.md'})",
    ]
    assert str(err.value).count("\n") == 4


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_a_folder_without_articles_is_an_error(tmp_path, make):
    folder = tmp_path / "sources"
    if make == "empty":
        folder.mkdir()
        write(folder, "README.md", "Read me.")
    expected = "the sources folder does not exist" if make == "missing" else "no articles (.md, .txt, .html, .htm or .pdf files) found"

    with pytest.raises(SourceError) as err:
        load_sources(folder)

    assert err.value.problems == [f"{folder}: {expected}"]
