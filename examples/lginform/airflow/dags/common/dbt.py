"""
``dbt build`` as an Airflow task: a BashOperator whose warehouse connection
is read from DATABASE_URL when the task runs.

dbt's profile cannot parse a URL, so the URL is split into the DBT_PG_*
variables profiles.yml reads (the same split as src/dbt.ts in TypeScript).
It happens in ``execute``, after templates are rendered, so the password
never appears in the task's rendered fields in the UI or the metadata
database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import Context


class DatabaseUrlError(ValueError):
    """DATABASE_URL is missing or not a postgres:// URL."""


# #region dbt-connection-env
def dbt_connection_env(database_url: str) -> dict[str, str]:
    """The variables profiles.yml reads, from a postgres:// URL."""
    parts = urlsplit(database_url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise DatabaseUrlError("DATABASE_URL must start postgres:// or postgresql://")
    if not parts.hostname:
        raise DatabaseUrlError("DATABASE_URL names no host")
    user = unquote(parts.username or "")
    return {
        "DBT_PG_HOST": parts.hostname,
        "DBT_PG_PORT": str(parts.port or 5432),
        "DBT_PG_USER": user,
        # dbt keeps variables named DBT_ENV_SECRET_* out of its logs.
        "DBT_ENV_SECRET_PG_PASSWORD": unquote(parts.password or ""),
        "DBT_PG_DBNAME": unquote(parts.path.lstrip("/")) or user,
        "DBT_PG_SSLMODE": parse_qs(parts.query).get("sslmode", ["prefer"])[0],
    }


# #endregion dbt-connection-env


class DbtBuildOperator(BashOperator):
    """A BashOperator for dbt that adds the connection from DATABASE_URL as it runs."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(append_env=True, **kwargs)

    def execute(self, context: Context) -> Any:
        self.env = {**(self.env or {}), **connection_env_from(os.environ)}
        return super().execute(context)


def connection_env_from(environ: Mapping[str, str]) -> dict[str, str]:
    """From DATABASE_URL if it is set; otherwise the worker's own DBT_PG_* or PG* variables serve."""
    database_url = environ.get("DATABASE_URL", "").strip()
    return dbt_connection_env(database_url) if database_url else {}
