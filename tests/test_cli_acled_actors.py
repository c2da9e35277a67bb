"""ACLED's actor names and inter codes in the ACLED CSV, as a user exports them (issue 13)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "conflictmap"]
TEXT = ("Regime forces backed by Russian air support regained control of the town of Saraqib "
        "in Idlib from rebels on Thursday.\n\n"
        "Gunmen killed three villagers near Jos in Plateau State on Friday, residents said.")


def acled_rows(text: str, published: str) -> list[dict[str, str]]:
    proc = subprocess.run([*CLI, "extract", "-", "--published", published, "--format",
                           "acled-csv"], input=text, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    return list(csv.DictReader(io.StringIO(proc.stdout)))


def test_acled_csv_names_generic_actors_with_their_inter_codes() -> None:
    rows = {r["sub_event_type"]: r for r in acled_rows(TEXT, "2020-02-08")}
    taken = rows["Government regains territory"]
    assert (taken["actor1"], taken["inter1"]) == ("Military Forces of Syria (2000-2024)", "1")
    assert taken["assoc_actor_1"] == "Military Forces of Russia (2000-)"
    assert (taken["actor2"], taken["inter2"]) == ("Opposition Rebels (Syria)", "2")
    attack = rows["Attack"]
    assert (attack["actor1"], attack["inter1"]) == ("Unidentified Armed Group (Nigeria)", "3")
    assert (attack["actor2"], attack["inter2"]) == ("Civilians (Nigeria)", "7")
    assert attack["civilian_targeting"] == "Civilian targeting"
