"""
### coinlake_smoke

The stack's "hello world": one task per part the pipeline needs, each asking that part for an
answer, so a failed run names what is down and what to do. Run it after starting the stack
(`./coinlake up`, or `docker compose up`), or whenever a pipeline run fails for no clear reason.

* `kafka`: a broker answers at `KAFKA_BOOTSTRAP_SERVERS` (or the embedded broker's port).
* `connect`: the Connect worker's REST API answers, and the bronze sink's state.
* `s3`: the S3 store answers and has the lake's bucket.
* `catalog`: the Iceberg catalog opens and every table's metadata reads from the store.
* `hello`: runs when all four succeeded.

No retries: a check should say what is down now, not in half an hour.
"""

from __future__ import annotations

from datetime import datetime, timezone

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG

from coinlake_tasks import COINLAKE

with DAG(
    dag_id="coinlake_smoke",
    description="Check that the broker, Connect, S3 and the catalog answer",
    doc_md=__doc__,
    schedule=None,
    start_date=datetime(2026, 11, 1, tzinfo=timezone.utc),
    catchup=False,
    default_args={"owner": "coinlake", "retries": 0},
    tags=["coinlake"],
) as dag:
    checks = [
        BashOperator(task_id=part, doc_md=f"`coinlake check {part}`: exits 3 and says why when {part} is down.",
                     bash_command=f'"{COINLAKE}" check {part}')
        for part in ("kafka", "connect", "s3", "catalog")
    ]
    hello = BashOperator(task_id="hello", doc_md="Every part answered.",
                         bash_command="echo 'hello from coinlake: the broker, Connect, S3 and the catalog all answer'")
    checks >> hello
