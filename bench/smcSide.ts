/**
 * LiqLens's side of the SMC ratio, in a Node process of its own as the peer's side is in a Python
 * process of its own (bench/smc.ts spawns it; bench/smcPeer.py is the peer's). Run in the bench's
 * own process, runSmc carried the state the bench's earlier parts left in V8's heap: the same code
 * timed ~5 ms for all 7 rounds in one run and 8-25 ms in the next (150-280 MB of garbage no full
 * collection had taken yet, and the heap shrunk while the bench waited on the peer). A full
 * collection before each timing was tried and is worse: the heap then grows back inside the timed
 * run (77-124 ms).
 *
 *     node --import tsx bench/smcSide.ts <candles.csv.gz> <rounds> <warm ms>
 *
 * Reads the CSV, runs runSmc 5 times untimed (V8 optimises it), then <rounds> rounds, each timed
 * run right after the same untimed until <warm ms> of CPU time have gone into it, as the peer's
 * calls are. Prints one JSON line: the bars read, and per round [wall, CPU] ms (CPU: the process's
 * user and system time, all threads: V8's GC helpers included).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv } from '../src/core/candles';
import { runSmc } from '../src/core/smc';

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e3;
}

const [file, roundsArg, warmArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const warmMs = Number(warmArg);
if (!file || !(rounds > 0) || !(warmMs >= 0)) throw new Error('usage: smcSide.ts <candles.csv.gz> <rounds> <warm ms>');

const candles = parseCandleCsv(gunzipSync(readFileSync(file)).toString('utf8')).rows;
for (let i = 0; i < 5; i++) runSmc(candles);
const times: [number, number][] = [];
for (let r = 0; r < rounds; r++) {
  // untimed, as the peer's calls before its timed one
  const warmFrom = cpuMs();
  do runSmc(candles);
  while (cpuMs() - warmFrom < warmMs);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  runSmc(candles);
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  times.push([wall, (used.user + used.system) / 1e3]);
}
process.stdout.write(`${JSON.stringify({ bars: candles.length, times })}\n`);
