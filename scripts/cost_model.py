"""The capacity and cost model at national scale (issue 31), printed by `make bench`.

A model, not a measurement: it multiplies a stated national workload by the calls each
request makes, as `tests/test_round_trips.py` asserts them and the stream bench counts them
(docs/benchmarks.md), and prices the result at list prices whose date and source are
given with them. Change an assumption here and the printed tables change with it; the
benchmarks page shows the tables this module prints (`tests/test_cost_model.py` fails
when the page and the model disagree).

Run on its own: `python -m scripts.cost_model`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chalicelib.domain.tips import INBOX_SHARDS
from chalicelib.storage.keys import AUDIT_SHARDS, FEED_SHARDS, PLATFORM_BOX_SHARDS

MONTH_SECONDS = 30 * 24 * 3600
MONTHS_A_HALF = 6

# --- The workload: the figures, and what we assumed around them. -----------------

AGENCIES = 18_000
OFFICERS = 200_000
PLATFORMS = 60
#: The largest platform's US legal and emergency requests a half-year (Meta, H1 2022).
LARGEST_LEGAL_A_HALF = 70_000
LARGEST_EMERGENCY_A_HALF = 4_000
#: Assumed: the largest platform receives 40% of all US requests to the 60 platforms.
LARGEST_SHARE = 0.40
DECONFLICTION_EVENTS_A_YEAR = 350_000  # RISS's operations deconflicted a year
TIPS_A_YEAR = 1_000_000
#: Assumed: cases opened a year, each given 5 identifiers and 2 notes; 1 in 4 referred.
CASES_A_YEAR = 300_000
#: Assumed: on a working day 10% of officers use casebridge, each making 30 reads (21 days a month).
ACTIVE_SHARE, READS_A_DAY, WORKING_DAYS = 0.10, 30, 21
#: Assumed: 2,000 organisations integrate a system that polls the feed every 5 minutes;
#: the rest read it when a person opens the console, counted in the officers' reads.
FEED_POLLERS, FEED_POLLS_A_MONTH = 2_000, MONTH_SECONDS // 300
#: Each platform polls its emergency queue once a minute, around the clock.
QUEUE_POLLS_A_MONTH = MONTH_SECONDS // 60


@dataclass(frozen=True)
class Flow:
    """A kind of request at national scale: how many a month, and what each costs.

    `reads` and `writes` are request units (items under 1 KB: a read is 1 RRU strongly
    consistent, a write 1 WRU; inside a transaction both count twice); `calls` the DynamoDB
    API calls (docs/benchmarks.md's round-trip table); `records` the stream records its
    writes make; `audits` the audit records among them (each archived as one S3 object).
    """

    name: str
    per_month: float
    calls: float
    reads: float
    writes: float
    records: float
    audits: float = 1
    s3_puts: float = 0
    s3_gets: float = 0
    lambda_ms: float = 60


def flows() -> list[Flow]:
    legal = LARGEST_LEGAL_A_HALF / LARGEST_SHARE / MONTHS_A_HALF
    emergency = LARGEST_EMERGENCY_A_HALF / LARGEST_SHARE / MONTHS_A_HALF
    cases = CASES_A_YEAR / 12
    tips = TIPS_A_YEAR / 12
    operations = DECONFLICTION_EVENTS_A_YEAR / 12
    officer_reads = OFFICERS * ACTIVE_SHARE * READS_A_DAY * WORKING_DAYS
    return [
        # A case's life: open (1 transaction: case, membership, audit) and 2 notes, a referral
        # for 1 in 4 (create + accept), 5 identifiers in one add (5 blind-index Queries, a
        # BatchGetItem, a transaction of identifiers and their audit).
        Flow("cases opened (with notes)", cases, calls=3, reads=3, writes=2 * (3 + 2 * 3), records=9, audits=3),
        Flow("referrals (create, accept)", cases / 4, calls=2, reads=2, writes=2 * 8, records=8, audits=2),
        Flow("identifiers added (5 a case)", cases, calls=7, reads=7, writes=2 * 6, records=6, audits=1),
        Flow("operations planned", operations, calls=4, reads=4, writes=2 * 8, records=8, audits=1),
        # Legal process: served with a document (3 calls), listed and read by the platform
        # twice, acknowledged and answered with one production uploaded and checked.
        Flow(
            "legal requests (served → answered)",
            legal,
            calls=3 + 2 * 5 + 2 * 2 + 2 * 2 + 2,
            reads=3 + 2 * 8 + 2 * 2 + 4,
            writes=2 * 6 + 4 + 2 * 2 * 4 + 2 * 3,
            records=16,
            audits=8,
            s3_puts=1,
            s3_gets=2,
        ),
        Flow(
            "emergency requests (asked → answered)",
            emergency,
            calls=1 + 3 + 2 * 2 + 2 * 2,
            reads=4 + 2 * 2 + 4,
            writes=2 * 3 + 2 * 6 + 2 * 2 * 4,
            records=14,
            audits=6,
            s3_puts=1,
            s3_gets=2,
        ),
        # Tips arrive in batches of 100 (3 transactions: 49 + 49 + 2, each tip with its
        # reference claim), then the stream routes each (2 blind-index Queries a tip, one
        # transaction per 50); 4 stream records a tip.
        Flow("tips (submitted, routed)", tips, calls=3 / 100 + 2 + 1 / 50, reads=2, writes=2 * 5, records=4, audits=1),
        Flow("officers' reads (audited)", officer_reads, calls=2.5, reads=1.5, writes=1, records=1, lambda_ms=40),
        Flow(
            "feed polls (audited)",
            FEED_POLLERS * FEED_POLLS_A_MONTH,
            calls=9,
            reads=8,
            writes=1,
            records=1,
            lambda_ms=50,
        ),
        Flow(
            "emergency queue polls (audited)",
            PLATFORMS * QUEUE_POLLS_A_MONTH,
            calls=5,
            reads=4,
            writes=1,
            records=1,
            lambda_ms=50,
        ),
        Flow("scheduler runs (each minute)", MONTH_SECONDS / 60, calls=5, reads=4, writes=2, records=0, audits=0),
    ]


# --- What the stream does per record, from `scripts/bench_stream.py` (2026-12-04). ------------

#: Per 100 records: PutEvents (EventBridge calls, 10 entries at most each), Queries,
#: BatchWriteItem (the feed) and TransactWriteItems the handler makes; its batch is 100.
STREAM_PER_100 = {"PutEvents": 2.1, "Query": 19.9, "BatchWriteItem": 0.9, "TransactWriteItems": 0.4}
#: Each event is a feed entry per organisation told (2 on average) and an EventBridge entry.
FEED_ENTRIES_PER_EVENT = 2
#: Of the stream records, those that are events (an audit record or a claim is not one).
EVENTS_PER_RECORD = 0.45


@dataclass(frozen=True)
class Price:
    unit: str
    dollars: float
    per: float


#: US East (N. Virginia) list prices. Date and source: AWS's pricing pages as summarised on
#: 2026-03-13 (cloudburn.io, EventBridge), 2026-06-13 (factualminds.com, EventBridge) and
#: 2025-07-21 (airbyte.com, DynamoDB on-demand after the November 2024 reduction); Lambda,
#: API Gateway REST, SQS, S3 Standard and KMS unchanged since 2023 on aws.amazon.com/<service>/pricing.
#: This machine cannot reach aws.amazon.com: check them there before quoting a budget.
PRICES = {
    "DynamoDB writes": Price("write request unit", 0.625, 1e6),
    "DynamoDB reads": Price("read request unit", 0.125, 1e6),
    "DynamoDB storage": Price("GB-month", 0.25, 1),
    "API Gateway (REST)": Price("request", 3.50, 1e6),
    "Lambda requests": Price("invocation", 0.20, 1e6),
    "Lambda compute": Price("GB-second", 0.0000166667, 1),
    "EventBridge": Price("custom event published", 1.00, 1e6),
    "EventBridge cross-account": Price("event delivered to another account", 1.00, 1e6),
    "S3 PUT": Price("PUT request", 0.005, 1e3),
    "S3 GET": Price("GET request", 0.0004, 1e3),
    "S3 storage": Price("GB-month", 0.023, 1),
    "KMS": Price("request", 0.03, 1e4),
    "KMS keys": Price("key-month", 1.00, 1),
    "WAF requests": Price("request inspected", 0.60, 1e6),
    "WAF web ACL and rules": Price("ACL or rule a month", 1.00, 1),
    "CloudWatch Logs": Price("GB ingested", 0.50, 1),
}
#: WAF: the web ACL ($5 a month) and its 3 rules ($1 each), in ACL-or-rule dollars.
WAF_FIXED = 5 + 3
#: A structured log line of about 1 KB a request and a stream batch.
LOG_KB = 1.0
#: Stored: 1 KB an item on average, 2 years of growth; evidence at 5 MB a production.
ITEM_KB, KEPT_MONTHS, PRODUCTION_MB = 1.0, 24, 5.0
#: Share of organisations that take events in their own AWS account (the rest: feed, webhook).
CROSS_ACCOUNT_SHARE = 0.10
#: KMS: S3 asks once per object written or read at most (bucket keys make it fewer);
#: DynamoDB and SQS cache a data key for 5 minutes, in each of the (assumed) 20 warm
#: execution environments, for each of 3 keys. Keys: table, files, archive, queues.
KMS_KEYS = 4
KMS_CACHED_A_MONTH = 3 * 20 * MONTH_SECONDS // 300


@dataclass
class Model:
    flows: list[Flow] = field(default_factory=flows)

    def monthly(self) -> defaultdict[str, float]:
        """Quantities a month, by what is priced (and DynamoDB calls, which are not)."""
        totals: defaultdict[str, float] = defaultdict(float)
        for flow in self.flows:
            n = flow.per_month
            totals["DynamoDB calls"] += n * flow.calls
            totals["DynamoDB reads"] += n * flow.reads
            totals["DynamoDB writes"] += n * (flow.writes + flow.audits)
            totals["stream records"] += n * flow.records
            totals["S3 PUT"] += n * (flow.audits + flow.s3_puts)
            totals["S3 GET"] += n * flow.s3_gets
            if flow.name.startswith("scheduler"):
                totals["Lambda requests"] += n
                totals["Lambda compute"] += n * 0.256 * 0.5
            else:
                totals["API Gateway (REST)"] += n
                totals["Lambda requests"] += n
                totals["Lambda compute"] += n * 1.0 * flow.lambda_ms / 1000
        records = totals["stream records"]
        events = records * EVENTS_PER_RECORD
        stream_calls = sum(records * per / 100 for per in STREAM_PER_100.values())
        totals["DynamoDB calls"] += stream_calls - records * STREAM_PER_100["PutEvents"] / 100
        totals["DynamoDB writes"] += events * FEED_ENTRIES_PER_EVENT
        totals["DynamoDB reads"] += records * STREAM_PER_100["Query"] / 100
        totals["EventBridge"] += events
        totals["EventBridge calls"] += records * STREAM_PER_100["PutEvents"] / 100
        totals["EventBridge cross-account"] += events * FEED_ENTRIES_PER_EVENT * CROSS_ACCOUNT_SHARE
        batches = records / 100
        totals["Lambda requests"] += batches
        totals["Lambda compute"] += batches * 0.5 * 0.15
        totals["KMS"] += totals["S3 PUT"] + totals["S3 GET"] + KMS_CACHED_A_MONTH
        totals["KMS keys"] += KMS_KEYS
        totals["WAF requests"] += totals["API Gateway (REST)"]
        totals["WAF web ACL and rules"] += WAF_FIXED
        totals["CloudWatch Logs"] += totals["Lambda requests"] * LOG_KB / 1e6
        items = (totals["DynamoDB writes"] - events * FEED_ENTRIES_PER_EVENT) / 3
        totals["DynamoDB storage"] += items * KEPT_MONTHS * ITEM_KB / 1e6
        productions = sum(f.per_month * f.s3_puts for f in self.flows)
        totals["S3 storage"] += productions * KEPT_MONTHS * PRODUCTION_MB / 1e3 + totals["S3 PUT"] * KEPT_MONTHS * 1e-6
        return totals

    def costs(self) -> dict[str, float]:
        totals = self.monthly()
        return {name: totals[name] / price.per * price.dollars for name, price in PRICES.items()}


def hottest_partitions(model: Model) -> list[tuple[str, float, str]]:
    """The busiest keys, in writes a second at a peak hour (three times the month's mean rate)."""
    peak = 3 / MONTH_SECONDS
    legal = LARGEST_LEGAL_A_HALF / MONTHS_A_HALF
    by_flow = {flow.name: flow for flow in model.flows}
    reads = by_flow["officers' reads (audited)"].per_month
    #: Assumed: the busiest agency makes 5% of officers' reads; its feed gets 5% of events.
    busiest = 0.05
    events = model.monthly()["stream records"] * EVENTS_PER_RECORD
    return [
        (
            f"the busiest agency's audit shard (1 of {AUDIT_SHARDS})",
            reads * busiest * peak / AUDIT_SHARDS,
            "an audit record a read not about one case",
        ),
        (
            f"the busiest agency's feed shard (1 of {FEED_SHARDS})",
            events * busiest * peak / FEED_SHARDS,
            "a feed entry an event it is told",
        ),
        (
            f"the largest platform's legal inbox shard (1 of {PLATFORM_BOX_SHARDS})",
            legal * 4 * peak / PLATFORM_BOX_SHARDS,
            "filed, acknowledged, answered, overdue",
        ),
        (
            f"an agency's tip inbox shard (1 of {INBOX_SHARDS}) in a 1,000 tips/s sweep",
            1000 / INBOX_SHARDS,
            "measured: docs/benchmarks.md's tip burst",
        ),
    ]


def report(model: Model | None = None) -> str:
    """The three tables of the benchmarks page's cost model, as markdown."""
    model = model or Model()
    totals = model.monthly()
    costs = model.costs()
    lines = ["| flow | a month | DynamoDB calls each |", "|---|---|---|"]
    lines += [f"| {f.name} | {f.per_month:,.0f} | {f.calls:g} |" for f in model.flows]
    lines += ["", "| service | a month | list price | dollars a month |", "|---|---|---|---|"]
    for name, price in PRICES.items():
        per = (
            f"${price.dollars:g} per {price.per:,.0f} {price.unit}"
            if price.per > 1
            else f"${price.dollars:g} per {price.unit}"
        )
        lines.append(f"| {name} | {totals[name]:,.0f} | {per} | {costs[name]:,.0f} |")
    lines.append(f"| **total** | | | **{sum(costs.values()):,.0f}** |")
    lines.append(f"| (not priced) DynamoDB API calls | {totals['DynamoDB calls']:,.0f} | | |")
    lines.append(f"| (not priced) EventBridge PutEvents calls | {totals['EventBridge calls']:,.0f} | | |")
    lines += ["", "| partition | writes a second at peak | what writes it |", "|---|---|---|"]
    lines += [f"| {key} | {rate:,.2f} | {what} |" for key, rate, what in hottest_partitions(model)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print("## Capacity and cost at national scale (scripts/cost_model.py)\n")
    print(report())
