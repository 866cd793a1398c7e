/**
 * Save on change, per section: a switch writes at once; typing waits until the trader pauses
 * (or leaves the field, or presses Enter). The state feeds the section's "Saved" line: a field
 * holding a value that cannot be saved wins over everything, then writes waiting or under way,
 * then the last write's outcome.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export const TYPING_DELAY_MS = 600;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saved'; at: number }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string };

export interface Saver {
  state: SaveState;
  /** Writes now. */
  save(write: () => Promise<unknown>): void;
  /** Writes after a pause in typing; a newer change for the same field replaces it. */
  later(field: string, write: () => Promise<unknown>): void;
  /** Writes a field's waiting change now (the field lost focus, or Enter). */
  flush(field: string): void;
  /** A field holds a value that cannot be saved: its waiting change is dropped. */
  invalid(field: string): void;
  /** A field shows the stored value again (reset, import): nothing of it waits or is invalid. */
  cancel(field: string): void;
}

export function useSaver(): Saver {
  const [, setVersion] = useState(0);
  const rerender = useCallback(() => setVersion((v) => v + 1), []);
  const waiting = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; write: () => Promise<unknown> }>());
  const invalidFields = useRef(new Set<string>());
  const inFlight = useRef(0);
  const outcome = useRef<SaveState>({ kind: 'idle' });

  const save = useCallback((write: () => Promise<unknown>) => {
    inFlight.current++;
    rerender();
    write().then(
      () => (outcome.current = { kind: 'saved', at: Date.now() }),
      (error: unknown) => (outcome.current = { kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    ).finally(() => {
      inFlight.current--;
      rerender();
    });
  }, [rerender]);

  const drop = (field: string) => {
    const entry = waiting.current.get(field);
    if (entry) clearTimeout(entry.timer);
    waiting.current.delete(field);
  };

  const flush = useCallback((field: string) => {
    const entry = waiting.current.get(field);
    if (!entry) return;
    drop(field);
    save(entry.write);
  }, [save]);

  const later = useCallback((field: string, write: () => Promise<unknown>) => {
    drop(field);
    invalidFields.current.delete(field);
    waiting.current.set(field, { write, timer: setTimeout(() => flush(field), TYPING_DELAY_MS) });
    rerender();
  }, [flush, rerender]);

  const invalid = useCallback((field: string) => {
    drop(field);
    invalidFields.current.add(field);
    rerender();
  }, [rerender]);

  const cancel = useCallback((field: string) => {
    drop(field);
    invalidFields.current.delete(field);
    rerender();
  }, [rerender]);

  // Leaving the page writes what is still waiting.
  useEffect(() => {
    const flushAll = () => [...waiting.current.keys()].forEach(flush);
    window.addEventListener('pagehide', flushAll);
    return () => {
      window.removeEventListener('pagehide', flushAll);
      flushAll();
    };
  }, [flush]);

  const state: SaveState =
    invalidFields.current.size > 0 ? { kind: 'invalid' }
    : waiting.current.size > 0 || inFlight.current > 0 ? { kind: 'pending' }
    : outcome.current;
  return { state, save, later, flush, invalid, cancel };
}
