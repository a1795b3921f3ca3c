"""Neo4j connection settings from flags or the environment (no driver import: cheap for the CLI).

Exit code 3 is reserved for connection problems (server down, wrong credentials, missing database).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..engines.base import EngineUnavailable
from ..exitcodes import ExitCode

EXIT_CONNECTION = ExitCode.CONNECTION
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USERNAME = "neo4j"
DEFAULT_DATABASE = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONNECTION_TIMEOUT_S = 3.0


class ConnectionProblem(EngineUnavailable):
    """Neo4j cannot be reached or refuses us; `str()` is the one-line message (exit code 3)."""


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect."""

    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str | None = None
    database: str = DEFAULT_DATABASE

    @classmethod
    def from_env(cls, **given: str | None) -> Settings:
        """Settings from the given values, else NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD / NEO4J_DATABASE."""

        def pick(name: str, env: str, default: str | None) -> str | None:
            value = given.get(name)
            return value if value is not None else os.environ.get(env, default)

        return cls(
            uri=pick("uri", "NEO4J_URI", DEFAULT_URI) or DEFAULT_URI,
            username=pick("username", "NEO4J_USERNAME", DEFAULT_USERNAME) or DEFAULT_USERNAME,
            password=pick("password", "NEO4J_PASSWORD", None),
            database=pick("database", "NEO4J_DATABASE", DEFAULT_DATABASE) or DEFAULT_DATABASE,
        )
