"""Neo4j connection settings from flags or the environment (no driver import: cheap for the CLI).

Exit code 3 is reserved for connection problems (server down, wrong credentials, missing database, a server too
old or not Neo4j, a server that stops answering). Timeouts, in seconds: `connect_timeout` (NEO4J_CONNECT_TIMEOUT,
default 3) to reach the server and log in; `timeout` (NEO4J_TIMEOUT or --timeout, default 30) for any one call
after that (a query, one write batch of a sync), enforced on our side, so a stalled server ends in an error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from graph.errors import ConnectionProblem, ExitCode

EXIT_CONNECTION = ExitCode.CONNECTION
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONNECTION_TIMEOUT_S = 3.0
DEFAULT_TIMEOUT_S = 30.0
MAX_TIMEOUT_S = 24 * 3600.0
TX_GRACE_S = 1.0  # the server-side transaction timeout is `timeout` plus this, so our own deadline speaks first


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str | None = None
    database: str = DEFAULT_DATABASE
    connect_timeout: float = CONNECTION_TIMEOUT_S
    timeout: float = DEFAULT_TIMEOUT_S

    @classmethod
    def from_env(cls, **given: str | float | None) -> Settings:
        """Settings from the given values, else NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE /
        NEO4J_CONNECT_TIMEOUT / NEO4J_TIMEOUT (a timeout that is not a number is NaN: `connect` refuses it)."""

        def pick(name: str, env: str, default: str | None) -> Any:
            value = given.get(name)
            return value if value is not None else os.environ.get(env, default)

        return cls(
            uri=pick("uri", "NEO4J_URI", DEFAULT_URI) or DEFAULT_URI,
            username=pick("username", "NEO4J_USERNAME", DEFAULT_USERNAME) or DEFAULT_USERNAME,
            password=pick("password", "NEO4J_PASSWORD", None),
            database=pick("database", "NEO4J_DATABASE", DEFAULT_DATABASE) or DEFAULT_DATABASE,
            connect_timeout=_seconds(pick("connect_timeout", "NEO4J_CONNECT_TIMEOUT", None), CONNECTION_TIMEOUT_S),
            timeout=_seconds(pick("timeout", "NEO4J_TIMEOUT", None), DEFAULT_TIMEOUT_S),
        )

    def check(self) -> None:
        """Refuse timeouts that are not a number of seconds above 0 (at most a day)."""
        for name, env, seconds in (
            ("connect timeout", "NEO4J_CONNECT_TIMEOUT", self.connect_timeout),
            ("timeout", "NEO4J_TIMEOUT or --timeout", self.timeout),
        ):
            if not 0 < seconds <= MAX_TIMEOUT_S:
                raise ConnectionProblem(f"the Neo4j {name} ({env}) must be a number of seconds above 0, at most 86400")


def _seconds(text: str | float | None, default: float) -> float:
    if text is None or text == "":
        return default
    try:
        return float(text)
    except ValueError:
        return float("nan")
