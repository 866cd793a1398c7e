/** A storage item as Preact state: read once, kept in step with changes from any context. */
import { useEffect, useState } from 'preact/hooks';

interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(callback: (value: T) => void): () => void;
}

export function useStored<T>(item: Item<T>): [T | null, (value: T) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch(setValue);
  }, [item]);
  // Shown at once, before the write lands and the watch confirms it.
  return [value, (next) => {
    setValue(next);
    void item.setValue(next);
  }];
}
