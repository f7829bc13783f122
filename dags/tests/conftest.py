"""Airflow needs a home before it is imported: a fresh one per test session, never the user's."""

import os
import sys
import tempfile

import pytest

from embedded_stack import run_cli, start

os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="coinlake-airflow-test-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", os.path.join(os.path.dirname(__file__), ".."))
# Airflow's dag processor and task runner put the DAGs folder (the bundle) on sys.path, so DAG files
# import coinlake_tasks from it; a DagBag made in a test does not.
sys.path.insert(0, os.path.abspath(os.environ["AIRFLOW__CORE__DAGS_FOLDER"]))


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """One embedded stack for the tests that need one; its environment points the CLI at it."""
    env = start(tmp_path_factory.mktemp("coinlake-stack"))
    try:
        yield env
    finally:
        run_cli(env, "down", timeout=300)
