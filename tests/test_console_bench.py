"""The console's weight: its shipped files, gzipped, stay within the issue's 200 KB budget
(`make bench-console` prints the figure; this keeps it from creeping past unseen)."""

from __future__ import annotations

from scripts.bench_console import BUDGET_BYTES, compressed_sizes


def test_the_shipped_assets_gzipped_stay_under_200_kb():
    sizes = compressed_sizes()
    assert "index.html" in sizes and "js/main.js" in sizes
    assert all(0 < packed <= raw or raw < 100 for raw, packed in sizes.values())
    assert sum(packed for _, packed in sizes.values()) < BUDGET_BYTES
