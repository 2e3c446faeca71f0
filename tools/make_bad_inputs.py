#!/usr/bin/env python3
"""Makes the bad-input fixtures of the per-date job tests (flink-jobs/src/test/resources/bad/):
one small day file per kind of damage, each under its own date so a test can name it.

Usage: python3 tools/make_bad_inputs.py   (needs pyarrow)
"""
import os

import pyarrow as pa
import pyarrow.feather as feather

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "flink-jobs", "src", "test", "resources", "bad")
N = 50


def day(**over):
    cols = {
        "ticktime": pa.array([93000000 + i * 1000 for i in range(N)], pa.int64()),
        "ukey": pa.array([600000 + i % 3 for i in range(N)], pa.int64()),
        "side": pa.array(["B" if i % 2 == 0 else "S" for i in range(N)]),
        "qty": pa.array([100] * N, pa.int64()),
        "price": pa.array([10.0 + i * 0.01 for i in range(N)], pa.float64()),
        "mid": pa.array([10.0 + i * 0.01 for i in range(N)], pa.float64()),
        "alpha1": pa.array([((i % 7) - 3) * 1e-4 for i in range(N)], pa.float64()),
    }
    for k, v in over.items():
        if v is None:
            del cols[k]
        else:
            cols[k] = v
    return pa.table(cols)


def write(date, table):
    feather.write_feather(table, os.path.join(OUT, f"fills_{date}.feather"), chunksize=20)


def main():
    os.makedirs(OUT, exist_ok=True)
    write("20240201", day())  # a good day, for comparison
    open(os.path.join(OUT, "fills_20240202.feather"), "wb").close()  # empty file
    with open(os.path.join(OUT, "fills_20240203.feather"), "w") as f:  # not Arrow at all
        f.write("ticktime,ukey,side\n93000000,600000,B\n")
    good = open(os.path.join(OUT, "fills_20240201.feather"), "rb").read()
    with open(os.path.join(OUT, "fills_20240204.feather"), "wb") as f:  # truncated
        f.write(good[: len(good) // 2])
    write("20240205", day(mid=None))  # missing column
    write("20240206", day(ticktime=pa.array([f"09:30:{i:02d}" for i in range(N)])))  # wrong type
    write("20240207", day(ukey=pa.array([None if i == 17 else 600000 for i in range(N)], pa.int64())))
    write("20240208", day(ticktime=pa.array([None if i == 23 else 93000000 for i in range(N)], pa.int64())))
    write("20240209", day(side=pa.array(["X" if i == 31 else "B" for i in range(N)])))  # bad side
    write("20240210", day(ticktime=pa.array([93000000 if i != 5 else 256000000 for i in range(N)], pa.int64())))
    write("20240211", day().slice(0, 0))  # a valid day with no rows at all
    print("bad-input fixtures written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
