/**
 * The charting library's ISubscription: `subscribe(obj, callback, singleshot?)`,
 * `unsubscribe(obj, callback)`, `unsubscribeAll(obj)`.
 */
type Callback<A extends unknown[]> = (...args: A) => void;

export class Subscription<A extends unknown[]> {
  private listeners: { obj: unknown; callback: Callback<A>; once: boolean }[] = [];

  subscribe(obj: unknown, callback: Callback<A>, singleshot = false): void {
    this.listeners.push({ obj, callback, once: singleshot });
  }

  unsubscribe(obj: unknown, callback: Callback<A>): void {
    this.listeners = this.listeners.filter((l) => !(l.obj === obj && l.callback === callback));
  }

  unsubscribeAll(obj: unknown): void {
    this.listeners = this.listeners.filter((l) => l.obj !== obj);
  }

  fire(...args: A): void {
    const current = this.listeners;
    this.listeners = current.filter((l) => !l.once);
    for (const l of current) {
      try {
        l.callback.call(l.obj, ...args);
      } catch (error) {
        console.error('demo chart: a subscriber threw', error);
      }
    }
  }
}
