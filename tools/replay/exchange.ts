/**
 * The replay side of one exchange, the shape every folder under tools/replay/exchanges/ fills in
 * (as src/exchanges/<id>/ fills in ExchangeDef): its recorded markets, its REST paths and error
 * bodies, and its liquidation stream's wire protocol. The server and the stream hub hold no
 * exchange's specifics; they ask these.
 */
import type { ExchangeId } from '../../src/core/exchangeIds';
import type { LiquidationPrint } from '../../src/core/types';
import type { JsonReply } from './http';
import type { MarketView } from './marketView';
import type { ReplayMarket } from './recordings';

/** One stream connection, as the hub keeps it. */
export interface StreamClient {
  readonly connId: string;
  /** The topics subscribed, in the exchange's own names. */
  readonly topics: Set<string>;
  /** Binance's combined streams (`/market/stream?streams=`) wrap each event as `{stream, data}`. */
  readonly combined: boolean;
}

/** A frame to write to one client, and the prints it carries (tests compare them with what the client stored). */
export interface StreamFrame {
  message: unknown;
  prints: readonly LiquidationPrint[];
}

export interface ReplayStream {
  /** A connection upgraded on `url`: its starting topics, or null where this exchange has no stream at that path. */
  accept(url: URL): { topics: string[]; combined: boolean } | null;
  /**
   * What to answer a client's text message (it may subscribe, unsubscribe, ping, or be garbage),
   * in order: objects are sent as JSON, strings as they are.
   */
  answer(client: StreamClient, text: string, markets: ReadonlyMap<string, MarketView>): unknown[];
  /** The frames carrying `prints` (due since the last push, time order) to one client. */
  frames(prints: readonly LiquidationPrint[], client: StreamClient, now: number): StreamFrame[];
  /** Where the exchange batches its pushes, how often (real ms; Bybit's 500); unset, prints go out at each tick. */
  batchMs?: number;
}

export interface ReplayExchange {
  readonly id: ExchangeId;
  /** What it serves, built from the recordings in data/, each with its provenance. */
  markets(): ReplayMarket[];
  rest: {
    /** True for a path of its REST API (the exchanges' paths do not overlap, so one origin serves them all). */
    owns(pathname: string): boolean;
    /** The answer to a request on one of its paths; undefined for a path it does not serve. */
    serve(url: URL, markets: ReadonlyMap<string, MarketView>): JsonReply | undefined;
    /** An injected HTTP error, with the body the exchange sends with it. */
    fault(status: number): JsonReply;
  };
  stream: ReplayStream;
  /**
   * Frames in its own shapes that a client must reject, each for a reason (numbers beyond belief:
   * 1e300, -0, 1e-320, "NaN", 1e400 (`tooBig`), a notional at the cap; huge strings; another
   * symbol; wrong types), at `time`: the stream tests send them to the extension's client.
   */
  hostileFrames(time: number): string[];
}

/** Where a hostile frame wants a number JSON can carry but a double cannot hold (it parses as Infinity). */
export const TOO_BIG = '<1e400>';
/** The frame's text with TOO_BIG written as the number 1e400. */
export const tooBig = (text: string): string => text.replaceAll(`"${TOO_BIG}"`, '1e400');

/** A client's text as a JSON object, or null where it is not one (each exchange words its own error). */
export function requestObject(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
