"""
### coincap_maintenance

Weekly upkeep of every Iceberg table of the lake: `maintain` compacts each partition's small data
files, rewrites manifests, expires snapshots and deletes orphan files, and its log shows files,
bytes and snapshots per table before and after.

* **Schedule:** Sundays at 03:00 UTC; no catch-up (one run brings the tables up to date).
* **Safe beside the pipeline:** every step is an Iceberg commit that retries on a conflict, and a
  pipeline run whose `main` moved under it redoes its work on a new audit branch.
* **Settings:** `COINLAKE_SNAPSHOTS_KEPT`, `COINLAKE_SNAPSHOT_MAX_AGE_HOURS`,
  `COINLAKE_TARGET_FILE_SIZE_MB`, `COINLAKE_ORPHAN_MIN_AGE_HOURS` (see `coinlake config`).
* **Params:** `dry_run` prints what would be done and changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timezone

from airflow.sdk import DAG, Param
from airflow.timetables.trigger import CronTriggerTimetable

from coinlake_tasks import DEFAULT_ARGS, spark_job

with DAG(
    dag_id="coincap_maintenance",
    description="Compact, expire snapshots and delete orphan files of every lake table",
    doc_md=__doc__,
    schedule=CronTriggerTimetable("0 3 * * 0", timezone="UTC"),
    start_date=datetime(2026, 11, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={"dry_run": Param(False, type="boolean", description="Print what would be done; change nothing.")},
    tags=["coinlake"],
) as dag:
    maintain = spark_job(
        "maintain",
        ["maintain", "--dry-run={{ params.dry_run | string | lower }}"],
        "Compact data files, rewrite manifests, expire snapshots, delete orphan files; print the figures.",
    )
