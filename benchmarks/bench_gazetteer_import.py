"""Cost of `conflictmap gazetteer import`: rows per second and index bytes per row.

    python benchmarks/bench_gazetteer_import.py [--rows 100000] [--alternate 100000]

Writes a main table of ROWS villages in GeoNames' 19-column format (invented names, spread
over one country, population 0 as most villages have) and an alternateNames table of
ALTERNATE spellings of them, imports both into an empty index, and prints rows/s, seconds
and the index size per row, then what that rate means for a country file of 50,000 rows,
allCountries (about 13 million rows) and alternateNamesV2 (about 18 million rows).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from conflictmap.gazetteer import import_geonames

ALL_COUNTRIES_ROWS = 13_000_000
ALTERNATE_V2_ROWS = 18_000_000
COUNTRY_ROWS = 50_000


def _name(rng: random.Random) -> str:
    syllables = ["kaf", "ra", "tal", "bir", "ain", "deir", "mar", "jab", "sha", "hum", "nab"]
    return " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).title()
                    for _ in range(rng.randint(1, 2)))


def write_tables(folder: Path, rows: int, alternate: int) -> tuple[Path, Path]:
    rng = random.Random(14)
    main, alt = folder / "XX.txt", folder / "alternateNamesV2.txt"
    with open(main, "w", encoding="utf-8") as fh:
        for i in range(rows):
            name = _name(rng)
            cols = [str(10_000_000 + i), name, name, f"{name}a,{name}e",
                    f"{rng.uniform(32, 37):.5f}", f"{rng.uniform(35, 42):.5f}", "P", "PPL",
                    "SY", "", f"{rng.randint(1, 14):02d}", "", "", "", "0", "", "300",
                    "Asia/Damascus", "2024-01-01"]
            fh.write("\t".join(cols) + "\n")
    with open(alt, "w", encoding="utf-8") as fh:
        for i in range(alternate):
            fh.write(f"{i}\t{10_000_000 + rng.randrange(rows)}\ten\t{_name(rng)}\t\t\t\t\t\t\n")
    return main, alt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--alternate", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        main_table, alt_table = write_tables(folder, args.rows, args.alternate)
        index = folder / "gaz.sqlite"
        started = time.perf_counter()
        import_geonames(index, main_table)
        main_s = time.perf_counter() - started
        size = index.stat().st_size
        started = time.perf_counter()
        import_geonames(index, alt_table)
        alt_s = time.perf_counter() - started
        alt_size = index.stat().st_size - size
    rate, alt_rate = args.rows / main_s, args.alternate / alt_s
    print(f"main table: {args.rows} rows in {main_s:.1f} s = {rate:,.0f} rows/s, "
          f"{size / args.rows:.0f} index bytes per row")
    print(f"alternate names: {args.alternate} rows in {alt_s:.1f} s = {alt_rate:,.0f} rows/s, "
          f"{alt_size / args.alternate:.0f} index bytes per row")
    print(f"=> a country file of {COUNTRY_ROWS:,} rows: {COUNTRY_ROWS / rate:.0f} s, "
          f"{COUNTRY_ROWS * size / args.rows / 1e6:.0f} MB")
    minutes = ALL_COUNTRIES_ROWS / rate / 60
    print(f"=> allCountries ({ALL_COUNTRIES_ROWS:,} rows): {minutes:.0f} min, "
          f"{ALL_COUNTRIES_ROWS * size / args.rows / 1e9:.1f} GB")
    print(f"=> alternateNamesV2 ({ALTERNATE_V2_ROWS:,} rows, most for places not imported "
          f"and skipped faster): at most {ALTERNATE_V2_ROWS / alt_rate / 60:.0f} min, "
          f"{ALTERNATE_V2_ROWS * alt_size / args.alternate / 1e9:.1f} GB")


if __name__ == "__main__":
    main()
