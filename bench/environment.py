"""Where the benchmark runs: production settings on a database of its own, set up before Django.

Nothing here imports Django: these functions run before `django.setup()`, because the settings
module reads the environment once, when it is imported.
"""

import base64
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_VAR_DIR = REPO_ROOT / "var" / "bench"
# One database per scale, so a national and a regional dataset can stand side by side.
BENCH_DB_PREFIX = "reintegra_bench"
MARKER_TABLE = "bench_dataset"
# A database that always exists on a PostgreSQL server, to create or drop the benchmark's from.
_MAINTENANCE_DB = "postgres"


class BenchSetupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BenchDatabase:
    vendor: str  # "sqlite" or "postgresql"
    name: str  # the PostgreSQL database's name or the SQLite file's stem
    url: str | None = None  # the benchmark's own PostgreSQL database
    admin_urls: tuple[str, ...] = ()  # databases to connect to for CREATE/DROP DATABASE
    sqlite_path: Path | None = None

    @property
    def label(self) -> str:
        if self.vendor == "postgresql":
            return f"PostgreSQL database {self.name}"
        return f"SQLite file {self.sqlite_path}"


@dataclass(frozen=True)
class DatasetMarker:
    """What a finished build recorded; a database without one holds no usable dataset."""

    scale: str
    log_entries: int
    staff_users: int
    audit_hmac_key: str
    field_encryption_keys: str
    built_at: str
    build_seconds: float


def bench_database(database_url: str | None, scale: str) -> BenchDatabase:
    """The scale's own database: PostgreSQL beside DATABASE_URL's, else a SQLite file of its own."""
    name = f"{BENCH_DB_PREFIX}_{scale}"
    parts = urlsplit(database_url or "")
    if not database_url or parts.scheme.startswith("sqlite"):
        return BenchDatabase(
            vendor="sqlite", name=name, sqlite_path=BENCH_VAR_DIR / f"{name}.sqlite3"
        )
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise BenchSetupError(f"The benchmark runs on PostgreSQL or SQLite, not {parts.scheme!r}.")
    scheme = "postgresql" if parts.scheme == "pgsql" else parts.scheme
    users_db = parts.path.lstrip("/")
    admin_dbs = [db for db in dict.fromkeys((users_db, _MAINTENANCE_DB)) if db and db != name]
    return BenchDatabase(
        vendor="postgresql",
        name=name,
        url=urlunsplit((scheme, parts.netloc, f"/{name}", parts.query, "")),
        admin_urls=tuple(
            urlunsplit((scheme, parts.netloc, f"/{db}", parts.query, "")) for db in admin_dbs
        ),
    )


def database_drop(database: BenchDatabase) -> None:
    """Removes the benchmark's own database, and only that one."""
    if database.vendor == "sqlite":
        assert database.sqlite_path is not None
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{database.sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(database.name)
    )
    with _admin_connection(database) as connection:
        connection.execute(statement)


def database_create_if_missing(database: BenchDatabase) -> None:
    if database.vendor == "sqlite":
        assert database.sqlite_path is not None
        database.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        return
    with _admin_connection(database) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database.name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database.name)))


def marker_read(database: BenchDatabase) -> DatasetMarker | None:
    """The finished build's record, read without Django (its settings need the key stored here)."""
    columns = (
        "scale, log_entries, staff_users, audit_hmac_key, field_encryption_keys, built_at, "
        "build_seconds"
    )
    query = f"SELECT {columns} FROM {MARKER_TABLE}"  # noqa: S608 - constants only
    if database.vendor == "sqlite":
        assert database.sqlite_path is not None
        if not database.sqlite_path.exists():
            return None
        with sqlite3.connect(f"file:{database.sqlite_path}?mode=ro", uri=True) as connection:
            try:
                row = connection.execute(query).fetchone()
            except sqlite3.OperationalError:  # no such table or column: no usable build
                return None
    else:
        assert database.url is not None
        try:
            with psycopg.connect(database.url, autocommit=True) as connection:
                row = connection.execute(query).fetchone()
        except (
            psycopg.errors.UndefinedTable,
            psycopg.errors.UndefinedColumn,
            psycopg.OperationalError,
        ):
            return None
    if row is None:
        return None
    scale, log_entries, staff_users, key, field_keys, built_at, seconds = row
    return DatasetMarker(
        scale=str(scale),
        log_entries=int(log_entries),
        staff_users=int(staff_users),
        audit_hmac_key=str(key),
        field_encryption_keys=str(field_keys),
        built_at=str(built_at),
        build_seconds=float(seconds),
    )


def random_audit_key() -> str:
    return secrets.token_hex(32)


def random_field_encryption_keys() -> str:
    """One AES-256 key in the `keyid:base64url` form FIELD_ENCRYPTION_KEYS takes."""
    key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii").rstrip("=")
    return f"bench:{key}"


def production_environment_set(
    database: BenchDatabase, *, audit_hmac_key: str, field_encryption_keys: str
) -> None:
    """The environment `config.settings.production` demands, pointed at the benchmark's database.

    The keys are the ones the stored dataset was built with: a fresh audit key would make every
    existing entry fail verification, a fresh field key every encrypted value unreadable.
    """
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    os.environ["SECRET_KEY"] = f"bench-{secrets.token_urlsafe(48)}"
    os.environ["AUDIT_HMAC_KEY"] = audit_hmac_key
    os.environ["FIELD_ENCRYPTION_KEYS"] = field_encryption_keys
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["PUBLIC_BASE_URL"] = "https://bench.invalid"
    os.environ["REINTEGRA_VAR_DIR"] = str(BENCH_VAR_DIR)
    os.environ["MFA_REQUIRED"] = "true"
    os.environ["DEMO_MODE"] = "false"
    os.environ["DEBUG"] = "false"
    BENCH_VAR_DIR.mkdir(parents=True, exist_ok=True)
    if database.vendor == "postgresql":
        assert database.url is not None
        os.environ["DATABASE_URL"] = database.url
    else:
        os.environ.pop("DATABASE_URL", None)


def _admin_connection(database: BenchDatabase) -> psycopg.Connection:
    errors: list[str] = []
    for url in database.admin_urls:
        try:
            return psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            errors.append(str(exc).strip())
    raise BenchSetupError(
        "Cannot reach PostgreSQL to create the benchmark database: " + "; ".join(errors)
    )
