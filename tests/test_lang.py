"""Language data: one folder per language, one cached loader, no word tables in rule code."""

from __future__ import annotations

import doctest
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

import conflictmap.lang
from conflictmap import lang
from conflictmap.errors import InputError
from conflictmap.model import Article
from conflictmap.nlp import is_boilerplate_paragraph
from testpaths import REPO

SRC = REPO / "src" / "conflictmap"
LANG_EN = SRC / "lang" / "en"
REFERENCE = re.compile(r'(?:EN|language)\.(words|sequence|mapping|numbers|rows|pattern)\("(\w+)"')

# Tables of strings that stay in code: none is a word list of the language.
ALLOWED = {
    ("actions/extract.py", "SEIZE_CODES"): "sub-event key -> PLOVER/CAMEO codes (taxonomy)",
    ("actions/lexicon.py", "SUB_EVENTS"): "ACLED's own event and sub-event type names",
    ("actions/triggers.py", "INSTRUMENT_ORDER"): "ranking of internal instrument keys",
    ("actors/detect.py", "KIND_ORDER"): "internal mention kinds, strongest first",
    ("actors/detect.py", "FOCUS_WEIGHT"): "weights of internal mention kinds",
    ("actors/entries.py", "GENERICS"): "ACLED generic actor names by actor kind",
    ("actors/entries.py", "NON_STATE_TYPES"): "actor types of the knowledge base (taxonomy)",
    ("actors/kb.py", "TYPE_INTER"): "actor type -> ACLED inter code (taxonomy)",
    ("actors/loader.py", "ACTOR_TYPES"): "actor types a user file may use (taxonomy)",
    ("api/lookup.py", "KB_FIELDS"): "field names of the API's actor records",
    ("evaluation/__init__.py", "KINDS"): "names of the evaluation kinds",
    ("evaluation/articles.py", "score"): "column names of a report table",
    ("evaluation/events.py", "score"): "column names of a report table",
    ("evaluation/plover.py", "_report"): "column names of a report table",
    ("formats.py", "row"): "field names of the flat record",
    ("gazetteer/geonames.py", "_NOT_NAMES"): "GeoNames alternate-name codes (not names)",
    ("registry.py", "INPUT_FIELDS"): "Article field names",
    ("stages/finalize.py", "make_finalize"): "the Article fields the stage declares it reads",
}


def _scanner() -> ModuleType:
    path = REPO / "scripts" / "find_word_tables.py"
    spec = importlib.util.spec_from_file_location("find_word_tables", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_lang_no_word_table_or_large_regex_in_code() -> None:
    finds = [f for f in _scanner().scan(SRC, words=True) if not f.path.startswith("lang/")]
    unexpected = [f"{f.path}:{f.line} ({f.kind} of {f.size} in {f.name})" for f in finds
                  if (f.path, f.name) not in ALLOWED or f.kind == "regex"]
    assert not unexpected, ("word tables belong in src/conflictmap/lang/en/ "
                            f"(docs/rules.md): {unexpected}")


def test_lang_scanner_finds_a_word_table_and_a_regex(tmp_path: Path) -> None:
    (tmp_path / "rule.py").write_text(
        'import re\nHEDGES = {"may", "might", "could", "would", "perhaps", "possibly"}\n'
        'DEPS = ("nsubj", "dobj", "pobj", "prep", "amod", "compound")\n'
        'P = re.compile(r"\\b(?:killed|wounded|injured|shot dead|died|slain|massacred)\\b\\s+")\n')
    finds = _scanner().scan(tmp_path, words=True)
    assert [(f.kind, f.name) for f in finds] == [("table", "HEDGES"), ("regex", "P")]


def test_lang_allow_list_has_no_stale_entries() -> None:
    found = {(f.path, f.name) for f in _scanner().scan(SRC, words=True)}
    assert set(ALLOWED) <= found


def _references() -> set[tuple[str, str]]:
    refs = set()
    for path in SRC.rglob("*.py"):
        refs |= set(REFERENCE.findall(path.read_text(encoding="utf-8")))
    return refs


def test_lang_every_reference_has_its_file_and_every_file_is_used() -> None:
    refs = _references()
    files = {p.stem for p in LANG_EN.glob("*.txt")} - {"triggers"}
    patterns = {p.stem for p in (LANG_EN / "patterns").glob("*.txt")}
    assert {name for kind, name in refs if kind != "pattern"} == files
    assert {name for kind, name in refs if kind == "pattern"} == patterns


def test_lang_each_word_class_is_defined_once() -> None:
    contents: dict[frozenset[str], str] = {}
    for path in sorted(LANG_EN.glob("*.txt")):
        rows = frozenset(line for line in path.read_text(encoding="utf-8").split("\n")
                         if line and not line.startswith("#"))
        assert rows not in contents, f"{path.name} repeats {contents.get(rows)}"
        contents[rows] = path.name


def test_lang_load_reads_classes_of_each_kind() -> None:
    en = lang.load("en")
    assert en is lang.load("en") is lang.EN
    assert {"near", "outside"} <= en.words("locative_preps")
    assert en.sequence("month_names")[:2] == ("january", "february")
    assert en.mapping("sector_nouns")["army"] == "MIL"
    assert en.numbers("relative_day_offsets")["yesterday"] == -1
    assert ("party", "party", "OPP", "6") in en.rows("org_heads", 4)
    assert re.search(en.pattern("deictic_days"), "as of today")


def test_lang_unknown_language_names_it() -> None:
    with pytest.raises(InputError, match="language 'xx'.*no language data.*available: en"):
        lang.load("xx")


def test_lang_missing_class_names_the_file() -> None:
    with pytest.raises(InputError, match=r"lang/en/no_such_class\.txt: no such language data"):
        lang.EN.words("no_such_class")


def test_lang_wrong_column_count_names_the_file() -> None:
    with pytest.raises(InputError, match=r"lang/en/org_heads\.txt: row .* has 4 columns, not 3"):
        lang.EN.rows("org_heads", 3)


@pytest.mark.parametrize("code", ["en", "fr", ""])
def test_lang_for_article_reads_english_where_no_folder_exists(code: str) -> None:
    """Articles in other languages are read as English, as before language data existed."""
    assert lang.for_article(Article(id="a", text="t", language=code)) is lang.EN


def test_lang_boilerplate_uses_the_language_patterns() -> None:
    assert is_boilerplate_paragraph("Also read: IS retakes Palmyra", lang.EN)
    assert not is_boilerplate_paragraph("IS retook Palmyra on Sunday.", lang.EN)


def test_lang_docstring_example_runs() -> None:
    result = doctest.testmod(conflictmap.lang)
    assert result.attempted > 0 and result.failed == 0
