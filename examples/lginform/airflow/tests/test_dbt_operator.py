"""The dbt task's connection: split from DATABASE_URL as the task runs, never rendered."""

from __future__ import annotations

import pytest
from common.dbt import DatabaseUrlError, DbtBuildOperator, connection_env_from, dbt_connection_env


def test_splits_a_database_url_for_the_dbt_profile() -> None:
    assert dbt_connection_env("postgres://loader:s%40cret%2Fx@db.example.internal:6543/warehouse?sslmode=require") == {  # secretlint-disable-line -- a made-up password for the parsing test
        "DBT_PG_HOST": "db.example.internal",
        "DBT_PG_PORT": "6543",
        "DBT_PG_USER": "loader",
        "DBT_ENV_SECRET_PG_PASSWORD": "s@cret/x",
        "DBT_PG_DBNAME": "warehouse",
        "DBT_PG_SSLMODE": "require",
    }


def test_uses_libpq_defaults_for_what_the_url_leaves_out() -> None:
    env = dbt_connection_env("postgresql://analyst@127.0.0.1")
    assert env["DBT_PG_PORT"] == "5432"
    assert env["DBT_PG_DBNAME"] == "analyst"
    assert env["DBT_ENV_SECRET_PG_PASSWORD"] == ""
    assert env["DBT_PG_SSLMODE"] == "prefer"


@pytest.mark.parametrize("url", ["mysql://user@host/db", "postgres:///only-a-path", "not a url"])
def test_refuses_what_is_not_a_postgres_url(url: str) -> None:
    with pytest.raises(DatabaseUrlError):
        dbt_connection_env(url)


def test_without_database_url_the_workers_own_variables_serve() -> None:
    assert connection_env_from({"PGHOST": "db"}) == {}


def test_the_password_is_not_a_rendered_field() -> None:
    operator = DbtBuildOperator(task_id="dbt_build", bash_command="dbt build", env={"DBT_PROFILES_DIR": "."})
    assert operator.append_env is True
    assert operator.env == {"DBT_PROFILES_DIR": "."}
