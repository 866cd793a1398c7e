/**
 * The order of one exchange's REST requests (src/market/restQueue.ts, issue 20): a tab's first
 * candles before any backfill, held feeds before lingering ones, feed by feed in turn, a stopped
 * feed's waiting requests dropped.
 */
import { describe, expect, it } from 'vitest';
import { RestCancelledError, RestQueue, type RestWork } from '../../src/market/restQueue';

/** Requests that finish when the test says: the queue's order is what `sent` records. */
function harness(held: (owner: string) => boolean = () => true, concurrency = 1) {
  const queue = new RestQueue(held, concurrency);
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  const results: Promise<string>[] = [];
  const add = (name: string, work: RestWork) => {
    const done = queue.run(work, () => {
      sent.push(name);
      return new Promise<string>((resolve) => pending.push(() => resolve(name)));
    });
    results.push(done.catch((e: unknown) => (e instanceof RestCancelledError ? `cancelled ${name}` : `failed ${name}`)));
    return done;
  };
  /** Lets the oldest request in flight finish, then the queue's next one start. */
  const finish = async () => {
    pending.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const drain = async () => {
    for (let i = 0; i < 100 && (pending.length > 0 || queue.length > 0); i++) await finish();
  };
  return { queue, sent, add, finish, drain, results };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('RestQueue', () => {
  it('sends a feed\'s first candles before the backfill pages queued ahead of them', async () => {
    const h = harness();
    for (let i = 0; i < 5; i++) h.add(`A backfill ${i}`, { owner: 'A', priority: 'backfill' });
    h.add('B refresh', { owner: 'B', priority: 'refresh' });
    h.add('B first', { owner: 'B', priority: 'first' });
    await tick();
    await h.drain();
    // The first backfill page was already out when the others came.
    expect(h.sent.slice(0, 3)).toEqual(['A backfill 0', 'B first', 'B refresh']);
    expect(h.sent).toHaveLength(7);
  });

  it('serves feeds in turn within a class: one feed\'s forty pages do not hold up another\'s one', async () => {
    const h = harness();
    for (let i = 0; i < 40; i++) h.add(`A ${i}`, { owner: 'A', priority: 'backfill' });
    h.add('B 0', { owner: 'B', priority: 'backfill' });
    h.add('B 1', { owner: 'B', priority: 'backfill' });
    await tick();
    await h.drain();
    expect(h.sent.indexOf('B 0')).toBe(1);
    expect(h.sent.indexOf('B 1')).toBe(3);
    // Each feed's own pages keep their order.
    const a = h.sent.filter((n) => n.startsWith('A '));
    expect(a).toEqual(Array.from({ length: 40 }, (_, i) => `A ${i}`));
  });

  it('puts the refreshes of feeds no tab holds any more after the held ones\' of their class, and drops their backfill when its turn comes', async () => {
    const held = new Set(['new']);
    const h = harness((owner) => held.has(owner));
    h.add('new first', { owner: 'new', priority: 'first' });
    h.add('old backfill 0', { owner: 'old', priority: 'backfill' });
    h.add('old backfill 1', { owner: 'old', priority: 'backfill' });
    h.add('old refresh', { owner: 'old', priority: 'refresh' });
    h.add('new refresh', { owner: 'new', priority: 'refresh' });
    h.add('new backfill 0', { owner: 'new', priority: 'backfill' });
    h.add('new backfill 1', { owner: 'new', priority: 'backfill' });
    await tick();
    await h.drain();
    // Class by class, the held feed first in each; the unheld feed's backfill never goes out.
    expect(h.sent).toEqual(['new first', 'new refresh', 'old refresh', 'new backfill 0', 'new backfill 1']);
    const results = await Promise.all(h.results);
    expect(results).toContain('cancelled old backfill 0');
    expect(results).toContain('cancelled old backfill 1');
  });

  it('a feed\'s standing is read when a request is picked: backfill of one a tab takes back goes out, of one it left is dropped', async () => {
    const held = new Set(['A']);
    const h = harness((owner) => held.has(owner));
    h.add('x', { owner: 'other', priority: 'refresh' });
    h.add('A 0', { owner: 'A', priority: 'backfill' });
    h.add('B 0', { owner: 'B', priority: 'backfill' });
    await tick();
    held.add('B');
    held.delete('A');
    await h.drain();
    expect(h.sent).toEqual(['x', 'B 0']);
    expect(await Promise.all(h.results)).toEqual(['x', 'cancelled A 0', 'B 0']);
  });

  it('drops the waiting requests of a stopped feed, lets the one in flight finish, and goes on with the others', async () => {
    const h = harness();
    h.add('A 0', { owner: 'A', priority: 'backfill' });
    h.add('A 1', { owner: 'A', priority: 'backfill' });
    h.add('A 2', { owner: 'A', priority: 'backfill' });
    h.add('B 0', { owner: 'B', priority: 'backfill' });
    await tick();
    h.queue.cancel('A');
    expect(h.queue.length).toBe(1);
    await h.drain();
    expect(h.sent).toEqual(['A 0', 'B 0']);
    expect(await Promise.all(h.results)).toEqual(['A 0', 'cancelled A 1', 'cancelled A 2', 'B 0']);
  });

  it('keeps at most `concurrency` requests out, and a request that throws at once frees its place', async () => {
    const h = harness(() => true, 2);
    const thrown = h.queue.run({ owner: 'A', priority: 'first' }, () => {
      throw new Error('no such method');
    });
    await expect(thrown).rejects.toThrow('no such method');
    for (let i = 0; i < 4; i++) h.add(`C ${i}`, { owner: 'C', priority: 'refresh' });
    await tick();
    expect(h.sent).toEqual(['C 0', 'C 1']);
    await h.finish();
    expect(h.sent).toEqual(['C 0', 'C 1', 'C 2']);
    await h.drain();
    expect(h.sent).toHaveLength(4);
  });
});
