"""
### coincap_lakehouse

The daily CoinCap lakehouse pipeline for one day **D**:
`produce` (CoinCap to Kafka) → `bronze_wait` (the S3 sink has landed every record of D) →
`silver` → `silver_quality` → `gold` (Spark jobs).

* **Schedule:** daily, with a data-interval timetable: the run for D has the data interval
  [D 00:00, D+1 00:00) UTC and logical date D, and starts as soon as D has closed. Backfill with
  `airflow backfill create --dag-id coincap_lakehouse --from-date D1 --to-date D2`:
  every task is idempotent, so rerunning a day changes nothing.
* **Manual runs:** the `date` param wins, then the run's logical date
  (`airflow dags test coincap_lakehouse D` processes D); a manual run with neither processes
  yesterday (UTC), the last day that has closed.
* **Params:** `date` (YYYY-MM-DD), `asset_count` (assets per snapshot; default: the
  `COINLAKE_ASSET_COUNT` setting), `full_refresh` (rebuild gold
  from the first day of silver instead of D only).
* **Spark:** the Spark stages go through `SparkSubmitOperator` and the `coinlake_spark`
  connection: `local[*]` for the local setup, the Spark master in docker-compose.
* **Assets:** `silver` and `gold` update the `coinlake://silver/asset_snapshots` and
  `coinlake://gold/fct_asset_daily` assets, so downstream DAGs can be scheduled on them.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Asset, Param
from airflow.timetables.interval import CronDataIntervalTimetable

# The repository this file lives in: the CLI and the Spark jobs' jar are found from here.
ROOT = Path(os.environ.get("COINLAKE_ROOT", Path(__file__).resolve().parents[1]))
COINLAKE = str(ROOT / "coinlake")
SPARK_JOBS_JAR = str(ROOT / "spark-jobs" / "target" / "coinlake-spark-jobs.jar")
SPARK_MAIN_CLASS = "io.coinlake.spark.SparkJobs"
SPARK_CONNECTION = "coinlake_spark"

SILVER_SNAPSHOTS = Asset("coinlake://silver/asset_snapshots")
GOLD_FACTS = Asset("coinlake://gold/fct_asset_daily")

# The day a run processes, in every templated field.
DAY = "{{ coinlake_day(params, logical_date) }}"


def coinlake_day(params: dict, logical_date: datetime | None) -> str:
    """The day a run processes: the `date` param, else the run's logical date, else yesterday (UTC)."""
    if params.get("date"):
        return date.fromisoformat(str(params["date"])).isoformat()
    if logical_date is not None:
        return logical_date.astimezone(timezone.utc).date().isoformat()
    return (datetime.now(timezone.utc).date() - timedelta(days=1)).isoformat()


DEFAULT_ARGS = {
    "owner": "coinlake",
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
}

with DAG(
    dag_id="coincap_lakehouse",
    description="CoinCap -> Kafka -> bronze -> silver -> gold for one day",
    doc_md=__doc__,
    # A cron string alone would be a trigger timetable in Airflow 3 (no data interval, logical date =
    # trigger time, i.e. D+1): the data-interval timetable makes the run for D carry D.
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone="UTC"),
    start_date=datetime(2026, 11, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    user_defined_macros={"coinlake_day": coinlake_day},
    params={
        "date": Param(None, type=["null", "string"], format="date", description="Day to process (YYYY-MM-DD)."),
        "asset_count": Param(None, type=["null", "integer"], minimum=1, maximum=2000,
                             description="Assets per snapshot (default: the COINLAKE_ASSET_COUNT setting)."),
        "full_refresh": Param(False, type="boolean", description="Rebuild gold from the first day of silver."),
    },
    tags=["coinlake"],
) as dag:
    produce = BashOperator(
        task_id="produce",
        doc_md="Publish the CoinCap snapshot of the day to Kafka (a new, complete batch on every run).",
        bash_command=f'"{COINLAKE}" produce --date {DAY}'
        "{{ (' --limit ' ~ params.asset_count) if params.asset_count else '' }}",
    )

    bronze_wait = BashOperator(
        task_id="bronze_wait",
        doc_md="Wait until the S3 sink has landed every record of the day's newest batch in bronze.",
        bash_command=f'"{COINLAKE}" bronze wait --date {DAY} --timeout 600',
    )

    def spark_job(task_id: str, args: list[str], doc: str, outlets: list[Asset] | None = None) -> SparkSubmitOperator:
        return SparkSubmitOperator(
            task_id=task_id,
            doc_md=doc,
            conn_id=SPARK_CONNECTION,
            application=SPARK_JOBS_JAR,
            java_class=SPARK_MAIN_CLASS,
            name=f"coinlake-{task_id}",
            application_args=args,
            outlets=outlets or [],
        )

    silver = spark_job(
        "silver",
        ["silver", "--date", DAY],
        "Bronze of the day to silver: parse, check, deduplicate, MERGE, quarantine; exits 2 on a failed error check.",
        [SILVER_SNAPSHOTS],
    )
    silver_quality = spark_job(
        "silver_quality",
        ["quality", "--job", "silver", "--date", DAY],
        "The newest silver quality results of the day; fails when an error-level check failed.",
    )
    gold = spark_job(
        "gold",
        ["gold", "--date", DAY, "--full-refresh={{ params.full_refresh | string | lower }}"],
        "Silver to gold for the day (or from the first day of silver with full_refresh).",
        [GOLD_FACTS],
    )

    produce >> bronze_wait >> silver >> silver_quality >> gold
