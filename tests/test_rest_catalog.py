"""COINLAKE_CATALOG_TYPE=rest: './coinlake up' starts an Iceberg REST catalog server over the JDBC
catalog, the Spark jobs write and read through it, and DuckDB's ATTACH and PyIceberg's RestCatalog
read the same tables from it, with the snippets of docs/query-with-your-own-tools.md. The JDBC
catalog underneath points at the same metadata files, so the lake survives a change of type."""

import decimal
import json

import pytest
from pyiceberg.catalog.rest import RestCatalog

from conftest import TABLES, duckdb_connection, jdbc_catalog, pyiceberg_s3, run_cli, sql
from embedded_stack import start

DAYS = ("2026-11-01", "2026-11-02")


@pytest.fixture(scope="module")
def rest_lake(tmp_path_factory):
    """A stack of its own with the REST catalog, once './coinlake run' has built two days through it."""
    env = start(tmp_path_factory.mktemp("coinlake-rest"), {"COINLAKE_CATALOG_TYPE": "rest"})
    try:
        result = run_cli(env, "run", "--from", DAYS[0], "--to", DAYS[1])
        assert result.returncode == 0, result.stderr[-5000:]
        yield env
    finally:
        run_cli(env, "down", timeout=300)


def rest_catalog(env):
    # docs/query-with-your-own-tools.md, "Through the REST catalog": PyIceberg
    return RestCatalog("lake", uri=f"http://127.0.0.1:{env['COINLAKE_REST_CATALOG_PORT']}", **pyiceberg_s3(env))


def attached_duckdb(env):
    # docs/query-with-your-own-tools.md, "Through the REST catalog": DuckDB
    con = duckdb_connection(env)
    con.execute(f"""ATTACH 'lake' AS lake (TYPE iceberg, ENDPOINT 'http://127.0.0.1:{env['COINLAKE_REST_CATALOG_PORT']}',
                    AUTHORIZATION_TYPE 'none')""")
    return con


@pytest.fixture(scope="module")
def spark_counts(rest_lake):
    """Row counts and gold.market_daily's decimal sum as the Spark jobs read them through the REST catalog."""
    query = " union all ".join(f"select '{table}' as t, cast(count(*) as string) as v from {table}" for table in sorted(TABLES))
    query += " union all select 'cap', cast(sum(total_market_cap_usd) as string) from gold.market_daily"
    return {row["t"]: row["v"] for row in sql(rest_lake, query)}


def test_up_starts_the_rest_catalog_server_and_status_reports_it(rest_lake):
    status = run_cli(rest_lake, "status", "--json")
    assert status.returncode == 0, status.stderr[-5000:]
    service = json.loads(status.stdout)["services"]["rest-catalog"]
    assert service["state"] == "running"
    assert service["address"] == f"http://127.0.0.1:{rest_lake['COINLAKE_REST_CATALOG_PORT']}"
    check = run_cli(rest_lake, "check", "catalog")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "7 tables, metadata readable" in check.stdout


def test_the_spark_jobs_built_every_day_through_the_rest_catalog(spark_counts):
    assert int(spark_counts["gold.market_daily"]) == len(DAYS)
    assert int(spark_counts["silver.asset_snapshots"]) == 10 * len(DAYS)


def test_duckdb_attaches_the_rest_catalog_and_reads_what_spark_reads(rest_lake, spark_counts):
    con = attached_duckdb(rest_lake)
    tables = {f"{schema}.{name}" for schema, name in con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = 'lake'").fetchall()}
    assert tables == TABLES
    for table in sorted(TABLES):
        assert con.execute(f"select count(*) from lake.{table}").fetchone()[0] == int(spark_counts[table]), table
    assert con.execute("select sum(total_market_cap_usd) from lake.gold.market_daily").fetchone()[0] \
        == decimal.Decimal(spark_counts["cap"])


def test_pyiceberg_rest_catalog_reads_what_spark_reads(rest_lake, spark_counts):
    catalog = rest_catalog(rest_lake)
    for table in sorted(TABLES):
        assert catalog.load_table(table).scan().to_arrow().num_rows == int(spark_counts[table]), table
    caps = catalog.load_table("gold.market_daily").scan(selected_fields=("total_market_cap_usd",)).to_arrow()
    with decimal.localcontext(decimal.Context(prec=76)):
        assert sum(caps.column("total_market_cap_usd").to_pylist(), decimal.Decimal(0)) == decimal.Decimal(spark_counts["cap"])


def test_the_jdbc_catalog_underneath_holds_the_same_tables(rest_lake):
    jdbc = jdbc_catalog(rest_lake)
    rest = rest_catalog(rest_lake)
    for table in sorted(TABLES):
        assert jdbc.load_table(table).metadata_location == rest.load_table(table).metadata_location, table
