/**
 * The Python peer, smartmoneyconcepts 0.0.27 (MIT), run side by side with LiqLens on the same
 * bars in the same run (bench/smcPeer.py). Needs python3 with pandas and numba (Debian:
 * `apt-get install python3-pandas python3-numba`) and the peer's source at its pinned version,
 * found in $SMC_PEER_DIR or, by default, a `smart-money-concepts` checkout beside this repository
 * (README, "The SMC peer"). Without them the ratio is not measured, and says why.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../tools/repoRoot';

export const PEER_VERSION = '0.0.27';

export interface PeerRun {
  bars: number;
  python: string;
  pandas: string;
  /** Per round, the [wall, CPU] time of each call, ms (CPU: the process's user and system time, all threads). */
  rounds: Record<string, [number, number]>[];
  /** The peer's outputs against its own test vectors, byte for byte. */
  vectorsIdentical: Record<string, boolean>;
  /** [index, direction, top, bottom, mitigatedIndex] of each gap (0 = not yet mitigated). */
  fvg: [number, number, number, number, number][];
}

export function peerDir(): string {
  return resolve(process.env.SMC_PEER_DIR ?? resolve(REPO_ROOT, '..', 'smart-money-concepts'));
}

/** Runs the peer for `rounds` rounds of its calls, each timed call after the same untimed for `warmMs` of CPU time, or says why it cannot. */
export async function runPeer(csvGz: string, vectorsDir: string, rounds: number, warmMs: number): Promise<{ ok: true; run: PeerRun } | { ok: false; why: string }> {
  const dir = peerDir();
  if (!existsSync(resolve(dir, 'smartmoneyconcepts', 'smc.py'))) return { ok: false, why: `no peer source at ${dir} (set SMC_PEER_DIR; README "The SMC peer")` };
  // The first Python that has pandas and numba: $PYTHON, then the one on PATH (perhaps a pyenv
  // shim without them), then Debian's.
  const python = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((exe) => exe && spawnSync(exe, ['-c', 'import pandas, numba']).status === 0);
  if (!python) return { ok: false, why: 'no python3 with pandas and numba (Debian: apt-get install python3-pandas python3-numba)' };
  const child = spawn(python, [resolve(REPO_ROOT, 'bench/smcPeer.py'), dir, csvGz, vectorsDir, String(rounds), String(warmMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', done));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown> | null> => {
    const line = await lines.next();
    return line.done ? null : (JSON.parse(line.value) as Record<string, unknown>);
  };
  try {
    const ready = (await next())?.ready as { bars: number; python: string; pandas: string } | undefined;
    if (!ready) throw new Error('no ready line');
    const done: PeerRun['rounds'] = [];
    for (let r = 0; r < rounds; r++) {
      const round = (await next())?.round as PeerRun['rounds'][number] | undefined;
      if (!round) throw new Error(`no round ${r + 1}`);
      done.push(round);
    }
    const end = await next();
    if (!end) throw new Error('no result');
    return { ok: true, run: { ...ready, rounds: done, ...(end as Pick<PeerRun, 'vectorsIdentical' | 'fvg'>) } };
  } catch {
    child.kill();
    const code = await exited;
    return { ok: false, why: `the peer failed (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}` };
  }
}
