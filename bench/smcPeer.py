"""
Runs the Python peer, smartmoneyconcepts 0.0.27 (joshyattridge/smart-money-concepts, MIT), for
`npm run bench -- smc` (bench/smcPeer.ts). Not part of LiqLens: the peer's source is never in this
repository; the bench passes the directory that holds its `smartmoneyconcepts` package.

    python3 bench/smcPeer.py <peer dir> <EURUSD_15M.csv.gz> <vectors dir> <runs>

Prints one JSON object: the peer's wall time per call (fastest of <runs>, after one untimed run
so numba/pandas are warm), whether its outputs are byte-identical to the package's own test
vectors (which proves the source is the pinned version), and its fair value gaps, so the bench
compares them with LiqLens's in the same run.
"""
import gzip
import io
import json
import os
import sys
import time

peer_dir, csv_path, vectors_dir, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, peer_dir)

import pandas as pd  # noqa: E402
from smartmoneyconcepts import smc  # noqa: E402

with gzip.open(csv_path, "rt") as f:
    df = pd.read_csv(f)  # as the package's tests read it: Date, Open, … (its wrapper lower-cases)


def best(fn):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), out


# The peer's full set of calls for what runSmc does in one pass (swing 50, internal 5).
calls = {}
calls["swing_highs_lows(50)"], shl50 = best(lambda: smc.swing_highs_lows(df, swing_length=50))
calls["swing_highs_lows(5)"], shl5 = best(lambda: smc.swing_highs_lows(df, swing_length=5))
calls["fvg"], fvg = best(lambda: smc.fvg(df))
calls["bos_choch(50)"], _ = best(lambda: smc.bos_choch(df, shl50))
calls["bos_choch(5)"], bos5 = best(lambda: smc.bos_choch(df, shl5))
calls["ob(50)"], _ = best(lambda: smc.ob(df, shl50))
calls["liquidity(50)"], _ = best(lambda: smc.liquidity(df, shl50))


def same_bytes(frame, name):
    path = os.path.join(vectors_dir, name + ".csv.gz")
    with gzip.open(path, "rb") as f:
        expected = f.read()
    buf = io.StringIO()
    frame.to_csv(buf, index=False)
    return buf.getvalue().encode() == expected


vectors = {
    "swing_highs_lows_result_data": same_bytes(shl5, "swing_highs_lows_result_data"),
    "fvg_result_data": same_bytes(fvg, "fvg_result_data"),
    "fvg_consecutive_result_data": same_bytes(smc.fvg(df, join_consecutive=True), "fvg_consecutive_result_data"),
    "bos_choch_result_data": same_bytes(bos5, "bos_choch_result_data"),
    "ob_result_data": same_bytes(smc.ob(df, shl5), "ob_result_data"),
    "liquidity_result_data": same_bytes(smc.liquidity(df, shl5), "liquidity_result_data"),
}

gaps = fvg.dropna(subset=["FVG"])
print(json.dumps({
    "bars": len(df),
    "python": sys.version.split()[0],
    "pandas": pd.__version__,
    "callsMs": calls,
    "vectorsIdentical": vectors,
    "fvg": [[int(i), int(r.FVG), float(r.Top), float(r.Bottom), int(r.MitigatedIndex)] for i, r in zip(gaps.index, gaps.itertuples())],
}))
