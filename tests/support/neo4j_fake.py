"""Servers on 127.0.0.1 that are not a usable Neo4j: silent, closing, HTTP, garbage, or an old Bolt version.

Each accepts connections on a free port in a daemon thread; `fake_server(kind)` yields its bolt:// URI.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

KINDS = ("silent", "closes", "http", "garbage", "bolt-4.4", "bolt-5.0")


def _answer(conn: socket.socket, kind: str) -> None:
    with conn:
        if kind == "silent":  # accepts and never answers
            time.sleep(120)
            return
        if kind == "closes":
            return
        conn.recv(20)  # the Bolt preamble and the versions the client proposes
        if kind == "http":
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        elif kind == "garbage":
            conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
        else:  # an old server agreeing to an old protocol version (4-byte handshake reply: 0, 0, minor, major)
            major, minor = kind.removeprefix("bolt-").split(".")
            conn.sendall(bytes([0, 0, int(minor), int(major)]))
            time.sleep(5)


@contextlib.contextmanager
def fake_server(kind: str) -> Iterator[str]:
    """A server of `kind` (see KINDS) on 127.0.0.1; yields its bolt:// URI, closed afterwards."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=_answer, args=(conn, kind), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"bolt://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        listener.close()
