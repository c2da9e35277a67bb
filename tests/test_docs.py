"""Docs that cannot drift: every stage and setting is documented, every default commented."""

from __future__ import annotations

import doctest
import re

import pytest

from conflictmap.config import SETTINGS
from conflictmap.registry import registered_stages
from testpaths import REPO

DOCS = REPO / "docs"


def _builtin_stages() -> list[str]:
    return [name for name, spec in registered_stages().items()
            if spec.factory.__module__.startswith("conflictmap.stages")]


@pytest.mark.parametrize("name", _builtin_stages())
def test_docs_every_registered_stage_has_a_section(name: str) -> None:
    assert f"## `{name}`" in (DOCS / "stages.md").read_text(encoding="utf-8")


def _declared_in_docs(name: str) -> tuple[set[str], set[str]]:
    """The fields the first paragraph of a stage's section says it reads and writes
    (`events.{a, b}` stands for `events.a`, `events.b`)."""
    text = (DOCS / "stages.md").read_text(encoding="utf-8")
    section = text.split(f"## `{name}`\n\n", 1)[1]
    first = " ".join(section.split("\n\n", 1)[0].split())
    reads, writes = first.removeprefix("Reads ").split("; writes ", 1)

    def fields(part: str) -> set[str]:
        out: set[str] = set()
        for code in re.findall(r"`([^`]+)`", part):
            if code.startswith("events.{"):
                out |= {f"events.{f.strip()}" for f in code[8:-1].split(",")}
            else:
                out.add(code)
        return out

    return fields(reads), fields(writes)


@pytest.mark.parametrize("name", _builtin_stages())
def test_docs_every_stage_section_opens_with_its_declaration(name: str) -> None:
    spec = registered_stages()[name]
    assert _declared_in_docs(name) == (set(spec.requires), set(spec.assigns))


@pytest.mark.parametrize("name", [s[0] for s in SETTINGS])
def test_docs_every_setting_is_documented(name: str) -> None:
    assert f"`{name}`" in (DOCS / "settings.md").read_text(encoding="utf-8")


def test_docs_every_default_key_has_a_comment() -> None:
    lines = (REPO / "src" / "conflictmap" / "defaults.toml").read_text().splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\w+\s*=", line):
            assert lines[i - 1].startswith("#"), f"defaults.toml:{i + 1} {line!r} has no comment"


def test_docs_cli_reference_is_generated_from_the_current_help() -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_cli_reference.py"),
                           "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, "docs/cli.md is stale: run scripts/gen_cli_reference.py"


@pytest.mark.parametrize("page", ["rules.md"])
def test_docs_examples_run(page: str) -> None:
    """The `>>>` examples of a docs page give the output the page shows."""
    text = (DOCS / page).read_text(encoding="utf-8")
    text = re.sub(r"(?m)^```\w*$", "", text)  # a fence ends an example's expected output
    test = doctest.DocTestParser().get_doctest(text, {}, page, str(DOCS / page), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.tries > 0
    assert runner.failures == 0, f"docs/{page}: {runner.failures} example(s) fail (see output)"
