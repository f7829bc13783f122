"""
`airflow dags test` of coincap_lakehouse against a real embedded stack (broker, Connect worker,
S3 server) that the test starts on free ports in a data home of its own: bronze, silver and gold
appear for the day, and a second run of the same day changes no table.
"""

from __future__ import annotations

import re
from pathlib import Path

from embedded_stack import run_cli as run

DAY = "2026-11-01"


def current_snapshot(env, table: str) -> str:
    result = run(env, "sql", f"select snapshot_id from {table}.history where is_current_ancestor"
                             " order by made_current_at desc limit 1")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[2]


def test_a_dag_run_builds_every_layer_and_a_rerun_changes_nothing(stack):
    first = run(stack, "airflow", "dags", "test", "coincap_lakehouse", DAY)
    assert first.returncode == 0, first.stderr[-5000:]
    log = first.stdout + first.stderr
    for task in ("produce", "bronze_wait", "silver", "silver_quality", "gold"):
        assert f"[DAG TEST] end task task_id={task}" in log
    assert "state=success" in log

    bronze = Path(stack["COINLAKE_HOME"], "s3/data/coinlake/bronze/coincap.assets.raw", f"dt={DAY}")
    assert sum(len(p.read_text().splitlines()) for p in bronze.glob("*.jsonl")) == 10
    gold = run(stack, "sql", f"select count(*) as n from gold.fct_asset_daily where day = date'{DAY}'")
    assert re.search(r"^10\s*$", gold.stdout, re.MULTILINE), gold.stdout

    tables = ["silver.asset_snapshots", "silver.assets", "gold.fct_asset_daily", "gold.market_daily", "gold.dim_asset"]
    before = {table: current_snapshot(stack, table) for table in tables}
    second = run(stack, "airflow", "dags", "test", "coincap_lakehouse", DAY)
    assert second.returncode == 0, second.stderr[-5000:]
    assert {table: current_snapshot(stack, table) for table in tables} == before
    # The rerun published and landed a second batch: bronze keeps both, silver deduplicated it.
    assert sum(len(p.read_text().splitlines()) for p in bronze.glob("*.jsonl")) == 20
    assert Path(stack["COINLAKE_HOME"], "logs/spark.log").read_text().count("coinlake-local-secret") == 0
