"""
The DAG integrity test: the DAG file imports cleanly with Airflow 3 paths,
has the expected tasks in order, every task retries with backoff and has a
timeout, and importing it touches no network, database or subprocess.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import socket
import sqlite3
import subprocess
from datetime import timedelta
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from airflow.dag_processing.dagbag import BundleDagBag
from airflow.sdk import DAG, CronDataIntervalTimetable, DeadlineReference

DAG_ID = "lginform_pipeline"
EXPECTED_ORDER = ["extract_and_land", "load", "dbt_build"]


@pytest.fixture(scope="module")
def dagbag(dags_dir: Path) -> BundleDagBag:
    return BundleDagBag(dag_folder=dags_dir, bundle_path=dags_dir)


@pytest.fixture(scope="module")
def dag(dagbag: BundleDagBag) -> DAG:
    return dagbag.dags[DAG_ID]


# #region dag-imports-cleanly
def test_the_dag_imports_with_no_errors_and_no_warnings(dagbag: BundleDagBag, dags_dir: Path) -> None:
    assert dagbag.import_errors == {}
    assert list(dagbag.dags) == [DAG_ID]
    # Airflow 2 import paths still load, with a DeprecatedImportWarning: an
    # empty import_errors does not prove the file uses Airflow 3 paths.
    ours = {file: found for file, found in dagbag.captured_warnings.items() if Path(file).resolve().is_relative_to(dags_dir)}
    assert ours == {}


# #endregion dag-imports-cleanly


def test_the_tasks_run_extract_then_load_then_dbt(dag: DAG) -> None:
    assert [task.task_id for task in dag.topological_sort()] == EXPECTED_ORDER
    for upstream, downstream in zip(EXPECTED_ORDER, EXPECTED_ORDER[1:]):
        assert dag.get_task(downstream).upstream_task_ids == {upstream}
    assert dag.get_task(EXPECTED_ORDER[0]).upstream_task_ids == set()


# #region every-task-retries
def test_every_task_retries_with_backoff_and_has_a_timeout(dag: DAG) -> None:
    for task in dag.tasks:
        assert task.retries >= 2, task.task_id
        assert task.retry_exponential_backoff > 1, task.task_id
        assert task.max_retry_delay is not None, task.task_id
        assert task.execution_timeout is not None, task.task_id
        assert task.execution_timeout <= dag.dagrun_timeout, task.task_id
        assert [callback.__name__ for callback in task.on_failure_callback] == ["log_task_failure"], task.task_id


# #endregion every-task-retries


def test_runs_one_date_at_a_time_and_has_a_deadline(dag: DAG) -> None:
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    [deadline] = dag.deadline
    assert deadline.reference == DeadlineReference.DAGRUN_QUEUED_AT
    assert timedelta(0) < deadline.interval <= dag.dagrun_timeout


def test_each_step_is_the_cli_command_a_person_runs(dag: DAG) -> None:
    def rendered(task_id: str) -> str:
        task = dag.get_task(task_id)
        return task.render_template(task.bash_command, {"ds": "2024-03-31"})

    assert rendered("extract_and_land").endswith("&& npm run --silent example:lginform -- extract --date 2024-03-31")
    assert rendered("load").endswith("&& npm run --silent example:lginform -- load --date 2024-03-31")
    assert rendered("dbt_build").endswith("/examples/lginform/dbt && dbt build")
    assert rendered("load").startswith('cd "${LGINFORM_REPO_ROOT:-')


SECRET_PATTERNS = [
    re.compile(r"postgres(ql)?://[^\s'\"/@]+:[^\s'\"@]+@"),  # a URL with a password in it
    re.compile(r"(password|secret|private_key|application_key)\s*=\s*['\"][^'\"]+['\"]", re.IGNORECASE),
    re.compile(r"AKIA[0-9A-Z]{16}"),  # an AWS access key id
]


def test_no_connection_or_secret_is_in_the_dag(dag: DAG, dags_dir: Path) -> None:
    for path in dags_dir.rglob("*.py"):
        source = path.read_text()
        for pattern in SECRET_PATTERNS:
            assert not pattern.search(source), f"{path.name} matches {pattern.pattern}"
    for task in dag.tasks:
        env = getattr(task, "env", None) or {}
        assert not {"DATABASE_URL", "DBT_ENV_SECRET_PG_PASSWORD", "LGINFORM_PRIVATE_KEY"} & set(env), task.task_id


# #region no-top-level-calls
class TopLevelCallError(AssertionError):
    """The DAG file did something at import time that it must only do when a task runs."""


def _refuse(what: str) -> Any:
    def refuse(*_: Any, **__: Any) -> Any:
        raise TopLevelCallError(f"importing the DAG file tried to {what}")

    return refuse


def _import_fresh(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_importing_the_dag_makes_no_network_database_or_subprocess_call(monkeypatch: pytest.MonkeyPatch, dags_dir: Path) -> None:
    monkeypatch.syspath_prepend(str(dags_dir))
    monkeypatch.setattr(socket.socket, "connect", _refuse("open a network connection"))
    monkeypatch.setattr(socket, "create_connection", _refuse("open a network connection"))
    monkeypatch.setattr(socket, "getaddrinfo", _refuse("look up a host name"))
    monkeypatch.setattr(sqlite3, "connect", _refuse("open a SQLite database"))
    monkeypatch.setattr(subprocess, "Popen", _refuse("start a process"))
    from sqlalchemy.engine import Engine

    monkeypatch.setattr(Engine, "connect", _refuse("connect to the metadata database"))
    module = _import_fresh(dags_dir / "lginform_pipeline.py", "lginform_pipeline_under_test")
    assert module.dag.dag_id == DAG_ID


# #endregion no-top-level-calls


def test_a_failed_task_logs_its_run_id(caplog: pytest.LogCaptureFixture) -> None:
    from common.defaults import log_task_failure

    context: Any = {
        "ti": SimpleNamespace(task_id="load", dag_id=DAG_ID, try_number=2),
        "dag_run": SimpleNamespace(run_id="scheduled__2024-03-31T05:00:00+00:00"),
        "logical_date": "2024-03-31T05:00:00+00:00",
        "exception": RuntimeError("lginform: load 2024-03-31 failed"),
    }
    with caplog.at_level(logging.ERROR, logger="common.defaults"):
        log_task_failure(context)
    assert "run_id=scheduled__2024-03-31T05:00:00+00:00" in caplog.text
    assert "Task load of DAG lginform_pipeline failed" in caplog.text
    assert "try=2" in caplog.text


def test_a_missed_deadline_logs_the_run_id(caplog: pytest.LogCaptureFixture) -> None:
    from common.defaults import log_missed_deadline

    # What the scheduler passes: the run as the REST API describes it, and the deadline.
    context = {
        "dag_run": {"dag_id": DAG_ID, "dag_run_id": "scheduled__2024-03-31T05:00:00+00:00", "state": "running"},
        "deadline": {"id": "0199", "deadline_time": "2024-04-01T07:00:00+00:00"},
    }
    with caplog.at_level(logging.ERROR, logger="common.defaults"):
        log_missed_deadline(context)
    assert "run_id=scheduled__2024-03-31T05:00:00+00:00" in caplog.text
    assert "deadline=2024-04-01T07:00:00+00:00" in caplog.text
