"""Other engines read the lake as it is, with the snippets of docs/query-with-your-own-tools.md:
PyIceberg through the SQLite catalog, DuckDB through iceberg_scan on each table's metadata file,
boto3 on bronze. Every table's row count and the exact sum of every decimal column agree with
Spark's ('./coinlake sql'), and so do gold.market_daily's decimals row by row; bronze's objects,
bytes and records per date agree with './coinlake status'."""

import decimal
import json

import boto3
import pytest

from conftest import DAYS, TABLES, duckdb_connection, jdbc_catalog, run_cli, sql


def bronze_client(env):
    # docs/query-with-your-own-tools.md, "Bronze with boto3"
    return boto3.client("s3", endpoint_url=f"http://127.0.0.1:{env['COINLAKE_S3_PORT']}", region_name="us-east-1",
                        aws_access_key_id="coinlake", aws_secret_access_key="coinlake-local-secret")


@pytest.fixture(scope="module")
def engines(lake):
    lake_catalog = jdbc_catalog(lake)
    tables = {f"{namespace[0]}.{name[1]}" for namespace in lake_catalog.list_namespaces()
              for name in lake_catalog.list_tables(namespace)}
    assert tables == TABLES, "a new table? add it to TABLES and to docs/query-with-your-own-tools.md"
    loaded = {name: lake_catalog.load_table(name) for name in sorted(TABLES)}
    decimals = {name: [field.name for field in table.schema().fields if str(field.field_type).startswith("decimal")]
                for name, table in loaded.items()}
    return loaded, decimals, duckdb_connection(lake)


@pytest.fixture(scope="module")
def spark_figures(lake, engines):
    """Row counts and decimal sums of every table in one './coinlake sql' (one Spark JVM)."""
    _, decimals, _ = engines
    parts = []
    for table in sorted(TABLES):
        parts.append(f"select '{table}' as t, '' as c, cast(count(*) as string) as v from {table}")
        parts += [f"select '{table}', '{column}', cast(sum({column}) as string) from {table}" for column in decimals[table]]
    return {(row["t"], row["c"]): row["v"] for row in sql(lake, " union all ".join(parts))}


def test_every_table_has_spark_row_count_in_pyiceberg_and_duckdb(engines, spark_figures):
    loaded, _, con = engines
    for name, table in loaded.items():
        expected = int(spark_figures[(name, "")])
        assert table.scan().to_arrow().num_rows == expected, name
        assert con.execute(f"select count(*) from iceberg_scan('{table.metadata_location}')").fetchone()[0] == expected, name
    assert int(spark_figures[("gold.market_daily", "")]) == DAYS


def test_every_decimal_column_sums_to_the_same_exact_value_in_each_engine(engines, spark_figures):
    loaded, decimals, con = engines
    compared = 0
    for name, table in loaded.items():
        arrow = table.scan().to_arrow()
        for column in decimals[name]:
            spark = spark_figures[(name, column)]
            expected = None if spark is None else decimal.Decimal(spark)
            with decimal.localcontext(decimal.Context(prec=76)):
                values = [v for v in arrow.column(column).to_pylist() if v is not None]
                pyiceberg = sum(values, decimal.Decimal(0)) if values else None
            duck = con.execute(f"select sum({column}) from iceberg_scan('{table.metadata_location}')").fetchone()[0]
            assert (pyiceberg, duck) == (expected, expected), f"{name}.{column}"
            compared += 1
    assert compared >= 20


def test_market_daily_reads_the_same_decimals_row_by_row(lake, engines):
    loaded, _, con = engines
    table = loaded["gold.market_daily"]
    spark = [(row["day"], decimal.Decimal(row["total_market_cap_usd"]), decimal.Decimal(row["total_volume_usd_24h"]))
             for row in sql(lake, "select day, total_market_cap_usd, total_volume_usd_24h from gold.market_daily order by day")]
    arrow = table.scan(selected_fields=("day", "total_market_cap_usd", "total_volume_usd_24h")).to_arrow()
    arrow = arrow.sort_by("day")
    pyiceberg = list(zip([d.isoformat() for d in arrow.column("day").to_pylist()],
                         arrow.column("total_market_cap_usd").to_pylist(), arrow.column("total_volume_usd_24h").to_pylist()))
    duck = [(d.isoformat(), cap, volume) for d, cap, volume in con.execute(
        f"select day, total_market_cap_usd, total_volume_usd_24h from iceberg_scan('{table.metadata_location}') order by day").fetchall()]
    assert pyiceberg == spark
    assert duck == spark
    assert len(spark) == DAYS


def test_boto3_finds_the_bronze_objects_bytes_and_records_that_status_reports(lake):
    status = run_cli(lake, "status", "--json")
    assert status.returncode == 0, status.stderr[-5000:]
    expected = json.loads(status.stdout)["bronze"]["dates"]
    assert len(expected) == DAYS
    s3 = bronze_client(lake)
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket="coinlake", Prefix="bronze/coincap.assets.raw/"):
        for item in page.get("Contents", []):
            date = item["Key"].split("/dt=")[1].split("/")[0]
            lines = s3.get_object(Bucket="coinlake", Key=item["Key"])["Body"].read().decode().splitlines()
            day = found.setdefault(date, {"objects": 0, "bytes": 0, "records": {}})
            day["objects"] += 1
            day["bytes"] += item["Size"]
            for line in lines:
                envelope = json.loads(line)
                day["records"][envelope["runId"]] = day["records"].get(envelope["runId"], 0) + (envelope["type"] == "asset")
    assert sorted(found) == sorted(expected)
    for date, day in expected.items():
        run = day["latestRun"]
        assert (found[date]["objects"], found[date]["bytes"]) == (day["objects"], day["bytes"]), date
        assert found[date]["records"][run["runId"]] == run["records"] > 0, date
