"""
Runs the Python peer, smartmoneyconcepts 0.0.27 (joshyattridge/smart-money-concepts, MIT), for
`npm run bench -- smc` (bench/smcPeer.ts). Not part of
LiqLens: the peer's source is never in this repository; the bench passes the directory that holds
its `smartmoneyconcepts` package.

    python3 bench/smcPeer.py <peer dir> <EURUSD_15M.csv.gz> <vectors dir> <rounds> <warm ms>

Reads the CSV and calls each function once untimed (0.0.27 compiles nothing with numba; this
warms pandas and the caches), prints `{"ready": ...}`, then runs <rounds> rounds, each call
untimed until <warm ms> of CPU time have gone into it (at least once), then once timed, as LiqLens
is (bench/smc.ts, WARM_MS), and prints its wall and CPU times (ms; CPU:
the process's user and system time, all threads) as `{"round": {call: [wall, cpu]}}`. After <rounds>
rounds it prints one JSON object: whether its outputs are byte-identical to the package's own test
vectors (which proves the source is the pinned version), and its fair value gaps, so the bench
compares them with LiqLens's in the same run. Python's start-up, the imports and reading the CSV
are outside every timing.
"""
import gzip
import io
import json
import os
import sys
import time

peer_dir, csv_path, vectors_dir, rounds, warm_ms = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
sys.path.insert(0, peer_dir)

import pandas as pd  # noqa: E402
from smartmoneyconcepts import smc  # noqa: E402

with gzip.open(csv_path, "rt") as f:
    df = pd.read_csv(f)  # as the package's tests read it: Date, Open, … (its wrapper lower-cases)

# The peer's full set of calls for what runSmc does in one pass (swing 50, internal 5), in order:
# the later ones take the swings the first two return.
out = {}
CALLS = [
    ("swing_highs_lows(50)", lambda: smc.swing_highs_lows(df, swing_length=50), "shl50"),
    ("swing_highs_lows(5)", lambda: smc.swing_highs_lows(df, swing_length=5), "shl5"),
    ("fvg", lambda: smc.fvg(df), "fvg"),
    ("bos_choch(50)", lambda: smc.bos_choch(df, out["shl50"]), None),
    ("bos_choch(5)", lambda: smc.bos_choch(df, out["shl5"]), "bos5"),
    ("ob(50)", lambda: smc.ob(df, out["shl50"]), None),
    ("liquidity(50)", lambda: smc.liquidity(df, out["shl50"]), None),
]


def emit(value):
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


for name, fn, key in CALLS:
    result = fn()
    if key:
        out[key] = result
emit({"ready": {"bars": len(df), "python": sys.version.split()[0], "pandas": pd.__version__}})

for _ in range(rounds):
    times = {}
    for name, fn, key in CALLS:
        # untimed, as LiqLens's runs before its timed one: each timing starts warm
        warm_from = time.process_time()
        fn()
        while (time.process_time() - warm_from) * 1000 < warm_ms:
            fn()
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        times[name] = [(time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000]
        if key:
            out[key] = result
    emit({"round": times})


def same_bytes(frame, name):
    path = os.path.join(vectors_dir, name + ".csv.gz")
    with gzip.open(path, "rb") as f:
        expected = f.read()
    buf = io.StringIO()
    frame.to_csv(buf, index=False)
    return buf.getvalue().encode() == expected


vectors = {
    "swing_highs_lows_result_data": same_bytes(out["shl5"], "swing_highs_lows_result_data"),
    "fvg_result_data": same_bytes(out["fvg"], "fvg_result_data"),
    "fvg_consecutive_result_data": same_bytes(smc.fvg(df, join_consecutive=True), "fvg_consecutive_result_data"),
    "bos_choch_result_data": same_bytes(out["bos5"], "bos_choch_result_data"),
    "ob_result_data": same_bytes(smc.ob(df, out["shl5"]), "ob_result_data"),
    "liquidity_result_data": same_bytes(smc.liquidity(df, out["shl5"]), "liquidity_result_data"),
}

gaps = out["fvg"].dropna(subset=["FVG"])
emit({
    "vectorsIdentical": vectors,
    "fvg": [[int(i), int(r.FVG), float(r.Top), float(r.Bottom), int(r.MitigatedIndex)] for i, r in zip(gaps.index, gaps.itertuples())],
})
