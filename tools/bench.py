#!/usr/bin/env python3
"""VizFlow vs the Polars reference, side by side on the same generated day, in one run.

For each N in --rows: generates a synthetic CN day with gen_day.py (LZ4 Feather, --symbols
symbols), then for each pipeline (alpha, posttrade) runs `bin/vizflow run` and
`tools/reference.py` one after the other, measuring wall time and the peak RSS of each whole
process (os.wait4), checks that VizFlow's partial equals the reference's (relative 1e-9), and
prints a Markdown table. With --stages, VizFlow's time per stage too (vizflow bench --stages).
--plot FILE writes an SVG of VizFlow's rows/s against N. --repeat K runs each side K times,
alternating, and reports the median wall time (and the largest peak RSS) with every run's times:
on a machine whose speed varies from minute to minute one run decides little.

Usage: python3 tools/bench.py --rows 1000000,5000000,20000000 [--symbols 3000] [--pipelines alpha,posttrade]
       [--no-reference] [--stages] [--repeat K] [--plot docs/rows_per_second.svg] [--work /tmp/vizflow-bench]
Needs: the built project (mvn -DskipTests install), python3 with numpy, pyarrow and polars.
"""
import argparse
import math
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, ".."))
CONFIGS = {
    "alpha": """input_pattern: "fills_{date}.feather"
market: CN
columns: {timestamp: ticktime, symbol: ukey, price: mid, quantity: qty, side: side}
horizons: [60, 300, 600]
binwidths: {alpha1: 1.0e-4, elapsed_seconds: 1800}
group_by: [alpha1_bin, elapsed_seconds_bin]
metrics:
  count: "COUNT(*)"
  sum_return_60: "SUM(return_60)"
  sum_return_300: "SUM(return_300)"
  sum_return_600: "SUM(return_600)"
  n_return_60: "COUNT(return_60)"
  n_return_300: "COUNT(return_300)"
  n_return_600: "COUNT(return_600)"
  sumsq_return_60: "SUM(return_60 * return_60)"
""",
    "posttrade": """input_pattern: "fills_{date}.feather"
market: CN
columns: {timestamp: ticktime, symbol: ukey, price: mid, quantity: qty, side: side}
enrich:
  fifo: {side: side, qty: qty, price: price, entry_side: B, exit_side: S}
  conditions: {is_large: "qty > 10000"}
  running: {trade_count: count}
horizons: [60, 300, 600]
binwidths: {alpha1: 1.0e-4}
group_by: [alpha1_bin, side, is_closed]
metrics:
  count: "COUNT(*)"
  sum_matched_qty: "SUM(matched_qty)"
  sum_notional: "SUM(matched_qty * price)"
  sum_holding_period: "SUM(holding_period)"
  n_large: "SUM(CASE WHEN is_large THEN 1 ELSE 0 END)"
  max_trade_count: "MAX(trade_count)"
  sum_qty_return_300: "SUM(return_300 * matched_qty)"
""",
}
KEYS = {"alpha": ["alpha1_bin", "elapsed_seconds_bin"], "posttrade": ["alpha1_bin", "side", "is_closed"]}
DATE = "20240102"


def measure(cmd, log):
    """Runs cmd; returns (wall seconds, peak RSS MB of the process tree's largest process)."""
    start = time.time()
    with open(log, "w") as f:
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(p.pid, 0)
    wall = time.time() - start
    if status != 0:
        sys.exit(f"failed ({status}): {' '.join(cmd)}; see {log}")
    return wall, usage.ru_maxrss / 1024


def equal_partials(ours_dir, ref_file, keys):
    import polars as pl
    ours = pl.read_parquet(os.path.join(ours_dir, "*.parquet"), hive_partitioning=False).sort(keys)
    ref = pl.read_parquet(ref_file).sort(keys)
    if ours.height != ref.height:
        return f"{ours.height} groups vs {ref.height}"
    j = ours.join(ref, on=keys, how="full", suffix="_ref", nulls_equal=True)
    bad = 0
    for c in ref.columns:
        if c in keys:
            continue
        for a, b in zip(j[c].to_list(), j[c + "_ref"].to_list()):
            if (a is None) != (b is None) or (a is not None and not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)):
                bad += 1
    return "equal" if bad == 0 else f"{bad} values differ"


def svg_plot(points, path):
    """points: [(rows, rows_per_second, label)] -> a small line chart."""
    w, h, m = 640, 360, 60
    xs = [math.log10(p[0]) for p in points]
    ys = [p[1] for p in points]
    x0, x1 = min(xs) - 0.1, max(xs) + 0.1
    y1 = max(ys) * 1.15
    def px(x): return m + (x - x0) / (x1 - x0) * (w - 2 * m)
    def py(y): return h - m + 0 - y / y1 * (h - 2 * m)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<line x1="{m}" y1="{h-m}" x2="{w-m}" y2="{h-m}" stroke="black"/>',
           f'<line x1="{m}" y1="{m}" x2="{m}" y2="{h-m}" stroke="black"/>',
           f'<text x="{w/2}" y="{h-15}" text-anchor="middle">rows in the day (log scale)</text>',
           f'<text x="15" y="{h/2}" transform="rotate(-90 15 {h/2})" text-anchor="middle">rows/s</text>']
    for k in range(5):
        yv = y1 * k / 4
        out.append(f'<text x="{m-5}" y="{py(yv)+4}" text-anchor="end">{yv/1e6:.2f}M</text>')
    colors = {"alpha": "#1f77b4", "posttrade": "#d62728"}
    for label in sorted({p[2] for p in points}):
        pts = [(px(math.log10(p[0])), py(p[1])) for p in points if p[2] == label]
        out.append(f'<polyline fill="none" stroke="{colors.get(label, "black")}" stroke-width="2" points="'
                   + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
        for (x, y), p in zip(pts, [p for p in points if p[2] == label]):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colors.get(label, "black")}"/>')
            out.append(f'<text x="{x:.1f}" y="{h-m+15}" text-anchor="middle">{p[0]/1e6:g}M</text>')
        out.append(f'<text x="{pts[-1][0]-5:.1f}" y="{pts[-1][1]-8:.1f}" text-anchor="end" fill="{colors.get(label, "black")}">VizFlow {label}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", default="1000000")
    ap.add_argument("--symbols", type=int, default=3000)
    ap.add_argument("--pipelines", default="alpha,posttrade")
    ap.add_argument("--no-reference", action="store_true")
    ap.add_argument("--stages", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each side, alternating; medians reported")
    ap.add_argument("--plot")
    ap.add_argument("--work", default="/tmp/vizflow-bench")
    a = ap.parse_args()
    vizflow = os.path.join(ROOT, "bin", "vizflow")
    rows_list = [int(float(r)) for r in a.rows.split(",")]
    print("| rows | pipeline | VizFlow s | VizFlow rows/s | VizFlow peak RSS MB | reference s | reference peak RSS MB | speed-up | partial |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---|")
    points = []
    cds_ready = os.path.exists(os.path.join(ROOT, "flink-jobs", "target", "vizflow-cds.jsa"))
    for n in rows_list:
        day_dir = os.path.join(a.work, f"day_{n}")
        raw = os.path.join(day_dir, "raw")
        os.makedirs(raw, exist_ok=True)
        feather = os.path.join(raw, f"fills_{DATE}.feather")
        if not os.path.exists(feather):
            subprocess.run([sys.executable, os.path.join(HERE, "gen_day.py"), feather, "--rows", str(n),
                            "--symbols", str(a.symbols), "--seed", "7"], check=True, stdout=subprocess.DEVNULL)
        for pipeline in a.pipelines.split(","):
            cfg = os.path.join(day_dir, f"{pipeline}.yaml")
            out = os.path.join(day_dir, f"out_{pipeline}")
            with open(cfg, "w") as f:
                f.write(f"input_dir: {raw}\noutput_dir: {out}\n" + CONFIGS[pipeline])
            if not cds_ready:  # built with -Dvizflow.cds.skip: an unmeasured first run writes the class-data archive
                subprocess.run([vizflow, "run", "--config", cfg, "--date", DATE], env={**os.environ, "VIZFLOW_CDS": "create"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                cds_ready = True
            vf_walls, ref_walls = [], []
            vf_rss = ref_rss = None
            verdict = "not compared"
            ref_out = os.path.join(day_dir, f"reference_{pipeline}.parquet")
            for _ in range(max(1, a.repeat)):
                wall, rss = measure([vizflow, "run", "--config", cfg, "--date", DATE],
                                    os.path.join(day_dir, f"vizflow_{pipeline}.log"))
                vf_walls.append(wall)
                vf_rss = max(vf_rss or 0, rss)
                if not a.no_reference:
                    wall, rss = measure([sys.executable, os.path.join(HERE, "reference.py"), pipeline, feather, ref_out],
                                        os.path.join(day_dir, f"reference_{pipeline}.log"))
                    ref_walls.append(wall)
                    ref_rss = max(ref_rss or 0, rss)
            vf_wall = statistics.median(vf_walls)
            ref_wall = statistics.median(ref_walls) if ref_walls else None
            points.append((n, n / vf_wall, pipeline))
            if not a.no_reference:
                verdict = equal_partials(os.path.join(out, f"date={DATE}"), ref_out, KEYS[pipeline])
            speed = f"{ref_wall / vf_wall:.1f}x" if ref_wall else ""
            print(f"| {n:,} | {pipeline} | {vf_wall:.1f} | {n / vf_wall:,.0f} | {vf_rss:,.0f} | "
                  f"{'' if ref_wall is None else f'{ref_wall:.1f}'} | {'' if ref_rss is None else f'{ref_rss:,.0f}'} | {speed} | {verdict} |",
                  flush=True)
            if len(vf_walls) > 1:
                runs = ", ".join(f"{v:.1f}" + (f" / {r:.1f}" if ref_walls else "") for v, r in
                                 zip(vf_walls, ref_walls or vf_walls))
                print(f"|  | {pipeline} | runs (VizFlow{' / reference' if ref_walls else ''}): {runs} |", flush=True)
            if a.stages:
                r = subprocess.run([vizflow, "bench", "--config", cfg, "--date", DATE, "--stages"],
                                   capture_output=True, text=True, check=True)
                for line in r.stdout.splitlines():
                    if line.startswith("stage"):
                        print(f"|  | {pipeline} | {line} |", flush=True)
    if a.plot:
        svg_plot(points, a.plot)
        print(f"\nplot: {a.plot}")


if __name__ == "__main__":
    main()
