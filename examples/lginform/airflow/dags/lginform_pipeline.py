"""
The LG Inform Plus pipeline, once a day: extract and land the API's
responses for the logical date, load them into PostgreSQL, then build and
test the dbt models.

Each step is the command a person runs (``npm run example:lginform --
extract --date 2024-03-31``), so there is one implementation, tested once.

Settings and secrets come from the worker's environment, never from this
file: DATABASE_URL, LAKE_URL, LGINFORM_BASE_URL, LGINFORM_APPLICATION_KEY,
LGINFORM_PRIVATE_KEY, AWS_* (see ``npm run example:lginform -- --help``);
set them from AWS Secrets Manager in the deployment. The dbt task reads the
same DATABASE_URL (common/dbt.py) and DBT_TARGET (dev, or prod for
sslmode=require). LGINFORM_REPO_ROOT is the checkout the commands run in;
unset, it is the repository this file is in.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, CronDataIntervalTimetable
from common.dbt import DbtBuildOperator
from common.defaults import default_args, run_deadline

DAG_ID = "lginform_pipeline"


def repository_holding_this_file() -> str:
    """
    The checkout this file is in (it sits four folders down, in
    examples/lginform/airflow/dags/), for when LGINFORM_REPO_ROOT is unset.
    Only the path is worked out: no network, database or process. Copied
    into a DAGs folder outside a checkout, it gives that folder and the tasks
    fail with npm's "Missing script": set LGINFORM_REPO_ROOT there.
    """
    here = Path(__file__).resolve()
    return str(here.parents[4]) if len(here.parents) > 4 else str(here.parent)


REPO_ROOT = f'"${{LGINFORM_REPO_ROOT:-{repository_holding_this_file()}}}"'


# #region cli-command
def cli_command(step: str) -> str:
    """The pipeline's own command for one step and the run's logical date."""
    return f"cd {REPO_ROOT} && npm run --silent example:lginform -- {step} --date {{{{ ds }}}}"


# #endregion cli-command

# #region dag
with DAG(
    dag_id=DAG_ID,
    description="LG Inform Plus -> S3 raw zone -> PostgreSQL -> dbt, for Kingston upon Thames and Sutton",
    doc_md=__doc__,
    # 06:00 in London each day, for the day before: the logical date (ds) is
    # the start of the interval, so the run on 1 April loads 31 March. The
    # same day the CLI picks when no --date is given.
    schedule=CronDataIntervalTimetable("0 6 * * *", timezone="Europe/London"),
    start_date=pendulum.datetime(2024, 1, 1, tz="Europe/London"),
    # No runs for past dates when the DAG is first switched on; a backfill is
    # asked for (airflow backfill create --dag-id lginform_pipeline
    # --from-date ... --to-date ...). One run at a time, so a backfill goes
    # date by date, and a load never commits while dbt builds the
    # incremental fact (see fct_metric_values.sql).
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    dagrun_timeout=timedelta(hours=3),
    deadline=run_deadline(within=timedelta(hours=2)),
    tags=["lginform", "dbt"],
) as dag:
    # Extract and land are one command: responses are landed as they arrive,
    # so a crash half way keeps what was fetched. Each run of a date lands a
    # new run folder; load reads the latest complete one.
    extract_and_land = BashOperator(
        task_id="extract_and_land",
        bash_command=cli_command("extract"),
        append_env=True,
        execution_timeout=timedelta(minutes=45),
    )

    # Replaces the date's partition in one transaction: a retry or a re-run
    # gives the same rows, never twice the rows.
    load = BashOperator(
        task_id="load",
        bash_command=cli_command("load"),
        append_env=True,
        execution_timeout=timedelta(minutes=30),
    )

    # dbt runs as the command a person runs (dbt build), with a
    # BashOperator, not astronomer-cosmos: cosmos would make one task per
    # model and test (clearer retries, a bigger graph), but it parses the
    # dbt project whenever the DAG file is parsed, needs its own profile
    # mapping, and adds a dependency to pin. One `dbt build` keeps dbt's own
    # order and skip-on-failure, and is easy to run by hand.
    dbt_build = DbtBuildOperator(
        task_id="dbt_build",
        bash_command=f"cd {REPO_ROOT}/examples/lginform/dbt && dbt build",
        env={
            "DBT_PROFILES_DIR": ".",
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DO_NOT_TRACK": "1",
            "DBT_USE_COLORS": "false",
        },
        execution_timeout=timedelta(minutes=20),
    )

    extract_and_land >> load >> dbt_build
# #endregion dag
