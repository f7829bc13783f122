"""A lake after a known simulated week, shared by the report and other-engines tests: the README's
main command on an embedded stack of the tests' own (free ports, a temporary data home, 10 assets)."""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "dags" / "tests"))

from embedded_stack import run_cli, start  # noqa: E402

WEEK = ("2026-11-01", "2026-11-07")
DAYS = 7
TABLES = {"silver.asset_snapshots", "silver.assets", "silver.rejected_records", "gold.fct_asset_daily",
          "gold.market_daily", "gold.dim_asset", "audit.quality_checks"}


@pytest.fixture(scope="session")
def lake(tmp_path_factory):
    """The stack's environment once './coinlake run' has built every layer for the week."""
    env = start(tmp_path_factory.mktemp("coinlake-lake"))
    try:
        result = run_cli(env, "run", "--from", WEEK[0], "--to", WEEK[1])
        assert result.returncode == 0, result.stderr[-5000:]
        env["COINLAKE_RUN_OUTPUT"] = result.stdout
        yield env
    finally:
        run_cli(env, "down", timeout=300)


def sql(env, query: str) -> list[dict[str, str]]:
    """Rows of './coinlake sql', each a dict of the printed cells; NULL is None."""
    result = run_cli(env, "sql", "--max-rows", "100000", query)
    assert result.returncode == 0, result.stderr[-5000:]
    lines = result.stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if re.fullmatch(r"-+(-\+-+)*", line))
    header = [cell.strip() for cell in lines[rule - 1].split(" | ")]
    rows = []
    for line in lines[rule + 1:]:
        if re.fullmatch(r"\(\d+ rows?.*\)", line):
            break
        cells = [cell.strip() for cell in line.split(" | ")]
        cells += [""] * (len(header) - len(cells))
        rows.append({name: None if value == "NULL" else value for name, value in zip(header, cells)})
    return rows


def load_duckdb_extensions(con) -> None:
    """DuckDB's httpfs, avro and iceberg extensions from their PyPI wheels (docs/query-with-your-own-tools.md)."""
    for extension in ("httpfs", "avro", "iceberg"):
        module = __import__(f"duckdb_extension_{extension}")
        path = next(Path(module.__path__[0]).glob(f"extensions/*/{extension}.duckdb_extension"))
        con.execute(f"LOAD '{path}'")
