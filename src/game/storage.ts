/**
 * The slice of the Web Storage API the progress store needs. The browser passes `localStorage`;
 * tests pass `memoryStorage()`, so every rule about saving, backing up and migrating runs in Node.
 */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** Number of keys (used only to list backups). */
  readonly length: number;
  /** The key at `index`, or null past the end. */
  key(index: number): string | null;
}

/** An in-memory StorageLike, for tests and for browsers where localStorage throws (private modes). */
export function memoryStorage(initial: Record<string, string> = {}): StorageLike {
  const map = new Map<string, string>(Object.entries(initial));
  return {
    getItem: (key) => (map.has(key) ? map.get(key)! : null),
    setItem: (key, value) => {
      map.set(key, String(value));
    },
    removeItem: (key) => {
      map.delete(key);
    },
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
  };
}

/** Every key in `storage` that starts with `prefix`, sorted. */
export function keysWithPrefix(storage: StorageLike, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && key.startsWith(prefix)) keys.push(key);
  }
  return keys.sort();
}
