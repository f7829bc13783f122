"""
### coincap_lakehouse

The daily CoinCap lakehouse pipeline for one day **D**:
`produce` (CoinCap to Kafka) → `bronze_wait` (the S3 sink has landed every record of D) →
`silver_gold` (one Spark job: silver, then gold). Each layer is written on an Iceberg branch, checked
there and published to `main` only if no error-level check failed (write-audit-publish).

* **Schedule:** daily, with a data-interval timetable: the run for D has the data interval
  [D 00:00, D+1 00:00) UTC and logical date D, and starts as soon as D has closed. Backfill with
  `airflow backfill create --dag-id coincap_lakehouse --from-date D1 --to-date D2`:
  every task is idempotent, so rerunning a day changes nothing.
* **Manual runs:** the `date` param wins, then the run's logical date
  (`airflow dags test coincap_lakehouse D` processes D); a manual run with neither processes
  yesterday (UTC), the last day that has closed.
* **Params:** `date` (YYYY-MM-DD), `asset_count` (assets per snapshot; default: the
  `COINLAKE_ASSET_COUNT` setting), `full_refresh` (rebuild gold
  from the first day of silver instead of D only), `first_try_faults` (see Retries).
* **Spark:** silver and gold share one `SparkSubmitOperator` task, since a Spark JVM's start costs more
  than a day of data (docs/decisions.md, 37), through the `coinlake_spark` connection: `local[*]` for
  the local setup, the Spark master in docker-compose.
* **Retries:** transient faults are retried 3 times with exponential backoff. A failed error-level
  check (exit 2) or a table that cannot be evolved (exit 3) fails the task at once: another try
  would read the same data. The `first_try_faults` param makes the simulator fail `produce`'s first
  try (e.g. `server-error:*` with `COINCAP_MAX_ATTEMPTS=1`), to watch a retry succeed.
* **Assets:** `silver_gold` updates the `coinlake://silver/asset_snapshots` and
  `coinlake://gold/fct_asset_daily` assets, so downstream DAGs can be scheduled on them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Param
from airflow.timetables.interval import CronDataIntervalTimetable

from coinlake_tasks import COINLAKE, DEFAULT_ARGS, GOLD_FACTS, LIMIT_FLAG, SILVER_SNAPSHOTS, asset_count_param, spark_job

# The day a run processes, in every templated field.
DAY = "{{ coinlake_day(params, logical_date) }}"


def coinlake_day(params: dict, logical_date: datetime | None) -> str:
    """The day a run processes: the `date` param, else the run's logical date, else yesterday (UTC)."""
    if params.get("date"):
        return date.fromisoformat(str(params["date"])).isoformat()
    if logical_date is not None:
        return logical_date.astimezone(timezone.utc).date().isoformat()
    return (datetime.now(timezone.utc).date() - timedelta(days=1)).isoformat()


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
        "asset_count": asset_count_param(),
        "full_refresh": Param(False, type="boolean", description="Rebuild gold from the first day of silver."),
        "first_try_faults": Param(None, type=["null", "string"],
                                  description="Simulator faults on produce's first try only, e.g. server-error:*."),
    },
    tags=["coinlake"],
) as dag:
    produce = BashOperator(
        task_id="produce",
        doc_md="Publish the CoinCap snapshot of the day to Kafka (a new, complete batch on every run).",
        bash_command='{{ ("COINCAP_SIMULATOR_FAULTS=\'" ~ params.first_try_faults ~ "\' ")'
        " if params.first_try_faults and ti.try_number == 1 else '' }}"
        f'"{COINLAKE}" produce --date {DAY}' + LIMIT_FLAG,
    )

    bronze_wait = BashOperator(
        task_id="bronze_wait",
        doc_md="Wait until the S3 sink has landed every record of the day's newest batch in bronze.",
        bash_command=f'"{COINLAKE}" bronze wait --date {DAY} --timeout 600',
    )

    silver_gold = spark_job(
        "silver_gold",
        ["pipeline", "--date", DAY, "--full-refresh={{ params.full_refresh | string | lower }}"],
        "Silver, then gold, for the day in one Spark job (gold from the first day of silver with full_refresh)."
        " Each layer is audited on its branch and published only when its error-level checks pass; when silver's"
        " fail, gold is not run and the task fails at once, with no retry.",
        [SILVER_SNAPSHOTS, GOLD_FACTS],
    )

    produce >> bronze_wait >> silver_gold
