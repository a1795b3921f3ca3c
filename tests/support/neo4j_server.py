"""A real Neo4j 5.26 for tests: an external server, a Docker container, or a local in-process harness.

The local harness is the Java launcher in ``tools/neo4j-harness`` (Neo4j's ``neo4j-harness``, community
edition, Bolt only, auth enabled). It needs Java 17+ and, for the first build, Maven with access to Maven
Central. Run ``python -m tests.support.neo4j_server`` to start one by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HARNESS_DIR = REPO / "tools" / "neo4j-harness"
POM = HARNESS_DIR / "pom.xml"
LAUNCHER_SOURCE = HARNESS_DIR / "src" / "main" / "java" / "actorgraph" / "harness" / "Launcher.java"
LAUNCHER_JAR = HARNESS_DIR / "target" / "neo4j-harness-launcher.jar"
LAUNCHER_LIBS = HARNESS_DIR / "target" / "lib"

CONTAINER_IMAGE = "neo4j:5.26-community"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "actorgraph-test"  # >= 8 characters, as the Docker image requires
STARTUP_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
READY_PREFIX = "READY "

# JVM options from Neo4j's own launcher/test settings (neo4j parent pom `jdk.custom.options`, neo4j.conf),
# plus C1-only JIT, which roughly halves startup on 2 cores (hot Cypher runs somewhat slower).
# Extra options (appended, so they win) come from $ACTORGRAPH_NEO4J_JAVA_OPTS.
JVM_FLAGS = (
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


class HarnessError(RuntimeError):
    """The local Neo4j harness could not be built or started."""


@dataclass(frozen=True)
class Neo4jInfo:
    """How to reach a Neo4j server."""

    uri: str
    username: str
    password: str
    database: str = "neo4j"


# --------------------------------------------------------------------------- building


def _java_executable() -> str:
    """The `java` to use: $JAVA_HOME/bin/java if present, else the one on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    java = shutil.which("java")
    if java is None:
        raise HarnessError("`java` not found: install a JDK 17 or 21 (or set JAVA_HOME) to use the local Neo4j")
    return java


def _harness_is_built() -> bool:
    """True if the launcher jar and its libraries exist and are newer than the sources."""
    if not LAUNCHER_JAR.is_file() or not LAUNCHER_LIBS.is_dir() or not any(LAUNCHER_LIBS.glob("*.jar")):
        return False
    built = LAUNCHER_JAR.stat().st_mtime
    return all(src.stat().st_mtime <= built for src in (POM, LAUNCHER_SOURCE) if src.exists())


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """Serialise concurrent builds (e.g. pytest-xdist workers) with a file lock where available."""
    LAUNCHER_JAR.parent.mkdir(parents=True, exist_ok=True)
    with open(LAUNCHER_JAR.parent / ".build.lock", "w") as handle:
        try:
            import fcntl
        except ImportError:  # not POSIX: no locking
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def harness_unavailable_reason() -> str | None:
    """Why the local harness cannot run here (no java, or not built and no mvn), or None if it can."""
    try:
        _java_executable()
    except HarnessError as error:
        return str(error)
    if not _harness_is_built() and shutil.which("mvn") is None:
        return "`mvn` not found and the Neo4j harness is not built"
    return None


def build_harness(force: bool = False) -> Path:
    """Build the launcher with Maven unless it is already up to date; return the jar's path."""
    if not force and _harness_is_built():
        return LAUNCHER_JAR
    _java_executable()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise HarnessError(f"`mvn` not found: install Maven 3.8+ to build {HARNESS_DIR} (needs Maven Central once)")
    with _build_lock():
        if force or not _harness_is_built():
            _run_maven(mvn)
    return LAUNCHER_JAR


def _run_maven(mvn: str) -> None:
    """Run `mvn package` quietly; raise HarnessError with Maven's output tail on failure."""
    command = [mvn, "-q", "-B", "-Dstyle.color=never", "-f", str(POM), "package"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not _harness_is_built():
        output = (result.stdout + result.stderr).strip().splitlines()
        tail = "\n".join(output[-40:])
        raise HarnessError(f"Maven build of the Neo4j harness failed (exit {result.returncode}):\n{tail}")


# --------------------------------------------------------------------------- running


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalNeo4jServer:
    """One launcher process on a fixed port and data directory that can be stopped, killed and restarted.

    Logs (launcher stdout/stderr) go to `log_path`; Neo4j's own logs live under the private temp dir.
    """

    def __init__(
        self,
        port: int,
        password: str,
        data_dir: Path,
        work_dir: Path,
        heap: str = "512m",
        startup_timeout: float = STARTUP_TIMEOUT_S,
    ) -> None:
        self.port = port
        self.data_dir = data_dir
        self.work_dir = work_dir
        self.heap = heap
        self.startup_timeout = startup_timeout
        self.log_path = work_dir / "launcher.log"
        self.info = Neo4jInfo(uri=f"bolt://127.0.0.1:{port}", username=DEFAULT_USER, password=password)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The launcher's process id while it runs."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    @property
    def is_running(self) -> bool:
        """True while the launcher process is alive."""
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        """The java command line that starts this server."""
        return [
            _java_executable(),
            f"-Xmx{self.heap}",
            *JVM_FLAGS,
            f"-Djava.io.tmpdir={self.work_dir}",
            *shlex.split(os.environ.get("ACTORGRAPH_NEO4J_JAVA_OPTS", "")),
            "-jar",
            str(build_harness()),
            "--port",
            str(self.port),
            "--password",
            self.info.password,
            "--data-dir",
            str(self.data_dir),
        ]

    def start(self) -> None:
        """Start the launcher and block until Bolt accepts connections (raises HarnessError otherwise)."""
        if self.is_running:
            raise HarnessError(f"Neo4j already running on port {self.port}")
        command = self.command()
        with open(self.log_path, "ab") as log:  # the child keeps its own copy of the descriptor
            offset = log.tell()
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_ready(offset)

    def _wait_ready(self, offset: int) -> None:
        """Poll the log for the READY line; on exit or timeout kill the process and raise."""
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if READY_PREFIX + self.info.uri in self._read_log(offset):
                return
            if not self.is_running:
                self.kill()
                raise HarnessError(f"Neo4j launcher exited during startup:\n{self.log_tail()}")
            time.sleep(0.1)
        self.kill()
        raise HarnessError(f"Neo4j not ready after {self.startup_timeout:.0f} s:\n{self.log_tail()}")

    def _read_log(self, offset: int = 0) -> str:
        with open(self.log_path, "rb") as log:
            log.seek(offset)
            return log.read().decode("utf-8", errors="replace")

    def log_tail(self, lines: int = 40) -> str:
        """The last `lines` lines of the launcher log."""
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self._read_log().splitlines()[-lines:])

    def stop(self, timeout: float = STOP_TIMEOUT_S) -> None:
        """Shut down cleanly (SIGTERM); fall back to SIGKILL after `timeout` seconds."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reap()

    def kill(self) -> None:
        """Kill the process at once (SIGKILL), like a crash (the OS still keeps what was written)."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._reap()

    def restart(self) -> None:
        """Stop (cleanly) and start again on the same port and data directory."""
        self.stop()
        self.start()

    def wait(self) -> int:
        """Block until the process exits; return its exit code."""
        if self._process is None:
            raise HarnessError("Neo4j is not running")
        return self._process.wait()

    def _reap(self) -> None:
        if self._process is not None and self._process.stdin is not None:
            self._process.stdin.close()
        self._process = None


@contextlib.contextmanager
def local_neo4j(
    password: str = DEFAULT_PASSWORD,
    data_dir: Path | None = None,
    port: int | None = None,
    heap: str = "512m",
    startup_timeout: float = STARTUP_TIMEOUT_S,
) -> Iterator[LocalNeo4jServer]:
    """Run the harness on 127.0.0.1 (a free port unless `port` is given) until the block exits.

    Without `data_dir` the store lives in a temp dir that survives stop/kill/restart inside the block
    and is deleted afterwards; with `data_dir` it persists across runs.
    """
    build_harness()
    work_dir = Path(tempfile.mkdtemp(prefix="actorgraph-neo4j-"))
    try:
        server = _start_server(password, data_dir or work_dir / "data", port, work_dir, heap, startup_timeout)
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


def _start_server(
    password: str,
    data_dir: Path,
    port: int | None,
    work_dir: Path,
    heap: str,
    startup_timeout: float,
    retries: int = 2,
) -> LocalNeo4jServer:
    """Start a server; if a freshly picked port was taken meanwhile, retry on another one."""
    server = LocalNeo4jServer(port or free_port(), password, data_dir, work_dir, heap, startup_timeout)
    try:
        server.start()
    except HarnessError as error:
        if port is None and retries > 0 and "Address already in use" in str(error):
            return _start_server(password, data_dir, None, work_dir, heap, startup_timeout, retries - 1)
        raise
    return server


# --------------------------------------------------------------------------- selection


def docker_engine_available(timeout: float = 2.0) -> bool:
    """True if a Docker engine answers a ping within `timeout` seconds; never raises."""
    try:
        import docker

        client = docker.from_env(timeout=timeout)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def _info_from_env() -> Neo4jInfo | None:
    """The server named by NEO4J_URI (+ NEO4J_USERNAME/NEO4J_PASSWORD/NEO4J_DATABASE), if set."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jInfo(
        uri=uri,
        username=os.environ.get("NEO4J_USERNAME", DEFAULT_USER),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
    )


@contextlib.contextmanager
def container_neo4j(password: str = DEFAULT_PASSWORD) -> Iterator[Neo4jInfo]:
    """Run `neo4j:5.26-community` with testcontainers (needs a Docker engine)."""
    try:
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError:  # testcontainers < 4.15
        from testcontainers.neo4j import Neo4jContainer

    container = Neo4jContainer(CONTAINER_IMAGE, password=password, username=DEFAULT_USER)
    container.with_env("NEO4J_server_memory_pagecache_size", "128M")
    container.with_env("NEO4J_server_memory_heap_max__size", "512M")
    with container:
        yield Neo4jInfo(uri=container.get_connection_url(), username=DEFAULT_USER, password=password)


@contextlib.contextmanager
def neo4j_for_tests(password: str = DEFAULT_PASSWORD) -> Iterator[Neo4jInfo]:
    """A Neo4j for tests: NEO4J_URI if set, else a testcontainers container, else the local harness."""
    external = _info_from_env()
    if external is not None:
        yield external
    elif docker_engine_available():
        with container_neo4j(password) as info:
            yield info
    else:
        with local_neo4j(password=password) as server:
            yield server.info


# --------------------------------------------------------------------------- CLI


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.neo4j_server",
        description="Run a local Neo4j 5.26 (community, in-process harness) until Ctrl-C. Needs Java 17+.",
    )
    parser.add_argument("--port", type=int, default=7687, help="Bolt port on 127.0.0.1 (0 = any free port)")
    parser.add_argument("--password", default=DEFAULT_PASSWORD, help="password of user neo4j")
    parser.add_argument("--data-dir", type=Path, help="keep the store here across runs (default: temporary)")
    parser.add_argument("--heap", default="512m", help="JVM max heap (default 512m)")
    return parser.parse_args(argv)


def _raise_keyboard_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Start the harness, print how to connect, and run until Ctrl-C or the server exits."""
    args = _parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)  # `kill PID` cleans up like Ctrl-C
    try:
        with local_neo4j(args.password, args.data_dir, args.port or None, args.heap) as server:
            info = server.info
            print(f"Neo4j ready: {info.uri}  user={info.username}  password={info.password}", flush=True)
            print(f"  export NEO4J_URI={info.uri} NEO4J_USERNAME={info.username} NEO4J_PASSWORD={info.password}")
            print(f"  data: {args.data_dir or '(temporary, deleted on exit)'}   log: {server.log_path}")
            print("Press Ctrl-C to stop.", flush=True)
            code = server.wait()
            print(f"Neo4j exited unexpectedly (exit {code}):\n{server.log_tail()}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nStopped.")
        return 0
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
