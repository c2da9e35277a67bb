"""Ingest: every input kind becomes an Article; every bad input a clear, named error."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from conflictmap.errors import InputError
from conflictmap.ingest import read_bytes, read_inputs
from conflictmap.model import Article

from testpaths import DATA

INPUTS = DATA / "inputs"
ENGLISH = ("Rebel fighters attacked an army checkpoint near the town on Monday, and the "
           "army said two soldiers were killed in the clashes that followed.")


def _items(*paths: str | Path, published: dt.date | None = None) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], published=published))


def test_ingest_html_takes_text_title_and_date_from_the_page() -> None:
    [article] = _items(INPUTS / "report.html")
    assert isinstance(article, Article)
    assert article.title == "Shelling hits market in northern town"
    assert article.published == dt.date(2019, 5, 4)
    assert "Kafr Nabl" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text


def test_ingest_feed_gives_one_article_per_entry_with_its_own_date() -> None:
    articles = _items(INPUTS / "feed.xml")
    assert [a.id for a in articles] == ["borno-village-2021", "khartoum-protest-2018"]
    assert [a.published for a in articles] == [dt.date(2021, 3, 9), dt.date(2018, 12, 20)]
    assert "<p>" not in articles[0].text and "Dikwa" in articles[0].text


def test_ingest_jsonl_keeps_ids_and_uses_published_option_only_when_missing() -> None:
    a1, a2 = _items(INPUTS / "articles.jsonl", published=dt.date(2020, 1, 1))
    assert (a1.id, a1.published, a1.url) == ("a1", dt.date(2017, 6, 2),
                                            "https://news.example.org/a1")
    assert (a2.id, a2.published) == ("a2", dt.date(2017, 6, 3))


def test_ingest_directory_reads_every_supported_file() -> None:
    ids = {a.id for a in _items(INPUTS) if isinstance(a, Article)}
    assert {"a1", "a2", "borno-village-2021"} <= ids and len(ids) == 5


def test_ingest_text_file_gets_published_option_and_content_id(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    [article] = _items(path, published=dt.date(2016, 12, 14))
    assert article.published == dt.date(2016, 12, 14)
    assert article.id == read_bytes(ENGLISH.encode(), source="x").__next__().id  # type: ignore[union-attr]


def test_ingest_stdin_is_sniffed() -> None:
    stdin = io.BytesIO(b'{"id": "s1", "text": "' + ENGLISH.encode() + b'"}\n')
    [article] = list(read_inputs(["-"], stdin=stdin))
    assert isinstance(article, Article) and article.id == "s1"


BAD_INPUTS = [
    ("empty.txt", b"", "empty input"),
    ("blank.txt", b"  \n\n ", "empty input"),
    ("image.txt", bytes(range(256)) * 4, "binary data"),
    ("latin1.txt", "Les forces armées ont attaqué la ville.".encode("latin-1") + b" " +
     ENGLISH.encode(), "not valid UTF-8"),
    ("empty.html", b"<html><body><nav>Home</nav></body></html>", "HTML holds no article text"),
    ("french.txt", ("Les forces gouvernementales ont repris le contrôle de la ville mardi "
                    "après des combats violents avec les rebelles dans la région du nord, "
                    "selon des sources locales.").encode(), "does not look like English"),
    ("arabic.txt", ("سيطرت القوات الحكومية على المدينة بعد معارك عنيفة مع المسلحين في "
                    "شمال البلاد يوم الثلاثاء وفق مصادر محلية").encode(), "does not look like English"),
]


@pytest.mark.parametrize(("name", "data", "problem"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_ingest_bad_input_names_the_file_and_the_problem(tmp_path: Path, name: str, data: bytes,
                                                         problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [error] = _items(path)
    assert isinstance(error, InputError)
    assert error.source == str(path) and problem in error.problem


def test_ingest_bad_jsonl_lines_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        '{"id": "ok1", "text": "' + ENGLISH + '"}',
        '{"id": "broken", "text": ',
        '{"id": "nodate", "published": "2016-02-30", "text": "' + ENGLISH + '"}',
        '{"id": "notext"}',
        '["a list"]',
        '{"id": "ok2", "text": "' + ENGLISH + ' Again."}',
    ]), encoding="utf-8")
    items = _items(path)
    assert [a.id for a in items if isinstance(a, Article)] == ["ok1", "ok2"]
    errors = {e.source: e.problem for e in items if isinstance(e, InputError)}
    assert set(errors) == {f"{path}:2", f"{path}:3 (id nodate)", f"{path}:4 (id notext)",
                           f"{path}:5"}
    assert "not JSON" in errors[f"{path}:2"]
    assert "2016-02-30" in errors[f"{path}:3 (id nodate)"]
    assert "no 'text' or 'html'" in errors[f"{path}:4 (id notext)"]


def test_ingest_missing_path_is_an_error_not_a_crash() -> None:
    [error] = _items("/no/such/file.txt")
    assert isinstance(error, InputError) and "no such file" in error.problem
