/**
 * Evaluating in the add-on's background page, from a test: Firefox's Remote Debugging Protocol
 * (what about:debugging's "Inspect" uses; the browser opens it only with --start-debugger-server
 * and the devtools prefs below, on loopback). WebDriver BiDi cannot: it may not open moz-extension
 * pages and lists no background realm. Nothing is added to the add-on for this: the tests ask the
 * content scripts what the popup asks them, from the add-on's own background page.
 */
import net from 'node:net';

/** Firefox prefs and arguments that start the debugger server on `port` without a prompt. */
export function debuggerServer(port: number): { args: string[]; prefs: Record<string, boolean> } {
  return {
    args: ['--start-debugger-server', String(port)],
    prefs: { 'devtools.debugger.remote-enabled': true, 'devtools.chrome.enabled': true, 'devtools.debugger.prompt-connection': false },
  };
}

type Packet = Record<string, unknown> & { from?: string; type?: string };

/** A minimal client: length-prefixed JSON packets (`12:{"to":"root"}`), one request per actor at a time. */
class RdpClient {
  private buffer = Buffer.alloc(0);
  private readonly unclaimed: Packet[] = [];
  private readonly waiting: { match: (p: Packet) => boolean; resolve: (p: Packet) => void }[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (data) => this.receive(data));
  }

  static async connect(port: number, timeoutMs = 20_000): Promise<RdpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise<net.Socket>((resolve, reject) => {
          const s = net.createConnection({ port, host: '127.0.0.1' }, () => resolve(s));
          s.once('error', reject);
        });
        const client = new RdpClient(socket);
        await client.next((p) => p.from === 'root');
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private receive(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const colon = this.buffer.indexOf(58);
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as Packet;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      const i = this.waiting.findIndex((w) => w.match(packet));
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(packet);
      else this.unclaimed.push(packet);
    }
  }

  next(match: (p: Packet) => boolean, timeoutMs = 30_000): Promise<Packet> {
    const i = this.unclaimed.findIndex(match);
    if (i >= 0) return Promise.resolve(this.unclaimed.splice(i, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve: (p: Packet) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(new Error('the Firefox debugger server did not answer'));
      }, timeoutMs);
      this.waiting.push(waiter);
    });
  }

  async request(to: string, type: string, extra: Record<string, unknown> = {}): Promise<Packet> {
    const text = JSON.stringify({ to, type, ...extra });
    this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    const reply = await this.next((p) => p.from === to && p.type === undefined);
    if (typeof reply.error === 'string') throw new Error(`${type}: ${reply.error} ${String(reply.message ?? '')}`);
    return reply;
  }

  close(): void {
    this.socket.end();
  }
}

/** The add-on's background page, for evaluating the tests' own self-contained functions in it. */
export class BackgroundPage {
  private console: string | null = null;

  private constructor(private readonly client: RdpClient, private readonly addonId: string) {}

  static async connect(port: number, addonId: string): Promise<BackgroundPage> {
    return new BackgroundPage(await RdpClient.connect(port), addonId);
  }

  /** The background page's console actor (found again after Firefox restarts its event page). */
  private async consoleActor(): Promise<string> {
    if (this.console) return this.console;
    const { addons } = (await this.client.request('root', 'listAddons')) as { addons: { id: string; actor: string }[] };
    const addon = addons.find((a) => a.id === this.addonId);
    if (!addon) throw new Error(`no add-on ${this.addonId} in Firefox`);
    const watcher = (await this.client.request(addon.actor, 'getWatcher')) as { actor: string };
    await this.client.request(watcher.actor, 'watchTargets', { targetType: 'frame' });
    for (;;) {
      const { target } = (await this.client.next((p) => p.type === 'target-available-form')) as { target: { url: string; consoleActor: string } };
      if (target.url.endsWith('/_generated_background_page.html')) return (this.console = target.consoleActor);
    }
  }

  /** `fn(arg)` in the background page; its result travels as JSON. */
  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>> {
    const actor = await this.consoleActor();
    const text = `(async () => JSON.stringify(await (${fn.toString()})(${JSON.stringify(arg)})))()`;
    const { resultID } = (await this.client.request(actor, 'evaluateJSAsync', { text, mapped: { await: true } })) as { resultID: string };
    const answer = (await this.client.next((p) => p.type === 'evaluationResult' && p.resultID === resultID)) as {
      result: string | { type: string; actor?: string; length?: number };
      exceptionMessage?: string;
    };
    if (answer.exceptionMessage) {
      this.console = null; // the event page may have been restarted: find it again next time
      throw new Error(`in the background page: ${answer.exceptionMessage}`);
    }
    let json = answer.result;
    if (typeof json === 'object' && json.type === 'longString') {
      json = String((await this.client.request(json.actor!, 'substring', { start: 0, end: json.length })).substring);
    }
    if (typeof json !== 'string') throw new Error(`in the background page: no JSON result (${JSON.stringify(json)})`);
    return JSON.parse(json) as Awaited<R>;
  }

  close(): void {
    this.client.close();
  }
}
