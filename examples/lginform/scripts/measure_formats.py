"""
Measures how big one synthetic LG Inform Plus ``/data.table`` response is in
each file format, for the table in docs/08-storage/data-lake.md.

The response is a flat JSON array with one object of nine fields per value
(the shape in shared/fixtures/lginform/README.md, section 4). The values are
made up the way the fake API makes them (../fake-api/synthetic.ts): a level
for each metric and area, drifting a few per cent from year to year, and a
few values missing. A fixed seed gives the same rows, and so the same bytes,
on every run.

Do not run this by hand to update the page: run
``npx tsx examples/lginform/scripts/measure-formats.ts``, which installs the
pinned PyArrow (requirements/formats.txt) and writes the JSON the page reads.
This script prints that JSON document on stdout, and the versions it used on
stderr.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import random
import sys
import zlib
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SEED = 20261125
METRIC_COUNT = 250
# The latest financial year is fin_2024_25; the 25 years run from fin_2000_01.
LATEST_YEAR = 2025
YEAR_COUNT = 25
# Share of values reported as missing, as the fake API does.
MISSING_SHARE = 0.02
GZIP_LEVEL = 6
JSON_INDENT = 2
CSV_LINE_END = "\n"

# The 16 members of the fake API's Kingston upon Thames CIPFA nearest
# neighbours group (fake-api/data/comparison-groups.json). The GSS codes are
# real; the group is made up. Copied, not read, so editing the fake API's
# data does not change these figures.
AREAS = [
    "E09000021", "E09000027", "E09000029", "E09000024",
    "E09000006", "E09000004", "E09000015", "E09000017",
    "E09000003", "E09000016", "E09000018", "E09000010",
    "E09000026", "E09000008", "E09000009", "E09000032",
]  # fmt: skip

# The nine fields of a /data.table object, in the order the fixtures README lists them.
FIELDS = [
    "metricTypeIdentifier",
    "areaIdentifier",
    "periodIdentifier",
    "valueTypeIdentifier",
    "value",
    "source",
    "formatted",
    "format",
    "publicationStatus",
]

# The columns a typical query needs: which metric, where, when, and the value.
COLUMNS_READ = ["metricTypeIdentifier", "areaIdentifier", "periodIdentifier", "value"]

# Kinds of metric, with plausible ranges: (label, low, high, decimals, weight).
METRIC_KINDS = [
    ("count of people or households", 100, 400_000, 0, 4),
    ("money in thousands of pounds", 0, 900_000, 0, 3),
    ("percentage", 0, 100, 1, 3),
    ("rate per 1,000", 0, 200, 1, 2),
    ("ratio", 0, 10, 2, 1),
]


def financial_years() -> list[str]:
    """fin_2000_01 to fin_2024_25, oldest first, as a time series reads."""
    starts = range(LATEST_YEAR - YEAR_COUNT, LATEST_YEAR)
    return [f"fin_{start}_{(start + 1) % 100:02d}" for start in starts]


def make_metrics(rng: random.Random) -> list[dict[str, Any]]:
    """250 metrics, each with an id, a range and a number of decimals."""
    identifiers = sorted(rng.sample(range(100, 20_000), METRIC_COUNT))
    kinds = [kind for kind in METRIC_KINDS for _ in range(kind[4])]
    metrics = []
    for identifier in identifiers:
        _, low, high, decimals, _ = kinds[int(rng.random() * len(kinds))]
        # A metric's values sit in a narrower band inside its kind's range.
        lower = low + (high - low) * rng.random() * 0.5
        upper = lower + (high - lower) * rng.random()
        metrics.append({"identifier": str(identifier), "low": lower, "high": upper, "decimals": decimals})
    return metrics


def format_of(decimals: int) -> str:
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def make_rows(seed: int) -> list[dict[str, Any]]:
    """One object per metric, area and financial year: 250 x 16 x 25 = 100,000."""
    rng = random.Random(seed)
    metrics = make_metrics(rng)
    periods = financial_years()
    rows = []
    for metric in metrics:
        decimals = metric["decimals"]
        for area in AREAS:
            # A level for each metric and area, drifting a few per cent a year.
            level = metric["low"] + (metric["high"] - metric["low"]) * rng.random()
            for period in periods:
                drift = 1 + 0.06 * (rng.random() - 0.5)
                value: int | float | None = None
                if rng.random() >= MISSING_SHARE:
                    value = round(level * drift, decimals)
                    if decimals == 0:
                        value = int(value)
                rows.append({
                    "metricTypeIdentifier": metric["identifier"],
                    "areaIdentifier": area,
                    "periodIdentifier": period,
                    "valueTypeIdentifier": "raw",
                    "value": value,
                    "source": value,
                    "formatted": "-" if value is None else f"{value:,.{decimals}f}",
                    "format": format_of(decimals),
                    "publicationStatus": "Missing" if value is None else "Published",
                })
    return rows


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=FIELDS, lineterminator=CSV_LINE_END)
    writer.writeheader()
    writer.writerows(rows)  # None is written as an empty field
    return text.getvalue().encode("utf-8")


def to_parquet(table: pa.Table, compression: str) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression=compression)
    return sink.getvalue().to_pybytes()


def bytes_for_columns(parquet: bytes, columns: list[str]) -> int:
    """
    What a reader fetches for these columns: the compressed size of their
    column chunks (dictionary and data pages), from the file's metadata. The
    footer, which every reader also fetches, is a few kilobytes and not counted.
    """
    metadata = pq.ParquetFile(pa.BufferReader(parquet)).metadata
    total = 0
    for group in range(metadata.num_row_groups):
        row_group = metadata.row_group(group)
        for index in range(row_group.num_columns):
            chunk = row_group.column(index)
            if chunk.path_in_schema in columns:
                total += chunk.total_compressed_size
    return total


def gzipped(data: bytes) -> bytes:
    # mtime=0: the gzip header holds no time, so the bytes are the same on every run.
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def measure() -> dict[str, Any]:
    rows = make_rows(SEED)
    pretty = json.dumps(rows, indent=JSON_INDENT, ensure_ascii=False).encode("utf-8")
    compact = json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    as_csv = to_csv(rows)
    schema = pa.schema([(name, pa.float64() if name in ("value", "source") else pa.string()) for name in FIELDS])
    table = pa.Table.from_pylist(rows, schema=schema)
    snappy = to_parquet(table, "snappy")
    zstd = to_parquet(table, "zstd")

    sizes = [
        ("json-pretty", "JSON, pretty-printed as the API sends it", len(pretty)),
        ("json-compact", "JSON, compact", len(compact)),
        ("csv", "CSV", len(as_csv)),
        ("json-pretty-gzip", "JSON, pretty-printed, gzip", len(gzipped(pretty))),
        ("csv-gzip", "CSV, gzip", len(gzipped(as_csv))),
        ("parquet-snappy", "Parquet, snappy", len(snappy)),
        ("parquet-zstd", "Parquet, zstd", len(zstd)),
        (
            "parquet-zstd-columns-read",
            f"Parquet, zstd: bytes read for {len(COLUMNS_READ)} of the {len(FIELDS)} columns",
            bytes_for_columns(zstd, COLUMNS_READ),
        ),
    ]
    return {
        "about": (
            "Sizes of one synthetic LG Inform Plus /data.table response in each file format. "
            "Written by examples/lginform/scripts/measure-formats.ts from measure_formats.py; do not edit by hand."
        ),
        "rows": len(rows),
        # The data itself: if this changes, every size below may change.
        "compactJsonSha256": hashlib.sha256(compact).hexdigest(),
        "parameters": {
            "seed": SEED,
            "metrics": METRIC_COUNT,
            "areas": len(AREAS),
            "financialYears": YEAR_COUNT,
            "latestFinancialYear": financial_years()[-1],
            "fields": FIELDS,
            "missingShare": MISSING_SHARE,
            "jsonIndent": JSON_INDENT,
            "csvLineEnd": CSV_LINE_END,
            "gzipLevel": GZIP_LEVEL,
            "parquetRowGroups": pq.ParquetFile(pa.BufferReader(zstd)).metadata.num_row_groups,
            "parquetCompressionLevel": "the codec's default",
            "columnsRead": COLUMNS_READ,
            "columnsReadMeasuredAs": (
                "the sum of total_compressed_size of those columns' chunks in the Parquet metadata; "
                "the footer is not counted"
            ),
            "megabyte": 1_000_000,
        },
        "versions": {
            # Major and minor only: sizes do not depend on the patch release.
            "python": f"{sys.version_info.major}.{sys.version_info.minor}",
            "pyarrow": pa.__version__,
        },
        "formats": [
            {"id": key, "label": label, "bytes": size, "shareOfPrettyJson": round(size / len(pretty), 6)}
            for key, label, size in sizes
        ],
    }


def main() -> int:
    document = measure()
    # For a mismatch: gzip sizes come from the zlib that Python links against.
    print(
        f"measured with Python {sys.version.split()[0]}, zlib {zlib.ZLIB_RUNTIME_VERSION}, pyarrow {pa.__version__}",
        file=sys.stderr,
    )
    json.dump(document, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
