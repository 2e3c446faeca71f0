#!/usr/bin/env python3
"""Regenerates the Feather fixtures of io.vizflow.source's tests, and expected.json.

Usage: python3 make_fixtures.py [OUT_DIR]   (default: the directory of this script)
Needs pyarrow and numpy. The data is seeded, so the files and expected.json are reproducible
for a given pyarrow version; the tests read only the committed files.

expected.json holds, per fixture: the row count, the row counts of the record batches, per
column a null count and an order-independent checksum of the values as the Java reader emits
them, and a few sample rows:
  int (LONG):       "sum"      = wrapping int64 sum of the values (timestamps: raw int64)
  double (DOUBLE):  "bits_sum" = wrapping int64 sum of the IEEE-754 bits of the float64 values
  string (STRING):  "hash_sum" = int64 sum of Java's String.hashCode() of the values
  bool (BOOLEAN):   "true_count"
Nulls are left out of every checksum.
"""
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
MASK64 = (1 << 64) - 1


def wrap64(v):
    v &= MASK64
    return v - (1 << 64) if v >= 1 << 63 else v


def java_hash(s):
    h = 0
    b = s.encode("utf-16-le")
    for i in range(0, len(b), 2):
        h = (31 * h + (b[i] | (b[i + 1] << 8))) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def kind_of(t):
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_integer(t) or pa.types.is_timestamp(t):
        return "int"
    if pa.types.is_floating(t):
        return "double"
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "string"
    if pa.types.is_boolean(t):
        return "bool"
    return None


def py_value(kind, v):
    """A value as expected.json stores it (doubles as repr strings, so NaN survives)."""
    if v is None:
        return None
    if kind == "int":
        return int(v)
    if kind == "double":
        return repr(float(v))
    return v


def column_expectation(kind, arr):
    """arr: a ChunkedArray of the column."""
    arr = arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr
    if pa.types.is_dictionary(arr.type):
        arr = arr.dictionary_decode()
    nulls = arr.null_count
    valid = arr.drop_null()
    e = {"kind": kind, "nulls": int(nulls)}
    if kind == "int":
        if pa.types.is_timestamp(valid.type):
            valid = valid.cast(pa.int64())
        e["sum"] = wrap64(sum(int(x) for x in valid.to_pylist()))
    elif kind == "double":
        f = valid.cast(pa.float64()).to_numpy(zero_copy_only=False).astype(np.float64)
        e["bits_sum"] = wrap64(sum(int(x) for x in f.view(np.int64)))
    elif kind == "string":
        e["hash_sum"] = wrap64(sum(java_hash(s) for s in valid.to_pylist()))
    elif kind == "bool":
        e["true_count"] = int(sum(1 for x in valid.to_pylist() if x))
    return e


def expectations(table, batch_rows, sample_rows):
    cols = {}
    for name in table.column_names:
        k = kind_of(table.schema.field(name).type)
        if k is not None:
            cols[name] = column_expectation(k, table.column(name))
    samples = {}
    for r in sample_rows:
        row = {}
        for name, e in cols.items():
            a = table.column(name)
            v = a[r]
            if pa.types.is_dictionary(a.type):
                v = v.value if v.is_valid else None
                v = None if v is None else v.as_py()
            elif pa.types.is_timestamp(a.type):
                v = v.cast(pa.int64()).as_py() if v.is_valid else None
            else:
                v = v.as_py()
            row[name] = py_value(e["kind"], v)
        samples[str(r)] = row
    return {"rows": table.num_rows, "batch_rows": batch_rows, "columns": cols, "samples": samples}


def batch_rows_of(path):
    with pa.memory_map(path) as src:
        r = pa.ipc.open_file(src)
        return [r.get_batch(i).num_rows for i in range(r.num_record_batches)]


def day_table(n, symbols, seed, string_ukey):
    """A small day of fills shaped like /work/shared/tools/gen_day.py's output."""
    rng = np.random.default_rng(seed)
    el = np.sort(rng.integers(0, 14_400_001, n))
    sec, ms = el // 1000, el % 1000
    wall = np.where(sec < 7200, 9 * 3600 + 30 * 60 + sec, 13 * 3600 + (sec - 7200))
    h, m, s = wall // 3600, (wall // 60) % 60, wall % 60
    ticktime = (h * 10_000_000 + m * 100_000 + s * 1000 + ms).astype(np.int64)
    ukey = rng.choice(600000 + np.arange(symbols), n)
    mid = np.round(rng.uniform(5, 100, n), 3)
    side = np.where(rng.random(n) < 0.55, "B", "S")
    qty = (rng.integers(1, 50, n) * 100).astype(np.int64)
    spread = np.round(mid * 5e-4, 3)
    price = np.where(side == "B", mid + spread / 2, mid - spread / 2)
    alpha1 = rng.normal(0, 5e-4, n)
    return pa.table({
        "ticktime": pa.array(ticktime, pa.int64()),
        "ukey": pa.array([f"{u}.SH" for u in ukey]) if string_ukey else pa.array(ukey, pa.int64()),
        "side": pa.array(side),
        "qty": pa.array(qty, pa.int64()),
        "price": pa.array(price, pa.float64()),
        "mid": pa.array(mid, pa.float64()),
        "alpha1": pa.array(alpha1, pa.float64()),
    })


def with_nulls(rng, values, typ, frac):
    mask = rng.random(len(values)) < frac
    return pa.array([None if k else v for v, k in zip(values, mask)], typ)


def types_table(n, seed):
    """Every input type the source accepts (and a few it must skip or refuse), with nulls."""
    rng = np.random.default_rng(seed)
    words = ["600000.SH", "000001.SZ", "上海", "é", "naïve", "🙂 emoji", "", "x" * 40] + [
        f"SYM{i:03d}" for i in range(40)]
    sym_idx = rng.integers(0, len(words), n)
    sym = pa.DictionaryArray.from_arrays(
        pa.array([None if rng.random() < 0.05 else int(i) for i in sym_idx], pa.int32()),
        pa.array(words, pa.string()))
    sym8 = pa.DictionaryArray.from_arrays(
        pa.array(rng.integers(0, 5, n), pa.int8()), pa.array(["B", "S", "BUY", "SELL", "X"]))
    dict_large = pa.DictionaryArray.from_arrays(
        pa.array(rng.integers(0, 3, n), pa.int16()),
        pa.array(["alpha", "beta", "gamma"], pa.large_string()))
    base_ns = 1704159000_000_000_000  # 2024-01-02 01:30:00 UTC = 09:30 Asia/Shanghai
    ts = np.sort(base_ns + rng.integers(0, 4 * 3600 * 10**9, n))
    ts_ms = ts // 1_000_000

    def ints(dtype, lo, hi):
        v = rng.integers(lo, hi, n, endpoint=True, dtype=np.int64 if lo < 0 else np.uint64)
        v[0], v[1] = lo, hi
        return pa.array(v.astype(dtype))

    lists = [[int(x) for x in rng.integers(0, 100, rng.integers(0, 4))] for _ in range(n)]
    return pa.table({
        # nested and view columns first, so the reader must count their buffers to find the rest
        "lst": pa.array(lists, pa.list_(pa.int64())),
        "st": pa.StructArray.from_arrays(
            [pa.array(rng.integers(0, 9, n)), pa.array([f"s{i % 7}" for i in range(n)])],
            names=["a", "b"]),
        "sv": pa.array([f"view{i % 13}-long-enough-to-be-out-of-line" for i in range(n)],
                       pa.string_view()),
        "sym": sym,
        "sym8": sym8,
        "dict_large": dict_large,
        "ts": pa.array(with_nulls(rng, ts.tolist(), pa.int64(), 0.02)).cast(
            pa.timestamp("ns", tz="Asia/Shanghai")),
        "ts_ms": pa.array(ts_ms, pa.int64()).cast(pa.timestamp("ms")),
        "i8": ints(np.int8, -128, 127),
        "i16": ints(np.int16, -32768, 32767),
        "i32": ints(np.int32, -2**31, 2**31 - 1),
        "u8": ints(np.uint8, 0, 255),
        "u16": ints(np.uint16, 0, 65535),
        "u32": ints(np.uint32, 0, 2**32 - 1),
        "u64": ints(np.uint64, 0, 2**64 - 1),
        "f32": with_nulls(rng, rng.normal(0, 100, n).astype(np.float32).tolist(), pa.float32(), 0.03),
        "qty_nulls": with_nulls(rng, (rng.integers(1, 50, n) * 100).tolist(), pa.int64(), 0.04),
        "px_nulls": pa.array([float("nan") if i == 7 else v for i, v in enumerate(
            with_nulls(rng, rng.uniform(1, 50, n).tolist(), pa.float64(), 0.04).to_pylist())],
            pa.float64()),
        "flag": with_nulls(rng, (rng.random(n) < 0.3).tolist(), pa.bool_(), 0.05),
        "note": with_nulls(rng, [words[i % len(words)] for i in range(n)], pa.string(), 0.1),
        "big_note": pa.array([f"L{i}" for i in range(n)], pa.large_string()),
    })


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}

    def write(name, table, compression, chunksize, samples):
        path = os.path.join(OUT, name)
        feather.write_feather(table, path, compression=compression, chunksize=chunksize)
        expected[name] = expectations(table, batch_rows_of(path), samples)
        print(f"{name}: {os.path.getsize(path)} bytes")

    day = day_table(3000, 40, seed=1, string_ukey=False)
    day_samples = [0, 1, 399, 400, 1234, 2200, 2999]
    for comp in ["lz4", "zstd", "uncompressed"]:
        write(f"day_{comp}.feather", day, comp, 400, day_samples)
    write("day_string_ukey_lz4.feather", day_table(3000, 40, seed=2, string_ukey=True), "lz4", 700,
          day_samples)

    types = types_table(2500, seed=3)
    write("types_lz4.feather", types, "lz4", 600, [0, 1, 2, 7, 599, 600, 1500, 2499])
    qn = types.column("qty_nulls").combine_chunks()
    expected["types_lz4.feather"]["first_null_row"] = {
        "qty_nulls": next(i for i in range(len(qn)) if not qn[i].is_valid)}

    # one 40,000-row batch of a repetitive int64 column: 320 KB per buffer, so pyarrow's LZ4 frame
    # has several 64 KB blocks whose matches reach back into earlier blocks (linked blocks)
    rng = np.random.default_rng(4)
    pattern = rng.integers(0, 1_000_000, 1500)
    rep = np.resize(pattern, 40_000).astype(np.int64)
    rep[rng.integers(0, 40_000, 200)] += 1  # a few literals between long matches
    write("linked_blocks_lz4.feather", pa.table({"v": pa.array(rep)}), "lz4", 40_000,
          [0, 65535 // 8, 8192, 39_999])

    write("zero_rows.feather", day.slice(0, 0), "lz4", 400, [])

    # inputs the source must refuse
    with open(os.path.join(OUT, "day_lz4.feather"), "rb") as f:
        data = f.read()
    with open(os.path.join(OUT, "truncated.feather"), "wb") as f:
        f.write(data[: len(data) * 6 // 10])
    open(os.path.join(OUT, "empty.feather"), "wb").close()
    with open(os.path.join(OUT, "not_arrow.feather"), "w") as f:
        f.write("ticktime,ukey,price\n93000123,600000,10.5\n")
    feather.write_feather(day.slice(0, 100).drop_columns(["side"]),
                          os.path.join(OUT, "feather_v1.feather"), version=1)
    pq.write_table(day.slice(0, 100), os.path.join(OUT, "parquet_file.feather"))

    # a valid file whose first LZ4 frame (ticktime, batch 0) claims a block larger than the frame
    buf = bytearray(data)
    p = buf.index(b"\x04\x22\x4d\x18")
    flg = buf[p + 4]
    header = 7 + (8 if flg & 0x08 else 0) + (4 if flg & 0x01 else 0)
    buf[p + header: p + header + 4] = (0x0000FFF0).to_bytes(4, "little")
    with open(os.path.join(OUT, "corrupt_lz4.feather"), "wb") as f:
        f.write(bytes(buf))

    # an LZ4 frame of the reference implementation with 256 KB linked blocks, block checksums and
    # the content size, for Lz4FrameCodecTest (which rebuilds the same input)
    if shutil.which("lz4"):
        text = "".join(f"{(i * i) % 1009},{i % 7};" for i in range(100_000)).encode("ascii")
        src = os.path.join(OUT, "lz4_input.tmp")  # a file, so that lz4 knows the content size
        with open(src, "wb") as f:
            f.write(text)
        subprocess.run(["lz4", "-q", "-f", "-BD", "-B5", "-BX", "--content-size", "-9", src,
                        os.path.join(OUT, "lz4_cli_linked_256k.lz4")], check=True)
        os.remove(src)
    else:
        print("lz4 command not found: lz4_cli_linked_256k.lz4 not regenerated")

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
