/**
 * `npm run replay -- [--port 8787] [--speed 60]`: runs the replay exchange on its own, e.g. to
 * point a normally installed LiqLens at it (options → data source → http://127.0.0.1:8787).
 */
import { startReplayServer } from './server';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a non-negative number`);
  return value;
}

const server = await startReplayServer({ port: option('port', 8787), speed: option('speed', 1) || 1 });
console.log(`Replay exchange at ${server.url} (speed ×${server.clock.speed})`);
for (const market of server.catalog) {
  console.log(`\n${market.exchange} ${market.symbol}`);
  for (const line of market.provenance) console.log(`  ${line}`);
}
console.log(`\nStatus: ${server.url}/__replay/status. Ctrl-C stops it.`);
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
