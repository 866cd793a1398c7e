import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseCandleCsv } from './src/core/candles';
import { runSmc, SmcEngine } from './src/core/smc';
const c = parseCandleCsv(gunzipSync(readFileSync('data/smc-peer-eurusd/EURUSD_15M.csv.gz')).toString()).rows;
const t = (f: () => void) => { const ts: number[] = []; for (let i = 0; i < 40; i++) { const s = performance.now(); f(); ts.push(performance.now() - s); } ts.sort((a, b) => a - b); return `min ${ts[0]!.toFixed(1)} p25 ${ts[10]!.toFixed(1)} med ${ts[20]!.toFixed(1)}`; };
console.log('runSmc', t(() => runSmc(c)));
console.log('appendAll', t(() => new SmcEngine().appendAll(c)));
console.log('runSmc', t(() => runSmc(c)));
