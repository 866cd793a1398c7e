/**
 * The figures `npm run bench` ends with, one line each:
 * `SUMMARY <name> <value> <unit> target <op><target> <met|short> [(this machine: …)]`.
 * Each bench declares its figures up front, so a bench that fails or is cut short still prints
 * its lines, as not measured and short. A figure that is a time says which machine it holds for.
 */
import { cpus, loadavg } from 'node:os';

export interface FigureSpec {
  name: string;
  unit: string;
  /** `<=`: at most the target; `>=`: at least. */
  op: '<=' | '>=';
  target: number;
  /** A wall-clock figure: true only for the machine it was measured on. */
  timed: boolean;
}

interface Figure extends FigureSpec {
  value: number | null;
  note: string;
}

const figures = new Map<string, Figure>();

/** Declares a bench's figures before it runs: each starts as not measured. */
export function expectFigures(specs: readonly FigureSpec[]): void {
  for (const spec of specs) figures.set(spec.name, { ...spec, value: null, note: 'not measured' });
}

/** Records a declared figure's value, with an optional note (what it was measured on) and a target known only now. */
export function figure(name: string, value: number, note = '', target?: number): void {
  const f = figures.get(name);
  if (!f) throw new Error(`bench figure "${name}" was not declared`);
  f.value = value;
  if (target !== undefined) f.target = target;
  // The load when it was measured: the machine is shared, so a timed figure carries it.
  f.note = [note, f.timed ? machine() : ''].filter(Boolean).join('; ');
}

/** Marks every still unmeasured figure of these specs with why. */
export function notMeasured(specs: readonly FigureSpec[], why: string): void {
  for (const spec of specs) {
    const f = figures.get(spec.name);
    if (f && f.value === null) f.note = `not measured: ${why}`;
  }
}

/** The machine, as each timed line names it; the load average says how shared it was. */
export function machine(): string {
  const cores = cpus();
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  return `this machine: ${cores.length}-core ${cores[0]?.model.trim() ?? 'unknown CPU'}, load average ${load}`;
}

const round = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));

export function summaryLines(): string[] {
  return [...figures.values()].map((f) => {
    const met = f.value !== null && (f.op === '<=' ? f.value <= f.target : f.value >= f.target);
    return `SUMMARY ${f.name} ${f.value === null ? 'n/a' : round(f.value)} ${f.unit} target ${f.op}${f.target} ${met ? 'met' : 'short'}${f.note ? ` (${f.note})` : ''}`;
  });
}
