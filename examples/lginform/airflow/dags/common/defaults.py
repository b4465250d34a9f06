"""
Defaults every DAG of the team shares: retries with exponential backoff, a
timeout on every task, a failure callback that logs the run, and a deadline
alert for the whole run.

Airflow 3 removed SLAs (``sla=`` and ``sla_miss_callback``). Their
replacement is a deadline alert on the DAG: a time, counted from a reference
such as when the run was queued, by which the run must have finished. When a
run misses it, the scheduler calls the alert's callback once. See
``run_deadline`` below.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from airflow.sdk import Context, DeadlineAlert, DeadlineReference, SyncCallback

log = logging.getLogger(__name__)

OWNER = "data-engineering"

# #region retries
# Three retries, 2, 4 then 8 minutes apart (doubling, capped at 30): long
# enough for an API's rate limit or a database failover to pass, short
# enough that a daily run still finishes in the morning.
RETRIES = 3
RETRY_DELAY = timedelta(minutes=2)
RETRY_BACKOFF_MULTIPLIER = 2.0
MAX_RETRY_DELAY = timedelta(minutes=30)
# A task that runs longer than this is stuck, not slow: it is stopped and retried.
DEFAULT_TASK_TIMEOUT = timedelta(minutes=30)
# #endregion retries


# #region failure-callback
def log_task_failure(context: Context) -> None:
    """Log which task of which run failed, and why, in one line a search finds."""
    task_instance = context["ti"]
    dag_run = context["dag_run"]
    log.error(
        "Task %s of DAG %s failed: run_id=%s logical_date=%s try=%s error=%s",
        task_instance.task_id,
        task_instance.dag_id,
        dag_run.run_id,
        context.get("logical_date"),
        task_instance.try_number,
        context.get("exception"),
    )


# #endregion failure-callback


# #region default-args
def default_args(execution_timeout: timedelta = DEFAULT_TASK_TIMEOUT) -> dict[str, Any]:
    """Arguments every task gets unless it sets its own."""
    return {
        "owner": OWNER,
        "retries": RETRIES,
        "retry_delay": RETRY_DELAY,
        "retry_exponential_backoff": RETRY_BACKOFF_MULTIPLIER,
        "max_retry_delay": MAX_RETRY_DELAY,
        "execution_timeout": execution_timeout,
        "on_failure_callback": log_task_failure,
    }


# #endregion default-args


# #region deadline-alert
def log_missed_deadline(context: dict[str, Any], **_: Any) -> None:
    """
    Called once by the scheduler when a run misses its deadline. Logs the
    run_id; point it at a notifier (Slack, email, PagerDuty) to be told.
    """
    dag_run = context.get("dag_run", {})
    deadline = context.get("deadline", {})
    log.error(
        "DAG %s missed its deadline: run_id=%s deadline=%s state=%s",
        dag_run.get("dag_id"),
        dag_run.get("dag_run_id", dag_run.get("run_id")),
        deadline.get("deadline_time"),
        dag_run.get("state"),
    )


def run_deadline(within: timedelta) -> DeadlineAlert:
    """
    The run must finish within ``within`` of being queued. Counting from when
    it was queued, not from its logical date, keeps a backfill of last
    year's dates from missing every deadline at once.
    """
    return DeadlineAlert(
        reference=DeadlineReference.DAGRUN_QUEUED_AT,
        interval=within,
        callback=SyncCallback(log_missed_deadline),
    )


# #endregion deadline-alert
