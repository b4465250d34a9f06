"""
Settings for the DAG tests, made before Airflow is imported: no example
DAGs, and an AIRFLOW_HOME of the test run's own unless one is given (the
DagBag needs no metadata database).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

DAGS_DIR = Path(__file__).resolve().parents[1] / "dags"

os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="lginform-airflow-"))
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS_DIR)
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("AIRFLOW__USAGE_DATA_COLLECTION__ENABLED", "False")


@pytest.fixture(scope="session")
def dags_dir() -> Path:
    return DAGS_DIR
