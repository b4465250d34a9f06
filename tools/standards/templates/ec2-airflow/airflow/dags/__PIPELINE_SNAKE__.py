"""
__PIPELINE_NAME__, once a day: extract the bank holidays, land the response
in the raw zone and write the clean rows, for the logical date.
@@if dbt
Then build and test the dbt models.
@@end

The task runs the pipeline's own command line, the bundle that
``npm run build`` writes (``dist/cli.mjs``), so there is one implementation,
tested once, that a person can also run by hand::

    node dist/cli.mjs --date 2026-12-25

Settings come from the environment, never from this file: LAKE_URL from the
Airflow variable ``__PIPELINE_SNAKE___lake_url``, AWS credentials from the
host's instance role.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pendulum
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, CronDataIntervalTimetable

# The repository's layout is kept on the host (see .github/workflows/deploy.yml),
# so the pipeline's folder is two levels above this file, here and there.
PIPELINE_HOME = Path(__file__).resolve().parents[2]

with DAG(
    dag_id="__PIPELINE_SNAKE__",
    description="Bank holidays -> raw and clean zones of the lake",
    doc_md=__doc__,
    # 06:00 in London each day, for the day before: with a data-interval
    # timetable the logical date (ds) is the start of the interval, the same
    # day the CLI picks by default. (A plain cron string would give the day
    # of the run in Airflow 3.)
    schedule=CronDataIntervalTimetable("0 6 * * *", timezone="Europe/London"),
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/London"),
    # No runs for past dates when the DAG is switched on; ask for a backfill.
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "__OWNER__",
        "retries": 2,
        "retry_delay": timedelta(minutes=5),
        "retry_exponential_backoff": True,
    },
    dagrun_timeout=timedelta(hours=1),
    tags=["__PIPELINE_NAME__"],
) as dag:
    # Safe to retry: a re-run of a date lands a new raw run and replaces the
    # date's clean rows, so nothing is doubled.
    extract_transform_load = BashOperator(
        task_id="extract_transform_load",
        bash_command=f"node {PIPELINE_HOME}/dist/cli.mjs --date {{{{ ds }}}}",
        env={"LAKE_URL": "{{ var.value.__PIPELINE_SNAKE___lake_url }}"},
        append_env=True,
        execution_timeout=timedelta(minutes=30),
    )
@@if dbt

    dbt_build = BashOperator(
        task_id="dbt_build",
        bash_command=f"cd {PIPELINE_HOME}/dbt && dbt build --profiles-dir .",
        env={"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_USE_COLORS": "false"},
        append_env=True,
        execution_timeout=timedelta(minutes=20),
    )

    extract_transform_load >> dbt_build
@@end
