"""``compose.yaml`` deploys what the README says: PostgreSQL, one migration run, then two
replicas that do not migrate, all on the same database. (Its shape against the Compose
Specification's schema is checked by ``.ci/run``: ``python -m tests.support.compose``.)"""

from __future__ import annotations

from tests.support.compose import ROOT, load_compose


def test_migrations_run_once_before_the_replicas_start() -> None:
    services = load_compose()["services"]
    assert services["migrate"]["command"] == ["kindling", "db", "upgrade"]
    replica = services["kindling"]
    assert replica["command"] == ["kindling", "run", "--no-migrate"]
    assert replica["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert services["migrate"]["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert replica["deploy"]["replicas"] == 2


def test_every_kindling_service_runs_the_built_image_on_postgres() -> None:
    services = load_compose()["services"]
    kindling = [services["migrate"], services["kindling"]]
    assert {service["image"] for service in kindling} == {services["migrate"]["image"]}
    assert services["migrate"]["build"] == "."
    urls = {service["environment"]["DATABASE_URL"] for service in kindling}
    (url,) = urls
    assert url.startswith("postgresql+psycopg://")
    assert "@postgres:5432/" in url


def test_the_settings_compose_reads_are_in_the_example_env() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert "\nPOSTGRES_PASSWORD=" in example
