"""The command line as a user types it: global options anywhere, progress on a terminal,
one warning for undated inputs, --version, shell completion, and the README's first line."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import shlex
import struct
import subprocess
import sys
import termios
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import make_article, make_event, store_url_for

from conflictmap.cli import main
from conflictmap.storage import EventFilter, open_store
from conflictmap.dedup import add_article
from testpaths import DATA, REPO

SRC = str(REPO / "src")
UNDATED = "Islamic State fighters captured Palmyra on Sunday, a monitor said.\n"
DATED = "Islamic State fighters captured Palmyra on 11 December 2016, a monitor said.\n"


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m conflictmap ARGS` as a user runs it (stderr a pipe, not a terminal)."""
    full_env = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    return subprocess.run([sys.executable, "-m", "conflictmap", *args], capture_output=True,
                          text=True, env=full_env, timeout=600)


def on_terminal(*args: str) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal (120 columns); its exit code and stderr."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    proc = subprocess.run([sys.executable, "-m", "conflictmap", *args], stderr=slave,
                          stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": SRC},
                          timeout=600)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: everything is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def _store_with_two_dates(url: str) -> None:
    """Three events in three places: one dated by its article (published 2016-12-14, so
    stored as 2016-12-11..14), one on 2016-12-12, one in March 2016."""
    st = open_store(url)
    add_article(st, make_article("pub", [make_event(
        "pub", date="2016-12-14", precision="article", event_id="by-article",
        place=("Homs", 169577, 34.7308, 36.7094),
        text="Fighting went on near Aleppo, residents said.")]))
    add_article(st, make_article("day", [make_event(
        "day", date="2016-12-12", event_id="by-day", sub="Air/drone strike",
        event_type="Explosions/Remote violence", place=("Aleppo", 170063, 36.2021, 37.1343),
        text="Army and rebels clashed in Aleppo on Monday.")]))
    add_article(st, make_article("old", [make_event(
        "old", date="2016-03", precision="month", event_id="by-month",
        text="Army and rebels clashed in Aleppo in March.")]))
    st.close()


def _leaf_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _leaf_commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


# -- 1. global options before or after the command -----------------------------------------

@pytest.mark.parametrize("path", _leaf_commands(main), ids=" ".join)
def test_usage_every_command_help_shows_the_global_options(path: tuple[str, ...]) -> None:
    res = CliRunner().invoke(main, [*path, "--help"], prog_name="conflictmap")
    assert res.exit_code == 0
    for option in ("--db URL", "--config FILE", "-v, --verbose", "-q, --quiet"):
        assert option in res.output, f"{' '.join(path)} --help lacks {option}"


def test_usage_db_after_the_command_reads_the_same_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    _store_with_two_dates(url)
    before = CliRunner().invoke(main, ["--db", url, "events", "--format", "jsonl"])
    after = CliRunner().invoke(main, ["events", "--format", "jsonl", "--db", url])
    assert before.exit_code == after.exit_code == 0
    assert len(after.stdout.splitlines()) == 3
    assert after.stdout == before.stdout


def test_usage_db_after_the_command_wins_over_the_environment(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    _store_with_two_dates(url)
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    res = CliRunner().invoke(main, ["events", "--db", url], env={"CONFLICTMAP_DB": empty})
    assert res.exit_code == 0
    assert "3 of 3 events" in res.stderr


def test_usage_config_after_the_command_is_read(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    _store_with_two_dates(url)
    cfg = tmp_path / "team.toml"
    cfg.write_text(f'[store]\nurl = "{url}"\n', encoding="utf-8")
    res = CliRunner().invoke(main, ["events", "--format", "jsonl", "--config", str(cfg)])
    assert res.exit_code == 0
    assert {json.loads(x)["id"] for x in res.stdout.splitlines()} == {
        "by-article", "by-day", "by-month"}


def test_usage_a_bad_config_after_the_command_is_a_clear_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["events", "--config", str(tmp_path / "missing.toml")])
    assert res.exit_code != 0
    assert "missing.toml: cannot read config file" in res.output


def test_usage_verbose_and_quiet_after_the_command(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    _store_with_two_dates(url)
    quiet = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", url, "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert len(quiet.stdout.splitlines()) == 3
    loud = CliRunner().invoke(main, ["export", "--format", "jsonl", "--db", url])
    assert "3 events exported" in loud.stderr


@pytest.mark.slow
def test_usage_ingest_with_db_after_the_inputs(tmp_path: Path) -> None:
    """The issue's own example: `conflictmap ingest FILE --db URL`, with -v after it."""
    article = tmp_path / "palmyra.txt"
    article.write_text(DATED, encoding="utf-8")
    db = tmp_path / "events.db"
    res = cli("ingest", str(article), "--db", f"sqlite:///{db}", "-v")
    assert res.returncode == 0, res.stderr
    assert f"input {article}: article" in res.stderr  # -v: each input
    assert "stage timing: nlp" in res.stderr  # -v: stage timing
    assert "1 new" in res.stderr
    stored = open_store(f"sqlite:///{db}")
    try:
        assert stored.count_events(EventFilter()) >= 1
    finally:
        stored.close()


# -- 2. progress on a terminal only ---------------------------------------------------------

@pytest.mark.slow
def test_usage_ingest_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'events.db'}"
    rc, err = on_terminal("ingest", str(DATA / "inputs" / "articles.jsonl"), "--db", db)
    assert rc in (0, 1), err
    assert "ingest: " in err and "articles/s" in err  # count and rate
    rc, err = on_terminal("-q", "ingest", str(DATA / "inputs" / "articles.jsonl"), "--db", db)
    assert "articles/s" not in err and "unchanged articles" not in err


@pytest.mark.slow
def test_usage_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    res = cli("ingest", str(DATA / "inputs" / "articles.jsonl"), "--db",
              f"sqlite:///{tmp_path / 'events.db'}")
    assert "articles/s" not in res.stderr and "\r" not in res.stderr
    assert "new, 0 replaced" in res.stderr


def test_usage_gazetteer_import_shows_rows_on_a_terminal(tmp_path: Path) -> None:
    index = tmp_path / "gaz.sqlite"
    rc, err = on_terminal("gazetteer", "import", str(DATA / "gazetteer" / "SY-sample.txt"),
                          "--path", str(index))
    assert rc == 0, err
    assert "rows/s" in err and "SY-sample.txt: 11 rows" in err
    assert "imported" in err and index.exists()


@pytest.mark.slow
def test_usage_first_run_index_build_says_what_it_does(tmp_path: Path) -> None:
    res = cli("gazetteer", "import", str(DATA / "gazetteer" / "SY-sample.txt"),
              env={"CONFLICTMAP_HOME": str(tmp_path)})
    assert res.returncode == 0, res.stderr
    assert f"building the place index at {tmp_path / 'gazetteer.sqlite'} (first use" \
        in res.stderr
    assert "place index built in" in res.stderr


# -- 3. one warning for inputs with no publication date -------------------------------------

@pytest.mark.slow
def test_usage_undated_inputs_get_one_warning_naming_them(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(UNDATED, encoding="utf-8")
    (tmp_path / "c.txt").write_text(DATED, encoding="utf-8")
    res = cli("extract", str(tmp_path))
    assert res.returncode == 0
    warnings = [x for x in res.stderr.splitlines() if x.startswith("warning:")]
    assert len(warnings) == 1
    assert "3 inputs had no publication date" in warnings[0]
    assert str(tmp_path / "a.txt") in warnings[0] and str(tmp_path / "b.txt") in warnings[0]
    assert "--published" in warnings[0] and "null" in warnings[0]
    dates = {json.loads(x)["evidence"]["text"][-25:]: json.loads(x)["date"]
             for x in res.stdout.splitlines()}
    assert None in dates.values() and "2016-12-11" in dates.values()
    dated = cli("extract", str(tmp_path), "--published", "2016-12-12")
    assert dated.returncode == 0 and "warning:" not in dated.stderr


# -- 5. events newest first by the date shown -----------------------------------------------

@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_usage_events_newest_first_by_the_date_shown(kind: str, tmp_path: Path) -> None:
    with store_url_for(kind, tmp_path) as url:
        _store_with_two_dates(url)
        _check_event_order(url)


def _check_event_order(url: str) -> None:
    res = CliRunner().invoke(main, ["events", "--db", url])
    dates = [line.split()[0] for line in res.stdout.splitlines()[1:]]
    assert dates == ["2016-12-14", "2016-12-12", "2016-03"]
    oldest = CliRunner().invoke(main, ["events", "--db", url, "--sort", "oldest"])
    assert [line.split()[0] for line in oldest.stdout.splitlines()[1:]] == [
        "2016-03", "2016-12-12", "2016-12-14"]
    bad = CliRunner().invoke(main, ["events", "--db", url, "--sort", "sideways"])
    assert bad.exit_code == 2 and "sideways" in bad.output


# -- 7. --version and shell completion ------------------------------------------------------

def test_usage_version() -> None:
    from importlib.metadata import version

    res = cli("--version")
    assert res.returncode == 0
    assert res.stdout.strip() == f"conflictmap {version('conflictmap')}"


def test_usage_completion_script_and_completions() -> None:
    script = cli("completion", "bash")
    assert script.returncode == 0
    assert "_CONFLICTMAP_COMPLETE=bash_complete" in script.stdout
    assert "complete -o nosort -F _conflictmap_completion conflictmap" in script.stdout
    words = cli(env={"_CONFLICTMAP_COMPLETE": "bash_complete",
                     "COMP_WORDS": "conflictmap ev", "COMP_CWORD": "1"})
    assert words.stdout.split() == ["plain,eval", "plain,events"]
    options = cli(env={"_CONFLICTMAP_COMPLETE": "bash_complete",
                       "COMP_WORDS": "conflictmap events --so", "COMP_CWORD": "2"})
    assert options.stdout.split() == ["plain,--sort"]
    fish = cli("completion", "fish")
    assert "_CONFLICTMAP_COMPLETE=fish_complete" in fish.stdout


# -- 6. the README's first line, as written -------------------------------------------------

def _readme_first_command() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = text.split("```bash\n", 1)[1].split("```", 1)[0]
    return block.splitlines()[0].split("#", 1)[0].strip()


@pytest.mark.slow
def test_usage_readme_first_line_puts_conflictmap_on_path(tmp_path: Path) -> None:
    """After `bash scripts/setup.sh` (scripts/test.sh has run it), the rest of the README's
    first line runs as written and leaves `conflictmap` callable for the examples."""
    setup, rest = _readme_first_command().split(" && ", 1)
    assert setup == "bash scripts/setup.sh"
    if not (REPO / ".venv" / "bin" / "activate").exists():
        pytest.skip("no .venv in the checkout: run scripts/setup.sh (scripts/test.sh does)")
    assert rest.endswith("conflictmap demo")
    line = rest + " --no-serve && command -v conflictmap && conflictmap --version"
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update({"CONFLICTMAP_DB": f"sqlite:///{tmp_path / 'demo.db'}",
                "PATH": "/usr/local/bin:/usr/bin:/bin"})
    proc = subprocess.run(["bash", "-c", line], cwd=REPO, capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "events" in proc.stdout and "Wad Medani" in proc.stdout
    assert proc.stdout.splitlines()[-2].endswith("/.venv/bin/conflictmap")
    assert proc.stdout.splitlines()[-1].startswith("conflictmap ")


def test_usage_readme_examples_name_real_commands_and_options() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```bash\n")[1:]]
    lines = [x.split("#", 1)[0] for b in blocks for x in b.splitlines()]
    examples = [x[x.index("conflictmap "):] for x in lines
                if "conflictmap " in x and x.lstrip().startswith(("conflictmap ", "cat "))]
    assert len(examples) > 10
    for example in examples:
        words = [w for w in shlex.split(example)[1:] if not w.startswith("[")]
        path = []
        group: click.Command = main
        while words and isinstance(group, click.Group) and words[0] in group.commands:
            group = group.commands[words.pop(0)]
            path.append(group.name or "")
        assert path, f"README example names no command: {example}"
        known = {o for p in group.params for o in getattr(p, "opts", [])}
        for word in words:
            if word.startswith("--"):
                assert word in known, f"README: {example!r} uses unknown option {word}"
