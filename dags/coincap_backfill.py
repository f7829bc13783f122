"""
### coincap_backfill

A range of days **from**..**to** in one set-based run: `produce` publishes every day of the range
to Kafka, `bronze_wait` returns once the S3 sink has landed all of them, and `silver_gold` builds
silver and then gold for the whole range in **one** Spark job (`pipeline`): one read of the
range's bronze, one MERGE or partition overwrite per table, the quality checks of every day in a
grouped query per table, one write-audit-publish per layer.

* **When to use it:** to load history or to rebuild a stretch of days after a fix. A year takes
  one Spark job here. `airflow backfill create --dag-id coincap_lakehouse` makes one DAG run per
  day, each with its own Spark jobs. Use that to replay the daily schedule itself, e.g. to see each
  day's run and checks in the UI, or when days must be retried one by one.
* **Params:** `from` and `to` (YYYY-MM-DD, inclusive), `asset_count` (assets per snapshot;
  default: the `COINLAKE_ASSET_COUNT` setting).
* **Reruns** change nothing: produce lands new batches, silver keeps the newest fetch of each key
  and writes only rows that changed, and gold rewrites only days whose rows differ.
* **Retries** as in `coincap_lakehouse`: transient faults 3 times, a failed error-level check
  (exit 2) or a schema conflict (exit 3) fails the run at once.
"""

from __future__ import annotations

from datetime import datetime, timezone

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, Param

from coinlake_tasks import COINLAKE, DEFAULT_ARGS, GOLD_FACTS, LIMIT_FLAG, SILVER_SNAPSHOTS, asset_count_param, spark_job

FROM = "{{ params['from'] }}"
TO = "{{ params['to'] }}"

with DAG(
    dag_id="coincap_backfill",
    description="CoinCap -> Kafka -> bronze -> silver -> gold for a range of days, in one Spark job",
    doc_md=__doc__,
    schedule=None,
    start_date=datetime(2026, 11, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={
        "from": Param(type="string", format="date", description="First day (YYYY-MM-DD)."),
        "to": Param(type="string", format="date", description="Last day, inclusive (YYYY-MM-DD)."),
        "asset_count": asset_count_param(),
    },
    tags=["coinlake"],
) as dag:
    produce = BashOperator(
        task_id="produce",
        doc_md="Publish the CoinCap snapshot of every day of the range to Kafka (a new, complete batch per day).",
        bash_command=f'"{COINLAKE}" produce --from {FROM} --to {TO}' + LIMIT_FLAG,
    )

    bronze_wait = BashOperator(
        task_id="bronze_wait",
        doc_md="Wait until the S3 sink has landed every record of each day's newest batch in bronze.",
        bash_command=f'"{COINLAKE}" bronze wait --from {FROM} --to {TO} --timeout 1800',
    )

    silver_gold = spark_job(
        "silver_gold",
        ["pipeline", "--date", FROM, "--to", TO],
        "Silver, then gold, for the whole range in one Spark job, each layer audited on its branch and published"
        " only when the error-level checks of every day pass.",
        [SILVER_SNAPSHOTS, GOLD_FACTS],
    )

    produce >> bronze_wait >> silver_gold
