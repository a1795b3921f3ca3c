"""Connecting to Neo4j, with one clear message when it fails, and a deadline on every call after that."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    UnsupportedServerProduct,
)

from graph.errors import ConnectionProblem
from graph.neo4j.settings import SCHEMES, Settings

__all__ = ["ConnectionProblem", "Settings", "as_problem", "bounded", "connect"]

T = TypeVar("T")
MIN_SERVER = "Neo4j 5.7 or later (5.26 is tested)"


class _SocketTimeouts(logging.Handler):
    """The threads in which the driver logged a socket timeout: it raises "defunct connection" without the cause."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.threads: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if "TimeoutError" in record.getMessage() or "timed out" in record.getMessage():
            self.threads.add(record.thread or 0)


# The driver logs connection failures itself; we report each as one message, so keep its log quiet
# unless the application configures logging (the handler above only takes notes).
_TIMEOUTS = _SocketTimeouts()
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").addHandler(_TIMEOUTS)


def connect(settings: Settings) -> neo4j.Driver:
    """A driver that has reached the server, logged in and found the database; else `ConnectionProblem`."""
    scheme = settings.uri.partition("://")[0]
    if "://" not in settings.uri or scheme not in SCHEMES:
        raise ConnectionProblem(
            f"cannot use NEO4J_URI {settings.uri!r}: the scheme must be one of {', '.join(SCHEMES)}"
        )
    if not settings.password:
        raise ConnectionProblem("no Neo4j password: set NEO4J_PASSWORD (or pass --password)")
    settings.check()
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=settings.connect_timeout,
            connection_acquisition_timeout=2 * settings.connect_timeout,
            max_transaction_retry_time=2 * settings.connect_timeout,
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        )
    except (ConfigurationError, ValueError) as error:
        raise ConnectionProblem(f"cannot use NEO4J_URI {settings.uri!r}: {error}") from None

    def reach() -> None:
        driver.verify_connectivity()
        driver.execute_query("RETURN 1", database_=settings.database, routing_=neo4j.RoutingControl.READ)

    try:
        bounded(settings, reach, 2 * settings.connect_timeout, "NEO4J_CONNECT_TIMEOUT")
    except Exception as error:
        driver.close()
        raise as_problem(error, settings) from None
    return driver


def bounded(
    settings: Settings, call: Callable[[], T], seconds: float | None = None, knob: str = "NEO4J_TIMEOUT or --timeout"
) -> T:
    """`call()`, given `seconds` (default `settings.timeout`) to return; else a `ConnectionProblem` naming the
    stall. The driver has no read timeout of its own, so the call runs in a daemon thread we stop waiting for."""
    limit = settings.timeout if seconds is None else seconds
    box: dict[str, object] = {}

    def target() -> None:
        me = threading.get_ident()
        _TIMEOUTS.threads.discard(me)
        started = time.monotonic()
        try:
            box["value"] = call()
        except BaseException as error:  # handed to the caller's thread
            stall = isinstance(error, ServiceUnavailable | SessionExpired) and me in _TIMEOUTS.threads
            box["error"] = stalled(settings, max(1, round(time.monotonic() - started)), knob) if stall else error
        finally:
            _TIMEOUTS.threads.discard(me)

    worker = threading.Thread(target=target, name="actorgraph-neo4j-call", daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        raise stalled(settings, limit, knob)
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def stalled(settings: Settings, seconds: float, knob: str = "NEO4J_TIMEOUT or --timeout") -> ConnectionProblem:
    return ConnectionProblem(
        f"Neo4j at {settings.uri} did not answer within {seconds:g} s: is it stalled or overloaded? "
        f"(wait longer with {knob})"
    )


def as_problem(error: Exception, settings: Settings) -> Exception:
    """A driver error as a `ConnectionProblem` with one line naming the cause; other errors unchanged."""
    where = f"Neo4j at {settings.uri}"
    if isinstance(error, ConnectionProblem):
        return error
    if isinstance(error, AuthError):
        return ConnectionProblem(
            f"{where} refused user {settings.username!r}: wrong username or password (NEO4J_USERNAME, NEO4J_PASSWORD)"
        )
    if isinstance(error, UnsupportedServerProduct):
        return ConnectionProblem(
            f"{where} answered the Bolt handshake with no version this client speaks: is it a Neo4j server? "
            f"(check NEO4J_URI; actorgraph needs {MIN_SERVER})"
        )
    if isinstance(error, ConfigurationError):  # raised for a feature an old protocol lacks (notification filters)
        old = re.search(r"Bolt Protocol (\d+\.\d+)", str(error))
        speaks = f"speaks Bolt {old.group(1)}" if old else f"cannot be used ({_first_line(error)})"
        return ConnectionProblem(f"{where} {speaks}: too old for actorgraph, which needs {MIN_SERVER}")
    if isinstance(error, ServiceUnavailable | SessionExpired):
        return _unavailable(error, where)
    if isinstance(error, Neo4jError) and error.code == "Neo.ClientError.Database.DatabaseNotFound":
        return ConnectionProblem(
            f"{where} has no database {settings.database!r} (NEO4J_DATABASE; the community edition has only 'neo4j')"
        )
    if isinstance(error, Neo4jError) and (error.code or "").startswith("Neo.ClientError.Security."):
        return ConnectionProblem(f"{where} refused user {settings.username!r}: {_first_line(error)}")
    if isinstance(error, OSError):
        return ConnectionProblem(f"cannot reach {where}: {_first_line(error)}")
    if isinstance(error, DriverError):
        return ConnectionProblem(f"{where}: {type(error).__name__}: {_first_line(error)}")
    return error


def _unavailable(error: Exception, where: str) -> ConnectionProblem:
    """Down, or up but not speaking Bolt: told apart by the driver's message."""
    text = str(error)
    if "looks like HTTP" in text:
        return ConnectionProblem(f"{where} answers HTTP, not Bolt: use the Bolt port (usually 7687) in NEO4J_URI")
    if "handshake" in text:
        return ConnectionProblem(
            f"{where} accepted the connection but did not answer the Bolt handshake: is it a Neo4j server? "
            "(check NEO4J_URI)"
        )
    return ConnectionProblem(f"cannot reach {where}: is it running? ({_reason(error)})")


def _reason(error: Exception) -> str:
    """Why the socket failed (e.g. "[Errno 111] Connection refused"), else the message's first line."""
    found = re.search(r"\(reason (.+?)\)\s*$", str(error), re.MULTILINE)
    return found.group(1) if found else _first_line(error).rstrip(":")


def _first_line(error: BaseException) -> str:
    text = (error.message if isinstance(error, Neo4jError) else None) or str(error) or type(error).__name__
    return str(text).strip().splitlines()[0]
