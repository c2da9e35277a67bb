"""Decision tables: coding choices as rows of data, first matching row wins."""

from __future__ import annotations

import doctest

import pytest

import conflictmap.actions.decisions
from conflictmap.actions.decisions import load_table, parse_table
from conflictmap.errors import ConfigError

TABLE = ("# a comment line\n"
         "target\tactor\tcameo\t->\tsub_event\n"
         "protester\t*\t*\t->\texcessive\n"
         "state|nonstate\t-\t*\t->\tclash\n"
         "*\t*\t18*|202\t->\tattack\n"
         "*\t*\t*\t->\tother\n")


@pytest.mark.parametrize(("facts", "answer"), [
    ({"target": "protester", "actor": "state", "cameo": "180"}, "excessive"),  # first row wins
    ({"target": "nonstate", "actor": None, "cameo": "190"}, "clash"),  # alternatives, unknown
    ({"target": "nonstate", "actor": "state", "cameo": "190"}, "other"),  # '-' is only unknown
    ({"target": None, "actor": None, "cameo": "183"}, "attack"),  # prefix
    ({"target": None, "actor": None, "cameo": "202"}, "attack"),
    ({"target": None, "actor": None, "cameo": "2021"}, "other"),  # an exact value is exact
])
def test_decisions_first_matching_row_answers(facts: dict[str, str | None], answer: str) -> None:
    assert parse_table(TABLE, name="t").decide(**facts) == answer


def test_decisions_yes_no_facts() -> None:
    table = parse_table("calm\t->\tanswer\nyes\t->\tpeaceful\nno\t->\tviolent\n", name="t")
    assert (table.decide(calm=True), table.decide(calm=False)) == ("peaceful", "violent")


@pytest.mark.parametrize(("text", "problem"), [
    ("target\tsub_event\nx\ty\n", "'bad': the header needs `->`"),
    ("target\t->\tsub_event\nx\t->\n", "'bad' line 2: 2 cells, the header has 3"),
])
def test_decisions_malformed_table_names_table_and_line(text: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        parse_table(text, name="bad")


def test_decisions_wrong_facts_and_no_match_are_errors() -> None:
    table = parse_table("target\t->\tanswer\ncivilian\t->\tattack\n", name="t")
    with pytest.raises(ConfigError, match="tests target; got actor"):
        table.decide(actor="state")
    with pytest.raises(ConfigError, match="no row matches"):
        table.decide(target="state")


@pytest.mark.parametrize(("facts", "answer"), [
    ({"target": "protester", "actor": "state", "cameo": "190"}, "excessive"),
    ({"target": None, "actor": "rioter", "cameo": "190"}, "mob"),
    ({"target": None, "actor": "protester", "cameo": "145"}, "violent_demo"),
    ({"target": "civilian", "actor": "nonstate", "cameo": "190"}, "attack"),
    ({"target": "state", "actor": None, "cameo": "180"}, "clash"),
    ({"target": None, "actor": "state", "cameo": "195"}, "clash"),
    ({"target": None, "actor": None, "cameo": "181"}, "attack"),
    ({"target": None, "actor": None, "cameo": "190"}, "clash"),
])
def test_decisions_shipped_violence_table(facts: dict[str, str | None], answer: str) -> None:
    assert load_table("acled_violence").decide(**facts) == answer


@pytest.mark.parametrize(("facts", "answer"), [
    ({"non_violent": True, "kind": "state", "foreign": False, "gov_verb": True}, "nv_territory"),
    ({"non_violent": False, "kind": "state", "foreign": True, "gov_verb": True},
     "nsa_territory"),
    ({"non_violent": False, "kind": "state", "foreign": False, "gov_verb": False},
     "gov_territory"),
    ({"non_violent": False, "kind": None, "foreign": False, "gov_verb": True}, "gov_territory"),
    ({"non_violent": False, "kind": None, "foreign": False, "gov_verb": False},
     "nsa_territory"),
    ({"non_violent": False, "kind": "nonstate", "foreign": False, "gov_verb": True},
     "nsa_territory"),
])
def test_decisions_shipped_territory_table(facts: dict[str, str | bool | None],
                                           answer: str) -> None:
    assert load_table("acled_territory").decide(**facts) == answer


def test_decisions_docstring_example_runs() -> None:
    result = doctest.testmod(conflictmap.actions.decisions)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("inter", "kind", "answer"), [
    (1, "", "state"), (None, "police", "state"), (7, "", "civilian"),
    (None, "civilians", "civilian"), (6, "", "protester"), (None, "rioters", "protester"),
    (3, "", "nonstate"), (None, "armed group", "nonstate"), (1, "rebel", "state"),
    (None, "ngo", "-"), (None, "", "-"),
])
def test_decisions_shipped_actor_kind_table(inter: int | None, kind: str, answer: str) -> None:
    assert load_table("actor_kind").decide(inter=inter, type=kind) == answer
