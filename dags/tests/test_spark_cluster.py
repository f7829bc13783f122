"""
The DAG's Spark jobs on a Spark standalone cluster with docker-compose's Spark settings
(docker/spark/spark-defaults.conf), as the compose stack runs them: the release's bin/spark-submit
(the Airflow image's /opt/coinlake) as the driver, a master and a worker whose classpath is Spark's
alone, and executors that get what the jobs add to Spark (the release's spark-jobs/lib) from the
driver through spark.jars.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

from embedded_stack import ROOT, free_port, release_directory, run_cli

DAY = "2026-11-02"
# A Spark distribution's jars are Spark's own plus libraries that Maven resolved into the jobs'
# compile scope because the jobs use them too; the worker needs these to start at all.
SHARED_WITH_SPARK = ("slf4j-api-", "jackson-core-", "jackson-databind-", "jackson-annotations-", "netty-buffer-",
                     "netty-codec-", "netty-common-", "netty-handler-", "netty-resolver-", "netty-transport-",
                     "commons-codec-", "httpclient-4", "httpcore-4")


def spark_distribution(home: Path) -> Path:
    """A Spark home with a Spark distribution's layout, from the jars the release keeps apart."""
    jars = home / "jars"
    jars.mkdir(parents=True)
    spark_jobs = release_directory() / "spark-jobs"
    for jar in (spark_jobs / "spark-lib").glob("*.jar"):
        (jars / jar.name).symlink_to(jar)
    for jar in (spark_jobs / "lib").glob("*.jar"):
        if jar.name.startswith(SHARED_WITH_SPARK):
            (jars / jar.name).symlink_to(jar)
    (home / "RELEASE").write_text("Spark 4.1.1, laid out for coinlake's tests\n")
    return home


def wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not ready after {timeout} s")
        time.sleep(0.5)


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def spark_cluster(tmp_path_factory):
    home = spark_distribution(tmp_path_factory.mktemp("spark-home"))
    env = dict(os.environ, SPARK_HOME=str(home), SPARK_SCALA_VERSION="2.13", SPARK_LOCAL_IP="127.0.0.1")
    classpath = str(home / "jars" / "*")
    master_port = free_port()
    master_log, worker_log = home / "master.log", home / "worker.log"
    processes = []
    try:
        with master_log.open("w") as log:
            processes.append(subprocess.Popen(
                ["java", "-Xmx512m", "-cp", classpath, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                 "--port", str(master_port), "--webui-port", str(free_port())], env=env, stdout=log, stderr=log))
        wait_for(lambda: port_open(master_port), "the Spark master")
        with worker_log.open("w") as log:
            processes.append(subprocess.Popen(
                ["java", "-Xmx512m", "-cp", classpath, "org.apache.spark.deploy.worker.Worker",
                 f"spark://127.0.0.1:{master_port}", "--host", "127.0.0.1", "--webui-port", str(free_port()),
                 "--cores", "2", "--memory", "2g", "--work-dir", str(home / "work")], env=env, stdout=log, stderr=log))
        wait_for(lambda: "Successfully registered with master" in worker_log.read_text(), "the Spark worker")
        yield f"spark://127.0.0.1:{master_port}", home
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)


def compose_spark_conf(directory: Path) -> Path:
    """docker/spark/spark-defaults.conf with this machine's addresses and release for the Airflow image's."""
    release = release_directory()
    text = (ROOT / "docker" / "spark" / "spark-defaults.conf").read_text(encoding="utf-8")
    local = (text.replace("/opt/coinlake/", f"{release}/")
             .replace("spark.driver.host              airflow-scheduler", "spark.driver.host              127.0.0.1")
             .replace("spark.driver.bindAddress       0.0.0.0", "spark.driver.bindAddress       127.0.0.1"))
    assert local.count("127.0.0.1") == 2 and f"{release}/spark-jobs/lib/" in local, "spark-defaults.conf changed shape"
    directory.mkdir()
    (directory / "spark-defaults.conf").write_text(local, encoding="utf-8")
    return directory


def test_spark_jobs_run_on_a_standalone_cluster_that_only_has_spark(stack, spark_cluster, tmp_path):
    master, spark_home = spark_cluster
    assert run_cli(stack, "produce", "--date", DAY).returncode == 0
    assert run_cli(stack, "bronze", "wait", "--date", DAY).returncode == 0

    env = dict(stack, SPARK_CONF_DIR=str(compose_spark_conf(tmp_path / "conf")))
    submit = subprocess.run(
        [str(release_directory() / "bin" / "spark-submit"), "--master", master, "--class", "io.coinlake.spark.SparkJobs",
         str(release_directory() / "spark-jobs" / "coinlake-spark-jobs.jar"), "pipeline", "--from", DAY, "--to", DAY],
        env=env, capture_output=True, text=True, timeout=900)
    print(submit.stdout[-20000:], submit.stderr[-20000:])
    assert submit.returncode == 0
    assert re.search(r"quality: \d+ checks, .* 0 failures", submit.stdout), submit.stdout

    # The work ran on the cluster's executors, which loaded the jobs' libraries from the driver.
    executor_logs = "".join(p.read_text() for p in (spark_home / "work").glob("app-*/*/stderr"))
    assert re.search(r"Fetching spark://\S+/jars/iceberg-spark-runtime", executor_logs)
    assert len(re.findall(r"Finished task", executor_logs)) > 10
    executor_classpaths = re.findall(r'Launch command: "[^"]*java" "-cp" "([^"]*)"', (spark_home / "worker.log").read_text())
    assert executor_classpaths and not any("coinlake" in cp or "iceberg" in cp for cp in executor_classpaths)

    rows = run_cli(stack, "sql", f"select count(*) as n from gold.fct_asset_daily where day = date'{DAY}'")
    assert re.search(r"^10\s*$", rows.stdout, re.MULTILINE), rows.stdout
