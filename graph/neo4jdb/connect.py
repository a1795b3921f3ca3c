"""Connecting to Neo4j, with one clear message when it fails."""

from __future__ import annotations

import logging
import re

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable, SessionExpired

from .settings import CONNECTION_TIMEOUT_S, SCHEMES, ConnectionProblem, Settings

__all__ = ["ConnectionProblem", "Settings", "connect", "explain"]

# The driver logs connection failures itself; we report each as one message, so keep its log quiet
# unless the application configures logging.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def connect(settings: Settings) -> neo4j.Driver:
    """A driver that has reached the server, logged in and found the database; else `ConnectionProblem`."""
    scheme = settings.uri.partition("://")[0]
    if "://" not in settings.uri or scheme not in SCHEMES:
        raise ConnectionProblem(
            f"cannot use NEO4J_URI {settings.uri!r}: the scheme must be one of {', '.join(SCHEMES)}"
        )
    if not settings.password:
        raise ConnectionProblem("no Neo4j password: set NEO4J_PASSWORD (or pass --password)")
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=CONNECTION_TIMEOUT_S,
            connection_acquisition_timeout=2 * CONNECTION_TIMEOUT_S,
            max_transaction_retry_time=2 * CONNECTION_TIMEOUT_S,
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        )
    except (ConfigurationError, ValueError) as error:
        raise ConnectionProblem(f"cannot use NEO4J_URI {settings.uri!r}: {error}") from None
    try:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database, routing_=neo4j.RoutingControl.READ)
    except Exception as error:
        driver.close()
        raise explain(error, settings) from None
    return driver


def explain(error: Exception, settings: Settings) -> Exception:
    """A driver error as a `ConnectionProblem` with one line naming the cause; other errors unchanged."""
    where = f"Neo4j at {settings.uri}"
    if isinstance(error, AuthError):
        return ConnectionProblem(
            f"{where} refused user {settings.username!r}: wrong username or password (NEO4J_USERNAME, NEO4J_PASSWORD)"
        )
    if isinstance(error, ServiceUnavailable | SessionExpired):
        return ConnectionProblem(f"cannot reach {where}: is it running? ({_reason(error)})")
    if isinstance(error, Neo4jError) and error.code == "Neo.ClientError.Database.DatabaseNotFound":
        return ConnectionProblem(
            f"{where} has no database {settings.database!r} (NEO4J_DATABASE; the community edition has only 'neo4j')"
        )
    if isinstance(error, Neo4jError) and (error.code or "").startswith("Neo.ClientError.Security."):
        return ConnectionProblem(f"{where} refused user {settings.username!r}: {_first_line(error)}")
    if isinstance(error, OSError):
        return ConnectionProblem(f"cannot reach {where}: {_first_line(error)}")
    return error


def _reason(error: Exception) -> str:
    """Why the socket failed (e.g. "[Errno 111] Connection refused"), else the message's first line."""
    found = re.search(r"\(reason (.+?)\)\s*$", str(error), re.MULTILINE)
    return found.group(1) if found else _first_line(error).rstrip(":")


def _first_line(error: BaseException) -> str:
    text = getattr(error, "message", None) or str(error) or type(error).__name__
    return str(text).strip().splitlines()[0]
