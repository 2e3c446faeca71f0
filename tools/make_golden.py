#!/usr/bin/env python3
"""Makes the golden fixtures of the per-date job tests (flink-jobs/src/test/resources/golden/).

Small synthetic CN days written by pyarrow (gen_day.py: lz4, zstd and uncompressed; int and
string ukey; small record batches), and the partials the independent Polars implementation
(reference.py) computes for configs/alpha.yaml and configs/posttrade.yaml, stored as CSV with
every float written in full (repr) precision.

Usage: python3 tools/make_golden.py   (needs pyarrow and polars: pip install pyarrow polars)
"""
import csv
import os
import subprocess
import sys
import tempfile

import polars as pl

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "flink-jobs", "src", "test", "resources", "golden")

DAYS = [
    # date, rows, symbols, seed, compression, string ukey, batch rows
    ("20240102", 20000, 40, 11, "lz4", False, 3000),
    ("20240103", 12000, 30, 12, "zstd", True, 2000),
    ("20240104", 8000, 20, 13, "uncompressed", False, 1000),
]


def write_csv(df: pl.DataFrame, path: str) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(df.columns)
        for row in df.iter_rows():
            w.writerow(["" if v is None else repr(v) if isinstance(v, float) else str(v).lower()
                        if isinstance(v, bool) else v for v in row])


def main() -> None:
    os.makedirs(os.path.join(OUT, "raw"), exist_ok=True)
    os.makedirs(os.path.join(OUT, "expected"), exist_ok=True)
    for date, rows, symbols, seed, comp, string_ukey, batch in DAYS:
        feather = os.path.join(OUT, "raw", f"fills_{date}.feather")
        args = [sys.executable, os.path.join(HERE, "gen_day.py"), feather, "--rows", str(rows),
                "--symbols", str(symbols), "--seed", str(seed), "--compression", comp,
                "--batch-rows", str(batch)]
        if string_ukey:
            args.append("--string-ukey")
        subprocess.run(args, check=True)
        for pipeline in ("alpha", "posttrade"):
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "out.parquet")
                subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), pipeline, feather, out],
                               check=True)
                write_csv(pl.read_parquet(out), os.path.join(OUT, "expected", f"{pipeline}_{date}.csv"))
    # a day NOT in time order (the 20240102 rows shuffled): the job's general ordering path
    import numpy as np
    import pyarrow.feather as feather
    table = feather.read_table(os.path.join(OUT, "raw", "fills_20240102.feather"))
    perm = np.random.default_rng(5).permutation(table.num_rows)
    shuffled = os.path.join(OUT, "raw", "fills_20240105.feather")
    feather.write_feather(table.take(perm), shuffled, compression="lz4", chunksize=3000)
    for pipeline in ("alpha", "posttrade"):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.parquet")
            subprocess.run([sys.executable, os.path.join(HERE, "reference.py"), pipeline, shuffled, out], check=True)
            write_csv(pl.read_parquet(out), os.path.join(OUT, "expected", f"{pipeline}_20240105.csv"))
    print("golden fixtures written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
