"""Records: values, the Trash, lists, bulk moves, expression indexes, CSV imports, and the
background jobs of one workspace."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class RecordSettings:
    trash_retention_days: int = 30
    decimal_max_digits: int = 38
    decimal_max_exponent: int = 1000
    jobs_per_tenant: int = 2  # a workspace's background jobs (or parts) running at once (core/jobs/fairness.py)
    # Record lists (runtime/entities/scan.py): the time a list may spend on columns without a
    # ready index (and on its count), the records one step of such a scan reads, a search that
    # matches at most this many records is answered from the full-text index alone, and a sort
    # on a column without a ready index is computed in full only up to this many records.
    list_budget_ms: int = 250
    list_scan_chunk: int = 5000
    list_search_cap: int = 5000
    list_sort_max_rows: int = 20_000
    list_estimate_seconds: int = 30  # an unfiltered list's estimated count (over 1,000) is reused this long (0: never)
    # Moving several records by one transition (runtime/board/bulk.py): at most this many at once;
    # up to bulk_move_inline of them in the request, more in a background job.
    bulk_move_max_records: int = 10_000
    bulk_move_inline: int = 20
    # Expression indexes on record values (runtime/entities/indexes.py, index_builds.py): a
    # blueprint with fewer records gets none (its default index is fast enough), at most this
    # many per blueprint (the least recently used goes first), attempts before a build is given
    # up, and the time one build may take.
    index_min_rows: int = 10_000
    index_max_per_blueprint: int = 8
    index_build_max_attempts: int = 5
    index_build_timeout_ms: int = 15 * 60 * 1000
    # CSV imports (runtime/transfer, docs/architecture.md): the bytes looked at to find a file's
    # encoding and separator, and the refused rows an import's report lists (all are counted).
    import_sample_bytes: int = 64 * 1024
    import_max_reported_rows: int = 1000
