"""
`airflow dags test` of the DAGs against a real embedded stack (broker, Connect worker, S3 server)
that the tests start on free ports in a data home of their own: bronze, silver and gold appear for
a day and a second run of the same day changes no table; a transient fault on the first try is
retried and the run succeeds; a failed error-level check fails the run at once, with no retry and
nothing published; the smoke DAG finds every part of the stack up; the maintenance DAG runs; the backfill DAG builds a
range of days with one Spark job.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
import urllib.request
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import quote

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
    for task in ("produce", "bronze_wait", "silver_gold"):
        assert f"[DAG TEST] end task task_id={task}" in log
    assert "state=success" in log
    assert log.count("spark time: silver") == 1, log[-5000:]

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


def tries(env, dag_id: str, task: str) -> list[str]:
    """The state each try of a task ended in, oldest first, in the newest run of the DAG, from Airflow's own database.

    A try that was retried is kept in task_instance_history as failed; the last try is in task_instance.
    """
    with sqlite3.connect(Path(env["AIRFLOW_HOME"], "airflow.db")) as db:
        (run_id,) = db.execute("select run_id from dag_run where dag_id = ? order by id desc limit 1", (dag_id,)).fetchone()
        earlier = db.execute("select state from task_instance_history where dag_id = ? and run_id = ? and task_id = ?"
                             " order by try_number", (dag_id, run_id, task)).fetchall()
        last = db.execute("select state from task_instance where dag_id = ? and run_id = ? and task_id = ?",
                          (dag_id, run_id, task)).fetchall()
    return [state for (state,) in earlier + last]


def test_a_transient_fault_on_the_first_try_is_retried_and_the_run_succeeds(stack):
    day = "2026-11-02"
    # One attempt per request: the simulator's 500s fail produce's first try outright.
    env = {**stack, "COINCAP_MAX_ATTEMPTS": "1"}
    result = run(env, "airflow", "dags", "test", "coincap_lakehouse", day,
                 "--conf", json.dumps({"first_try_faults": "server-error:*"}))
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert tries(stack, "coincap_lakehouse", "produce") == ["failed", "success"], log[-5000:]
    assert tries(stack, "coincap_lakehouse", "silver_gold") == ["success"]
    gold = run(stack, "sql", f"select count(*) as n from gold.fct_asset_daily where day = date'{day}'")
    assert re.search(r"^10\s*$", gold.stdout, re.MULTILINE), gold.stdout


def s3_put(env, key: str, body: bytes) -> None:
    """PUT an object into the stack's S3 server, signed with AWS Signature V4 (the standard library has no S3 client)."""
    host = f"127.0.0.1:{env['COINLAKE_S3_PORT']}"
    access, secret, region = env.get("S3_ACCESS_KEY", "coinlake"), env.get("S3_SECRET_KEY", "coinlake-local-secret"), "us-east-1"
    path = quote(f"/{env.get('COINLAKE_BUCKET', 'coinlake')}/{key}", safe="/~")
    now = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    payload = hashlib.sha256(body).hexdigest()
    headers = f"host:{host}\nx-amz-content-sha256:{payload}\nx-amz-date:{now}\n"
    signed = "host;x-amz-content-sha256;x-amz-date"
    request = f"PUT\n{path}\n\n{headers}\n{signed}\n{payload}"
    scope = f"{now[:8]}/{region}/s3/aws4_request"
    to_sign = f"AWS4-HMAC-SHA256\n{now}\n{scope}\n{hashlib.sha256(request.encode()).hexdigest()}"
    signing_key = ("AWS4" + secret).encode()
    for part in (now[:8], region, "s3", "aws4_request"):
        signing_key = hmac.new(signing_key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(signing_key, to_sign.encode(), hashlib.sha256).hexdigest()
    put = urllib.request.Request(f"http://{host}{path}", data=body, method="PUT", headers={
        "x-amz-date": now, "x-amz-content-sha256": payload, "Content-Type": "application/octet-stream",
        "Authorization": f"AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders={signed}, Signature={signature}"})
    with urllib.request.urlopen(put, timeout=30) as response:
        assert response.status == 200


def land_incomplete_batch(env, day: str) -> None:
    """A bronze object holding 1 record of a batch that says it has 2."""
    close = datetime.combine(date.fromisoformat(day), datetime.max.time(), timezone.utc)
    line = json.dumps({
        "type": "asset", "schemaVersion": 1, "logicalDate": day, "runId": "run-incomplete", "source": "simulated",
        "fetchedAt": "2026-11-04T00:01:00Z", "assetId": "bitcoin", "snapshotKind": "live",
        "endpoint": "/assets?limit=2", "responseTimestamp": int(close.timestamp() * 1000), "index": 0, "count": 2,
        "asset": {"id": "bitcoin", "rank": "1", "symbol": "BTC", "name": "Bitcoin", "supply": "1", "maxSupply": None,
                  "marketCapUsd": "1", "volumeUsd24Hr": "1", "priceUsd": "1", "changePercent24Hr": "0",
                  "vwap24Hr": "1", "explorer": None},
    }, separators=(",", ":"))
    s3_put(env, f"bronze/coincap.assets.raw/dt={day}/coincap.assets.raw+0+900000.jsonl", (line + "\n").encode())


def test_a_failed_error_check_fails_the_run_at_once_without_retry_and_publishes_nothing(stack):
    day = "2026-11-03"
    land_incomplete_batch(stack, day)
    result = run(stack, "airflow", "dags", "test", "coincap_lakehouse", day)
    log = result.stdout + result.stderr
    assert tries(stack, "coincap_lakehouse", "produce") == ["success"], log[-5000:]
    assert tries(stack, "coincap_lakehouse", "silver_gold") == ["failed"], log[-5000:]
    assert "silver_gold exited 2: an error-level quality check failed" in log
    assert "batch_complete" in log
    assert "gold: not run, since silver published nothing" in log
    for table, column in (("silver.asset_snapshots", "snapshot_date"), ("gold.fct_asset_daily", "day")):
        rows = run(stack, "sql", f"select count(*) as n from {table} where {column} = date'{day}'")
        assert re.search(r"^0\s*$", rows.stdout, re.MULTILINE), rows.stdout


def test_the_smoke_dag_finds_every_part_of_the_stack(stack):
    result = run(stack, "airflow", "dags", "test", "coinlake_smoke")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    for part in ("kafka", "connect", "s3", "catalog", "hello"):
        assert tries(stack, "coinlake_smoke", part) == ["success"], (part, log[-5000:])
    assert "hello from coinlake" in log


def test_the_maintenance_dag_compacts_and_expires_on_the_stack(stack):
    result = run(stack, "airflow", "dags", "test", "coincap_maintenance")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    assert tries(stack, "coincap_maintenance", "maintain") == ["success"], log[-5000:]
    assert "tables before -> after:" in log
    assert re.search(r"silver\.asset_snapshots +\d+ -> \d+ ", log), log[-5000:]


def test_the_backfill_dag_builds_a_range_in_one_spark_job(stack):
    first, last = "2026-10-10", "2026-10-12"
    result = run(stack, "airflow", "dags", "test", "coincap_backfill", "-c",
                 json.dumps({"from": first, "to": last, "asset_count": 4}))
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-5000:]
    for task in ("produce", "bronze_wait", "silver_gold"):
        assert tries(stack, "coincap_backfill", task) == ["success"], (task, log[-5000:])
    assert log.count("spark time: silver") == 1, log[-5000:]
    facts = run(stack, "sql", "select day, count(*) as n from gold.fct_asset_daily"
                              f" where day between date'{first}' and date'{last}' group by day order by day")
    assert re.findall(r"^(2026-10-1[0-2]) +\| +(\d+)\s*$", facts.stdout, re.MULTILINE) == [
        ("2026-10-10", "4"), ("2026-10-11", "4"), ("2026-10-12", "4")], facts.stdout
