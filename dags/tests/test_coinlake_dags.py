"""The maintenance and smoke DAGs as Airflow loads them, and the Spark task's retry policy."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk.exceptions import AirflowException, AirflowFailException

import coinlake_tasks

DAGS = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def test_every_dag_loads_and_the_shared_module_is_not_a_dag(dagbag):
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == ["coincap_backfill", "coincap_lakehouse", "coincap_maintenance", "coinlake_smoke"]


def test_the_backfill_dag_runs_one_spark_job_over_the_whole_range(dagbag):
    dag = dagbag.dags["coincap_backfill"]
    assert [task.task_id for task in dag.topological_sort()] == ["produce", "bronze_wait", "silver_gold"]
    context = {"params": {"from": "2026-10-01", "to": "2026-10-30", "asset_count": 100},
               "logical_date": datetime(2026, 11, 1, tzinfo=timezone.utc)}
    env = dag.get_template_env()
    spark = dag.get_task("silver_gold")
    assert isinstance(spark, coinlake_tasks.CoinlakeSparkSubmitOperator)
    assert spark.render_template(spark.application_args, context, jinja_env=env) == [
        "pipeline", "--date", "2026-10-01", "--to", "2026-10-30"]
    for task_id, wanted in (("produce", "produce --from 2026-10-01 --to 2026-10-30 --limit 100"),
                            ("bronze_wait", "bronze wait --from 2026-10-01 --to 2026-10-30 ")):
        task = dag.get_task(task_id)
        assert wanted in task.render_template(task.bash_command, context, jinja_env=env)
    assert {asset.uri for asset in spark.outlets} == {"coinlake://silver/asset_snapshots", "coinlake://gold/fct_asset_daily"}
    assert dag.schedule is None


def test_maintenance_runs_weekly_and_a_dry_run_changes_nothing(dagbag):
    dag = dagbag.dags["coincap_maintenance"]
    task = dag.get_task("maintain")
    assert dag.timetable.summary == "0 3 * * 0"
    assert task.retries >= 1
    assert isinstance(task, coinlake_tasks.CoinlakeSparkSubmitOperator)
    context = {"params": {"dry_run": True}, "logical_date": datetime(2026, 11, 1, tzinfo=timezone.utc)}
    assert task.render_template(task.application_args, context, jinja_env=dag.get_template_env()) == ["maintain", "--dry-run=true"]


def test_the_smoke_dag_checks_each_part_before_saying_hello_and_never_retries(dagbag):
    dag = dagbag.dags["coinlake_smoke"]
    parts = ["kafka", "connect", "s3", "catalog"]
    assert dag.get_task("hello").upstream_task_ids == set(parts)
    for part in parts:
        task = dag.get_task(part)
        assert task.bash_command.endswith(f"check {part}")
        assert task.retries == 0
    assert dag.schedule is None


def failing_with(monkeypatch, message: str) -> coinlake_tasks.CoinlakeSparkSubmitOperator:
    def fail(self, context):
        raise AirflowException(message)

    monkeypatch.setattr(SparkSubmitOperator, "execute", fail)
    return coinlake_tasks.spark_job("silver", ["silver"], "doc")


@pytest.mark.parametrize("code", [2, 3])
def test_a_spark_exit_no_retry_can_fix_fails_the_task_at_once(monkeypatch, code):
    task = failing_with(monkeypatch, f"Cannot execute: spark-submit ... Error code is: {code}.")
    with pytest.raises(AirflowFailException, match=f"exited {code}"):
        task.execute({})


def test_other_spark_failures_stay_retryable(monkeypatch):
    task = failing_with(monkeypatch, "Cannot execute: spark-submit ... Error code is: 1.")
    with pytest.raises(AirflowException) as raised:
        task.execute({})
    assert not isinstance(raised.value, AirflowFailException)
