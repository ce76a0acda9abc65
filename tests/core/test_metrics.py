"""Prometheus' ``/metrics``, scraped over HTTP after a kudos, a check-in and a 429."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from prometheus_client import start_http_server
from prometheus_client.parser import text_string_to_metric_families

from bot.core.scheduling.ticker import LOOK_FOR_WORK
from tests.fakeslack import FakeSlack
from tests.support.checkins import ALICE, add_people, at, checkin, tick_and_deliver
from tests.support.kudos import BOB, kudos_command
from tests.support.running import RunningApp
from tests.support.signing import http_request

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


@pytest.fixture(autouse=True)
def people(fake_slack: FakeSlack) -> None:
    add_people(fake_slack)


@pytest.fixture
def metrics_url(running_app: RunningApp) -> Iterator[str]:
    """The app's registry served as ``kindling run`` serves it on KINDLING_METRICS_PORT."""
    server, thread = start_http_server(
        0, addr="127.0.0.1", registry=running_app.kindling.metrics.registry
    )
    yield f"http://127.0.0.1:{server.server_port}/metrics"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def scrape(url: str) -> Samples:
    answer = http_request(url)
    assert answer.status == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.body)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_show_requests_deliveries_the_outbox_ticks_and_429s(
    running_app: RunningApp, fake_slack: FakeSlack, metrics_url: str
) -> None:
    assert kudos_command(running_app, fake_slack, f"<@{BOB}> for the review").status == 200
    running_app.kindling.dispatcher.drain()
    checkin(running_app, fake_slack, "on", user=ALICE)
    fake_slack.rate_limit_next("chat.postMessage", retry_after=30)
    at(running_app, datetime(2026, 11, 26, 8, 30, tzinfo=UTC))  # 09:30 in Berlin
    tick_and_deliver(running_app)

    samples = scrape(metrics_url)
    assert value(samples, "kindling_requests_total", surface="command", outcome="ok") == 2
    assert value(samples, "kindling_request_seconds_count", surface="command") == 2
    assert value(samples, "kindling_deliveries_total", kind="kudos.shoutout", outcome="sent") == 1
    assert value(samples, "kindling_deliveries_total", kind="checkin", outcome="retry_later") == 1
    assert value(samples, "kindling_slack_waits_total", reason="rate_limited") == 1
    assert value(samples, "kindling_outbox_messages", kind="checkin", status="pending") == 1
    assert value(samples, "kindling_tick_job_seconds_count", job="claim due check-ins") == 1
    assert not any(name == "kindling_tick_job_failures_total" for name, _labels in samples)
    assert value(samples, "kindling_paused_workspaces") == 1, "the 429's 30 s have not passed"
    assert value(samples, "kindling_outbox_claim_size_count") >= 2  # the kudos, the check-in
    assert value(samples, "kindling_outbox_claim_size_sum") >= 3
    assert value(samples, "kindling_directory_syncs_total", outcome="synced") == 1


def test_a_directory_sync_slack_refuses_is_counted_and_holds_up_nothing(
    running_app: RunningApp, fake_slack: FakeSlack, metrics_url: str
) -> None:
    fake_slack.http_error_next("users.list", status=503)
    tick_and_deliver(running_app)
    samples = scrape(metrics_url)
    assert value(samples, "kindling_directory_syncs_total", outcome="failed") == 1
    assert value(samples, "kindling_tick_job_seconds_count", job=LOOK_FOR_WORK) == 1
