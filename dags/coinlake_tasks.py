"""What coinlake's DAGs share: where the CLI and the Spark jobs are, the retry policy, the Spark task and its assets."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Asset, Param
from airflow.sdk.exceptions import AirflowException, AirflowFailException

# The source tree or the unpacked release these DAGs came with: the CLI and the Spark jobs' jar are
# found from here, in either layout (a release is marked by its release.properties).
ROOT = Path(os.environ.get("COINLAKE_ROOT", Path(__file__).resolve().parents[1]))
IS_RELEASE = (ROOT / "release.properties").is_file()
COINLAKE = str(ROOT / "bin" / "coinlake") if IS_RELEASE else str(ROOT / "coinlake")
SPARK_JOBS_JAR = str(ROOT / "spark-jobs" / ("" if IS_RELEASE else "target") / "coinlake-spark-jobs.jar")
SPARK_MAIN_CLASS = "io.coinlake.spark.SparkJobs"
SPARK_CONNECTION = "coinlake_spark"

# The assets the Spark stages update, so that downstream DAGs can be scheduled on them.
SILVER_SNAPSHOTS = Asset("coinlake://silver/asset_snapshots")
GOLD_FACTS = Asset("coinlake://gold/fct_asset_daily")

# produce's --limit flag, from the asset_count param when it is set.
LIMIT_FLAG = "{{ (' --limit ' ~ params.asset_count) if params.asset_count else '' }}"


def asset_count_param() -> Param:
    """The asset_count param of the DAGs that produce: assets per snapshot, as many as CoinCap serves on one page."""
    return Param(None, type=["null", "integer"], minimum=1, maximum=2000,
                 description="Assets per snapshot (default: the COINLAKE_ASSET_COUNT setting).")


# Transient faults (an S3 store or a broker away for a while, CoinCap's 5xx beyond the client's own
# retries) get three more tries with exponential backoff.
DEFAULT_ARGS = {
    "owner": "coinlake",
    "retries": 3,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
}

# Exit codes of the Spark jobs that another try cannot change (see SparkJobs): 2, an error-level
# quality check failed on the data; 3, a table cannot be brought to its definition.
NOT_RETRIED = {2: "an error-level quality check failed: the data is wrong, and another try would read the same data",
               3: "a table cannot be brought to its definition: the lake or the code needs a decision"}
_EXIT_CODE = re.compile(r"Error code is: (\d+)")


class CoinlakeSparkSubmitOperator(SparkSubmitOperator):
    """spark-submit, with a failure that no retry can fix failing the task at once instead of after three retries."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowFailException:
            raise
        except AirflowException as error:
            # The hook says only "Cannot execute: ... Error code is: N." (test_end_to_end checks the text).
            found = _EXIT_CODE.search(str(error))
            code = int(found.group(1)) if found else None
            if code in NOT_RETRIED:
                raise AirflowFailException(f"{self.task_id} exited {code}: {NOT_RETRIED[code]}; not retried."
                                           " Look at the task log's FAIL lines.") from error
            raise


def spark_job(task_id: str, args: list[str], doc: str, outlets=None) -> CoinlakeSparkSubmitOperator:
    """A task that runs one of the Spark jobs (io.coinlake.spark.SparkJobs) through the coinlake_spark connection."""
    return CoinlakeSparkSubmitOperator(
        task_id=task_id,
        doc_md=doc,
        conn_id=SPARK_CONNECTION,
        application=SPARK_JOBS_JAR,
        java_class=SPARK_MAIN_CLASS,
        name=f"coinlake-{task_id}",
        application_args=args,
        outlets=outlets or [],
    )
