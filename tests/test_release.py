"""The release (dist/): the tarball 'mvn package' makes, unpacked in a temporary directory far from
the source tree, runs the pipeline through bin/coinlake with no Maven on PATH, and its DAGs find the
release's CLI and Spark jobs."""

import json
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "dags" / "tests"))

from embedded_stack import environment, project_version, run_cli  # noqa: E402


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    version = project_version()
    tarball = ROOT / "dist" / "target" / f"coinlake-{version}.tar.gz"
    assert tarball.is_file(), f"{tarball} is missing: 'mvn package' (or ./coinlake dist) makes it"
    place = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["tar", "xzf", str(tarball), "-C", str(place)], check=True)
    return place / f"coinlake-{version}"


@pytest.fixture()
def maven_trap(tmp_path) -> tuple[Path, Path]:
    """A directory whose 'mvn' only records that it was called, to put first on PATH."""
    trap, called = tmp_path / "trap", tmp_path / "mvn-was-called"
    trap.mkdir()
    (trap / "mvn").write_text(f"#!/bin/sh\ntouch '{called}'\nexit 97\n")
    (trap / "mvn").chmod(0o755)
    return trap, called


def test_the_release_holds_the_launchers_the_jars_the_plugin_and_the_dags(release: Path):
    assert os.access(release / "bin" / "coinlake", os.X_OK)
    assert os.access(release / "bin" / "spark-submit", os.X_OK)
    assert (release / "release.properties").read_text().count(f"version={project_version()}") == 1
    version = subprocess.run([str(release / "bin" / "coinlake"), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"coinlake {project_version()}", version.stderr
    assert (release / "connect" / f"coinlake-bronze-sink-{project_version()}.zip").is_file()
    assert (release / "connect" / "plugin" / "coinlake-bronze-sink" / "manifest.json").is_file()
    assert {p.name for p in (release / "dags").iterdir()} >= {"coinlake_tasks.py", "coincap_lakehouse.py"}
    files = [p.relative_to(release) for p in release.rglob("*") if p.is_file()]
    assert not [f for f in files if "target" in f.parts or "tests" in f.parts or f.suffix == ".jsa"]
    # One version of each jar per classpath directory: an older one left by an earlier build would
    # shadow the new one.
    for lib in {f.parent for f in files if f.suffix == ".jar"}:
        jars = Counter(jar_identity(jar) for jar in (release / lib).glob("*.jar"))
        assert [jar for jar, count in jars.items() if count > 1] == [], lib


def jar_identity(jar: Path) -> tuple[str, str]:
    """(groupId, file name without its version): Jackson 2 and 3 share artifact names, not groups."""
    with zipfile.ZipFile(jar) as archive:
        poms = [name for name in archive.namelist() if name.startswith("META-INF/maven/") and name.endswith("/pom.properties")]
        group = poms[0].split("/")[2] if len(poms) == 1 else ""
    return group, re.sub(r"-\d[^-]*(-[A-Za-z]+)?\.jar$", r"\1", jar.name)


def test_bin_coinlake_runs_the_pipeline_outside_the_source_tree_without_maven(release, maven_trap, tmp_path):
    trap, called = maven_trap
    work = tmp_path / "work"
    work.mkdir()
    env = environment(work / ".coinlake")
    env.pop("COINLAKE_ROOT", None)
    env["PATH"] = f"{trap}:{env['PATH']}"
    coinlake = str(release / "bin" / "coinlake")

    def cli(*args: str) -> subprocess.CompletedProcess:
        return run_cli(env, *args, launcher=coinlake, cwd=work)

    try:
        run = cli("run", "--from", "2026-11-01", "--to", "2026-11-02")
        assert run.returncode == 0, run.stderr[-5000:]
        assert "published 20 records for 2 date(s)" in run.stdout
        # Its hints name the launcher as it was called, not the source tree's ./coinlake.
        assert f"stop the stack:       {coinlake} down" in run.stdout and "./coinlake" not in run.stdout
        counted = cli("sql", "select count(*) as n from gold.fct_asset_daily")
        assert counted.returncode == 0, counted.stderr[-5000:]
        assert re.search(r"^ *20 *$", counted.stdout, re.MULTILINE), counted.stdout
    finally:
        cli("down")
    assert not called.exists(), "bin/coinlake called Maven"
    assert (work / ".coinlake" / "catalog" / "iceberg.db").is_file()


def test_the_release_dags_use_the_release_cli_and_spark_jobs(release):
    env = {key: value for key, value in os.environ.items() if key != "COINLAKE_ROOT"}
    env["PYTHONPATH"] = str(release / "dags")
    found = subprocess.run([sys.executable, "-c", "import coinlake_tasks as t; print(t.COINLAKE); print(t.SPARK_JOBS_JAR)"],
                           env=env, capture_output=True, text=True, check=True).stdout.split()
    assert found == [str(release / "bin" / "coinlake"), str(release / "spark-jobs" / "coinlake-spark-jobs.jar")]
    assert all(Path(path).is_file() for path in found)


def test_the_release_airflow_launcher_loads_every_dag_without_errors(release, maven_trap, tmp_path):
    trap, called = maven_trap
    env = environment(tmp_path / ".coinlake")
    env.pop("COINLAKE_ROOT", None)
    env["PATH"] = f"{trap}:{env['PATH']}"

    def airflow(*args: str) -> str:
        """The last line of the command's output: Airflow's warnings come before it."""
        result = subprocess.run([str(release / "airflow" / "coinlake-airflow"), *args], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-5000:]
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    # Parsed as the DAG processor parses them (the DAGs folder on sys.path), into Airflow's database.
    airflow("dags", "reserialize")
    assert json.loads(airflow("dags", "list-import-errors", "-o", "json")) == []
    dags = json.loads(airflow("dags", "list", "-o", "json"))
    assert sorted(dag["dag_id"] for dag in dags) == ["coincap_backfill", "coincap_lakehouse", "coincap_maintenance",
                                                     "coinlake_smoke"]
    assert {Path(dag["fileloc"]).parent for dag in dags} == {release / "dags"}
    assert not called.exists()
