#!/usr/bin/env python3
"""Makes the fixtures of the consolidation tests (flink-jobs/src/test/resources/consolidation/).

Three small synthetic CN days (gen_day.py: lz4 with int ukey, zstd with string ukey, uncompressed),
and, for both pipelines of configs/alpha.yaml and configs/posttrade.yaml, the aggregate of ALL the
days' rows at once: each day goes through the same per-day pipeline of the independent Polars
implementation (reference.py: parse_time, forward returns within the day, FIFO, bins), the days'
rows are concatenated, and the concatenation is grouped and aggregated once. Consolidating the
per-date partials must give exactly this. Written for the first two days and for all three (the
incremental test adds the third day), as CSV with every float in full (repr) precision.

Usage: python3 tools/make_consolidation_golden.py   (needs pyarrow and polars)
"""
import os
import subprocess
import sys

import polars as pl

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference  # noqa: E402
from make_golden import write_csv  # noqa: E402

OUT = os.path.join(HERE, "..", "flink-jobs", "src", "test", "resources", "consolidation")

DAYS = [
    # date, rows, symbols, seed, compression, string ukey, batch rows
    ("20240108", 3000, 12, 21, "lz4", False, 700),
    ("20240109", 2000, 10, 22, "zstd", True, 500),
    ("20240110", 2500, 12, 23, "uncompressed", False, 2500),
]


def alpha_rows(src: str) -> pl.DataFrame:
    """The alpha pipeline's rows of one day, just before aggregate."""
    lf = reference.parse_time(pl.scan_ipc(src)).with_row_index("row_id").with_columns(pl.col("row_id").cast(pl.Int64))
    lf = reference.forward_return(lf, lf, [60, 300, 600])
    lf = reference.bin_(lf, {"alpha1": 1e-4, "elapsed_seconds": 1800})
    return lf.select("alpha1_bin", "elapsed_seconds_bin", "return_60", "return_300", "return_600").collect()


def alpha_aggregate(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.group_by(["alpha1_bin", "elapsed_seconds_bin"]).agg(
        pl.len().cast(pl.Int64).alias("count"),
        *[pl.col(f"return_{h}").sum().alias(f"sum_return_{h}") for h in (60, 300, 600)],
        *[pl.col(f"return_{h}").count().cast(pl.Int64).alias(f"n_return_{h}") for h in (60, 300, 600)],
        (pl.col("return_60") ** 2).sum().alias("sumsq_return_60"),
    ).sort(["alpha1_bin", "elapsed_seconds_bin"])


def posttrade_rows(src: str) -> pl.DataFrame:
    """The post-trade pipeline's pieces of one day, just before aggregate."""
    base = reference.parse_time(pl.scan_ipc(src)).with_row_index("row_id").with_columns(pl.col("row_id").cast(pl.Int64))
    enriched = reference.fifo_enrich(base.collect())
    lf = reference.forward_return(enriched.lazy(), base, [60, 300, 600])
    lf = reference.bin_(lf, {"alpha1": 1e-4})
    return lf.select("alpha1_bin", "side", "is_closed", "matched_qty", "price", "holding_period", "is_large",
                     "trade_count", "return_300").collect()


def posttrade_aggregate(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.group_by(["alpha1_bin", "side", "is_closed"]).agg(
        pl.len().cast(pl.Int64).alias("count"),
        pl.col("matched_qty").sum().alias("sum_matched_qty"),
        (pl.col("matched_qty") * pl.col("price")).sum().alias("sum_notional"),
        pl.col("holding_period").sum().alias("sum_holding_period"),
        pl.col("is_large").cast(pl.Int64).sum().alias("n_large"),
        pl.col("trade_count").max().alias("max_trade_count"),
        (pl.col("return_300") * pl.col("matched_qty")).sum().alias("sum_qty_return_300"),
    ).sort(["alpha1_bin", "side", "is_closed"])


def main() -> None:
    os.makedirs(os.path.join(OUT, "raw"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "expected"), exist_ok=True)
    feathers = []
    for date, rows, symbols, seed, comp, string_ukey, batch in DAYS:
        feather = os.path.join(OUT, "raw", f"fills_{date}.feather")
        args = [sys.executable, os.path.join(HERE, "gen_day.py"), feather, "--rows", str(rows),
                "--symbols", str(symbols), "--seed", str(seed), "--compression", comp, "--batch-rows", str(batch)]
        if string_ukey:
            args.append("--string-ukey")
        subprocess.run(args, check=True)
        feathers.append(feather)
    pipelines = {"alpha": (alpha_rows, alpha_aggregate), "posttrade": (posttrade_rows, posttrade_aggregate)}
    for name, (rows_of, aggregate) in pipelines.items():
        days = [rows_of(f) for f in feathers]
        for label, n in (("first2", 2), ("all3", 3)):
            all_at_once = aggregate(pl.concat(days[:n], how="vertical"))
            write_csv(all_at_once, os.path.join(OUT, "expected", f"{name}_{label}.csv"))
            print(f"{name}_{label}: {all_at_once.height} groups from {sum(d.height for d in days[:n])} rows")
    print("consolidation fixtures written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
