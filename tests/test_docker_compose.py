"""docker-compose.yml: a pinned Neo4j, reachable from this machine only, with no password in the repository."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import REPO

COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))
NEO4J = COMPOSE["services"]["neo4j"]


def test_image_is_pinned_to_neo4j_5_26_community():
    assert NEO4J["image"] == "neo4j:5.26-community"


def test_ports_are_bound_to_localhost_only():
    assert NEO4J["ports"]
    for port in NEO4J["ports"]:
        assert str(port).startswith("127.0.0.1:"), port


def test_password_comes_from_the_environment_and_is_required():
    auth = NEO4J["environment"]["NEO4J_AUTH"]
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD:\?[^}]+\}", auth), auth


@pytest.mark.parametrize("path", ["docker-compose.yml", ".env.example"])
def test_no_literal_password_is_committed(path):
    text = (REPO / path).read_text(encoding="utf-8")
    assert not re.search(r"NEO4J_AUTH\s*[:=]\s*neo4j/[^$\s]", text)
    assert re.findall(r"^NEO4J_PASSWORD=(.*)$", text, re.MULTILINE) in ([], [""])
    assert ".env" in (REPO / ".gitignore").read_text(encoding="utf-8").split()


def test_data_and_logs_are_named_volumes():
    mounts = dict(v.split(":")[::-1] for v in NEO4J["volumes"])
    assert set(mounts) == {"/data", "/logs"}
    assert set(mounts.values()) <= set(COMPOSE["volumes"])


def test_memory_healthcheck_and_optional_plugins():
    env = NEO4J["environment"]
    assert {"NEO4J_server_memory_heap_max__size", "NEO4J_server_memory_pagecache_size"} <= set(env)
    assert env["NEO4J_PLUGINS"] == "${NEO4J_PLUGINS:-}"
    assert "7474" in " ".join(NEO4J["healthcheck"]["test"])
