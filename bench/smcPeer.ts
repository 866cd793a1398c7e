/**
 * The Python peer, smartmoneyconcepts 0.0.27 (MIT), run side by side with LiqLens on the same
 * bars in the same run (bench/smcPeer.py). Needs python3 with pandas and numba (Debian:
 * `apt-get install python3-pandas python3-numba`) and the peer's source at its pinned version,
 * found in $SMC_PEER_DIR or, by default, a `smart-money-concepts` checkout beside this repository
 * (README, "The SMC peer"). Without them the ratio is not measured, and says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../tools/repoRoot';

export const PEER_VERSION = '0.0.27';

export interface PeerRun {
  bars: number;
  python: string;
  pandas: string;
  /** Fastest wall time of each call, ms. */
  callsMs: Record<string, number>;
  /** The peer's outputs against its own test vectors, byte for byte. */
  vectorsIdentical: Record<string, boolean>;
  /** [index, direction, top, bottom, mitigatedIndex] of each gap (0 = not yet mitigated). */
  fvg: [number, number, number, number, number][];
}

export function peerDir(): string {
  return resolve(process.env.SMC_PEER_DIR ?? resolve(REPO_ROOT, '..', 'smart-money-concepts'));
}

/** Runs the peer, or says why it cannot. */
export function runPeer(csvGz: string, vectorsDir: string, runs: number): { ok: true; run: PeerRun } | { ok: false; why: string } {
  const dir = peerDir();
  if (!existsSync(resolve(dir, 'smartmoneyconcepts', 'smc.py'))) return { ok: false, why: `no peer source at ${dir} (set SMC_PEER_DIR; README "The SMC peer")` };
  // The first Python that has pandas and numba: $PYTHON, then the one on PATH (perhaps a pyenv
  // shim without them), then Debian's.
  const python = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((exe) => exe && spawnSync(exe, ['-c', 'import pandas, numba']).status === 0);
  if (!python) return { ok: false, why: 'no python3 with pandas and numba (Debian: apt-get install python3-pandas python3-numba)' };
  const out = spawnSync(python, [resolve(REPO_ROOT, 'bench/smcPeer.py'), dir, csvGz, vectorsDir, String(runs)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (out.status !== 0) return { ok: false, why: `the peer failed: ${(out.stderr || String(out.error)).trim().split('\n').at(-1)}` };
  return { ok: true, run: JSON.parse(out.stdout) as PeerRun };
}
