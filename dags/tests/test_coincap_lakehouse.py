"""The DAG as Airflow loads it: no import errors, retries everywhere, the designed chain, rendered templates."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from airflow.dag_processing.dagbag import DagBag

DAGS = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


@pytest.fixture(scope="module")
def dag(dagbag):
    return dagbag.dags["coincap_lakehouse"]


def test_the_dagbag_loads_without_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "coincap_lakehouse" in dagbag.dag_ids


def test_every_task_retries_with_exponential_backoff(dag):
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        assert task.retry_exponential_backoff, task.task_id


def test_the_chain_is_produce_bronze_then_one_spark_job(dag):
    order = ["produce", "bronze_wait", "silver_gold"]
    assert sorted(dag.task_ids) == sorted(order)
    for upstream, downstream in zip(order, order[1:]):
        assert dag.get_task(upstream).downstream_task_ids == {downstream}
    assert dag.max_active_runs == 1


def test_the_spark_job_updates_the_silver_and_gold_assets(dag):
    assert sorted(a.uri for a in dag.get_task("silver_gold").outlets) == [
        "coinlake://gold/fct_asset_daily", "coinlake://silver/asset_snapshots"]


def render(dag, task_id: str, field: str, logical_date, try_number: int = 1, **params):
    task = dag.get_task(task_id)
    context = {"params": {"date": None, "asset_count": None, "full_refresh": False, "first_try_faults": None, **params},
               "logical_date": logical_date, "ti": SimpleNamespace(try_number=try_number)}
    return task.render_template(getattr(task, field), context, jinja_env=dag.get_template_env())


def test_the_run_for_a_day_processes_that_day(dag):
    day = datetime(2026, 11, 1, tzinfo=timezone.utc)
    assert render(dag, "produce", "bash_command", day).endswith("produce --date 2026-11-01")
    assert render(dag, "bronze_wait", "bash_command", day).endswith("bronze wait --date 2026-11-01 --timeout 600")
    assert render(dag, "silver_gold", "application_args", day) == ["pipeline", "--date", "2026-11-01", "--full-refresh=false"]


def test_params_override_the_day_and_the_asset_count_and_ask_for_a_full_refresh(dag):
    day = datetime(2026, 11, 1, tzinfo=timezone.utc)
    assert render(dag, "produce", "bash_command", day, date="2026-10-15", asset_count=50).endswith(
        "produce --date 2026-10-15 --limit 50")
    assert render(dag, "silver_gold", "application_args", day, full_refresh=True)[-1] == "--full-refresh=true"


def test_first_try_faults_reach_the_simulator_on_the_first_try_only(dag):
    day = datetime(2026, 11, 1, tzinfo=timezone.utc)
    first = render(dag, "produce", "bash_command", day, first_try_faults="server-error:*")
    assert first.startswith("COINCAP_SIMULATOR_FAULTS='server-error:*' ")
    assert first.endswith("produce --date 2026-11-01")
    assert "COINCAP_SIMULATOR_FAULTS" not in render(dag, "produce", "bash_command", day, try_number=2,
                                                    first_try_faults="server-error:*")
    assert "COINCAP_SIMULATOR_FAULTS" not in render(dag, "produce", "bash_command", day)


def test_a_manual_run_without_a_date_processes_yesterday(dag):
    yesterday = datetime.now(timezone.utc).date().toordinal() - 1
    rendered = render(dag, "silver_gold", "application_args", None)
    assert datetime.fromisoformat(rendered[2]).date().toordinal() == yesterday


def test_the_schedule_gives_each_day_its_own_run(dag):
    from airflow.timetables.interval import CronDataIntervalTimetable

    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    interval = dag.timetable.infer_manual_data_interval(run_after=datetime(2026, 11, 2, 0, 0, tzinfo=timezone.utc))
    assert interval.start == datetime(2026, 11, 1, tzinfo=timezone.utc)
