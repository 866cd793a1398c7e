/** A storage item's value, kept current (a change from any page, or an import, shows at once). */
import { useEffect, useState } from 'preact/hooks';

/** What the options page needs of a WXT storage item. */
export interface SettingItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  watch(callback: (value: T) => void): () => void;
}

/** null until the first read. */
export function useStoredValue<T>(item: SettingItem<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    void item.getValue().then((v) => live && setValue(() => v));
    const unwatch = item.watch((v) => setValue(() => v));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
