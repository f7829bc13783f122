"""A lake after a known simulated week, shared by the report and other-engines tests: the README's
main command on an embedded stack of the tests' own (free ports, a temporary data home, 10 assets)."""

import re
import sys
from pathlib import Path

import duckdb
import pytest
from pyiceberg.catalog.sql import SqlCatalog

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


def pyiceberg_s3(env) -> dict[str, str]:
    """PyIceberg's properties for the stack's S3 store (docs/query-with-your-own-tools.md, "PyIceberg")."""
    return {
        "s3.endpoint": f"http://127.0.0.1:{env['COINLAKE_S3_PORT']}",
        "s3.access-key-id": "coinlake",
        "s3.secret-access-key": "coinlake-local-secret",
        "s3.region": "us-east-1",
    }


def jdbc_catalog(env):
    """The lake's SQLite catalog through PyIceberg (docs/query-with-your-own-tools.md, "PyIceberg")."""
    return SqlCatalog("lake", uri=f"sqlite:///{env['COINLAKE_HOME']}/catalog/iceberg.db", **pyiceberg_s3(env))


def duckdb_connection(env):
    """DuckDB with its httpfs, avro and iceberg extensions loaded from their PyPI wheels and the
    stack's S3 store as a secret (docs/query-with-your-own-tools.md, "DuckDB")."""
    con = duckdb.connect()
    for extension in ("httpfs", "avro", "iceberg"):
        module = __import__(f"duckdb_extension_{extension}")
        path = next(Path(module.__path__[0]).glob(f"extensions/*/{extension}.duckdb_extension"))
        con.execute(f"LOAD '{path}'")
    con.execute(f"""CREATE SECRET lake_s3 (TYPE s3, KEY_ID 'coinlake', SECRET 'coinlake-local-secret', REGION 'us-east-1',
                    ENDPOINT '127.0.0.1:{env['COINLAKE_S3_PORT']}', URL_STYLE 'path', USE_SSL false)""")
    return con
