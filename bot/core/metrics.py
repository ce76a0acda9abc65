"""Kindling's Prometheus metrics, in a registry of its own (served on
``KINDLING_METRICS_PORT`` when set). Labels are bounded: a surface, a job, a message kind and
an outcome, never a workspace, channel or person."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector


class SyncOutcome(StrEnum):
    """How one workspace's member directory sync ended."""

    SYNCED = "synced"
    FAILED = "failed"  # Slack refused or did not answer: tried again next tick
    NOT_INSTALLED = "not_installed"


class DeliveryOutcome(StrEnum):
    """How one attempt to send an outbox message ended."""

    SENT = "sent"
    FAILED = "failed"  # Slack refused it (a closed DM, a missing scope...)
    UNCERTAIN = "uncertain"  # may have been posted (a timeout): never sent again
    RETRY_LATER = "retry_later"  # proven not posted (429, refused connection): requeued
    SKIPPED = "skipped"  # not sent on purpose (do-not-disturb, too late)
    HELD = "held"  # waits for its person's working hours or do-not-disturb: requeued


# ``(kind, status, count)`` for every outbox row, read when Prometheus scrapes.
OutboxCounts = Callable[[], Iterable[tuple[str, str, int]]]


class Metrics:
    """The counters and histograms every part of Kindling records into."""

    def __init__(self, *, outbox_counts: OutboxCounts | None = None) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "kindling_requests",
            "Slack requests handled, by surface and outcome",
            ["surface", "outcome"],
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "kindling_request_seconds",
            "Time from Kindling's first middleware to the answer, by surface",
            ["surface"],
            registry=self.registry,
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 3),
        )
        self.deliveries = Counter(
            "kindling_deliveries",
            "Outbox messages Kindling tried to send, by kind and outcome",
            ["kind", "outcome"],
            registry=self.registry,
        )
        self.slack_waits = Counter(
            "kindling_slack_waits",
            "Times Slack made a workspace wait (a 429, a refused connection, token trouble)",
            ["reason"],
            registry=self.registry,
        )
        self.job_seconds = Histogram(
            "kindling_tick_job_seconds",
            "How long each tick job took",
            ["job"],
            registry=self.registry,
        )
        self.job_failures = Counter(
            "kindling_tick_job_failures",
            "Tick jobs that raised (they run again next tick)",
            ["job"],
            registry=self.registry,
        )
        self.claim_sizes = Histogram(
            "kindling_outbox_claim_size",
            "Messages claimed together in one transaction before their Slack calls",
            registry=self.registry,
            buckets=(1, 2, 5, 10, 25, 50, 96),
        )
        self.directory_syncs = Counter(
            "kindling_directory_syncs",
            "Member directory syncs (users.list) of one workspace, by outcome",
            ["outcome"],
            registry=self.registry,
        )
        self.paused_workspaces = Gauge(
            "kindling_paused_workspaces",
            "Workspaces this process sends nothing to now (a 429's Retry-After, token trouble)",
            registry=self.registry,
        )
        if outbox_counts is not None:
            self.registry.register(_OutboxCollector(outbox_counts))

    def count_paused(self, paused: Callable[[], int]) -> None:
        """Read :attr:`paused_workspaces` from ``paused`` at each scrape."""
        self.paused_workspaces.set_function(paused)


class _OutboxCollector(Collector):
    """``kindling_outbox_messages{kind, status}``: the outbox as it is at scrape time."""

    def __init__(self, counts: OutboxCounts) -> None:
        self._counts = counts

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            "kindling_outbox_messages",
            "Outbox messages by kind and delivery status",
            labels=["kind", "status"],
        )
        for kind, status, count in self._counts():
            family.add_metric([kind, status], count)
        yield family
