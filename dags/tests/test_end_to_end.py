"""
`airflow dags test` of coincap_lakehouse against a real embedded stack (broker, Connect worker,
S3 server) that the test starts on free ports in a data home of its own: bronze, silver and gold
appear for the day, and a second run of the same day changes no table.
"""

from __future__ import annotations

import os
import random
import re
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COINLAKE = str(ROOT / "coinlake")
DAY = "2026-11-01"


def free_port_pair() -> int:
    """A port whose next port is free too (the embedded broker's controller takes port + 1)."""
    for _ in range(200):
        port = random.randrange(20000, 32000, 2)
        try:
            for candidate in (port, port + 1):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", candidate))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port pair")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    home = tmp_path_factory.mktemp("coinlake-e2e")
    env = dict(os.environ)
    env.update({
        "COINLAKE_HOME": str(home),
        "AIRFLOW_HOME": str(home / "airflow"),
        "COINLAKE_KAFKA_PORT": str(free_port_pair()),
        "COINLAKE_S3_PORT": str(free_port_pair()),
        "COINLAKE_CONNECT_PORT": str(free_port_pair()),
        "COINLAKE_ASSET_COUNT": "10",
    })
    subprocess.run([COINLAKE, "up"], env=env, check=True, timeout=300)
    try:
        yield env
    finally:
        subprocess.run([COINLAKE, "down"], env=env, timeout=300)


def run(env, *args, timeout=900) -> subprocess.CompletedProcess:
    result = subprocess.run([COINLAKE, *args], env=env, capture_output=True, text=True, timeout=timeout)
    print(result.stdout[-20000:], result.stderr[-20000:])
    return result


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
