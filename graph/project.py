"""Projects: where the seeds, your queries and the outputs live, found the way git finds a repository.

A project is a folder holding an `actorgraph.toml` file, or else a `seeds/` folder. Every command looks in the
working folder, then in each folder above it, and uses the first project found. `--seeds DIR` (or
`ACTORGRAPH_SEEDS`) overrides the seeds folder only; `--project DIR` (or `ACTORGRAPH_PROJECT`) starts the search
there instead of the working folder. `actorgraph.toml` (all keys optional, paths relative to the file)::

    [project]
    seeds = "seeds"      # documents/, annotations/ and schema.yaml
    schema = "seeds/schema.yaml"
    queries = "queries"  # your own .cypher queries: they come before the shipped ones and override one by name
    out = "build"        # where build, viz, export and pull write by default

`init_project(DIR)` writes a starter project: this file, the example seeds, the shipped queries and a README.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InitRefused, ProjectError

__all__ = [
    "PROJECT_FILE",
    "SHIPPED_QUERIES",
    "Project",
    "ProjectError",
    "find_project",
    "init_project",
    "open_project",
]

PROJECT_FILE = "actorgraph.toml"
STARTER = Path(__file__).parent / "starter"
SHIPPED_QUERIES = STARTER / "queries"
KEYS = ("seeds", "schema", "queries", "out")
POINT_ELSEWHERE = (
    "cd into a project, pass --project DIR or --seeds DIR (or set ACTORGRAPH_PROJECT or ACTORGRAPH_SEEDS), "
    "or start one with `actorgraph init DIR`"
)


@dataclass(frozen=True)
class Project:
    """Where one project's parts are; `file` is its `actorgraph.toml` (None for a bare `seeds/` folder)."""

    root: Path
    seeds: Path
    schema: Path | None = None
    queries: Path | None = None
    out: Path | None = None
    file: Path | None = None

    @classmethod
    def at(cls, root: Path, file: Path | None = None, **paths: str) -> Project:
        """The project in `root` with the given paths (relative to `root`) or the defaults."""
        given = {key: root / value for key, value in paths.items() if value is not None}
        return cls(
            root=root,
            seeds=given.get("seeds", root / "seeds"),
            schema=given.get("schema"),
            queries=given.get("queries", root / "queries"),
            out=given.get("out", root / "build"),
            file=file,
        )

    @property
    def query_folders(self) -> list[Path]:
        """Where query names are looked up, first match wins: the project's own `queries/`, then the shipped ones."""
        own = [self.queries] if self.queries is not None and self.queries.is_dir() else []
        return [*own, SHIPPED_QUERIES]


def find_project(start: Path | None = None) -> Project | None:
    """The project in `start` (default: the working folder) or the nearest folder above it; None if there is none."""
    here = Path(start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return read_project_file(folder / PROJECT_FILE)
        if (folder / "seeds").is_dir():
            return Project.at(folder)
    return None


def open_project(seeds: Path | None = None, schema: Path | None = None, start: Path | None = None) -> Project:
    """The project commands use: found from `start` (or the working folder), with `seeds`/`schema` overriding.

    With `seeds` and no project around, the working folder holds the queries and outputs (as before projects).
    """
    found = find_project(start)
    if found is None and seeds is None:
        where = Path(start or Path.cwd()).absolute()
        raise ProjectError(
            f"no actorgraph project in {where} or any folder above it (looked for {PROJECT_FILE} or a seeds/ "
            f"folder): {POINT_ELSEWHERE}"
        )
    project = found or Project.at(Path(start or Path.cwd()).absolute(), seeds=".")
    if seeds is not None:
        project = Project(project.root, seeds, project.schema, project.queries, project.out, project.file)
    if schema is not None:
        project = Project(project.root, project.seeds, schema, project.queries, project.out, project.file)
    return project


def read_project_file(path: Path) -> Project:
    """The project `path` (an `actorgraph.toml`) describes; a malformed file is one clear `ProjectError`."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
        raise ProjectError(f"{path}: cannot read it as TOML ({problem}); fix it, or {POINT_ELSEWHERE}") from None
    unknown = sorted(set(table) - set(KEYS)) if isinstance(table, dict) else ["(not a table)"]
    bad = [key for key in KEYS if not isinstance(table.get(key, ""), str)] if not unknown else []
    if unknown or bad:
        raise ProjectError(
            f"{path}: [project] takes only {', '.join(KEYS)} (each a path relative to the file); "
            f"not {', '.join(unknown or bad)}"
        )
    return Project.at(path.parent, path, **table)


def init_project(folder: Path | str) -> Project:
    """Write a starter project into `folder` (created; it must be empty): `actorgraph.toml`, the example seeds
    (the default schema, one article and its annotation), the shipped queries in `queries/` and a README.
    Commands run inside it build and query at once.
    """
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitRefused(f"{target} is not an empty folder: init writes only into a new or empty one; pick a new name")
    target.mkdir(parents=True, exist_ok=True)
    staging = target / ".actorgraph-init"
    try:  # copied whole first, then moved into place: a failure leaves no half-made project
        shutil.copytree(STARTER, staging, ignore=shutil.ignore_patterns("__pycache__"))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for part in sorted(staging.iterdir()):
        part.rename(target / part.name)
    staging.rmdir()
    return read_project_file(target.absolute() / PROJECT_FILE)
