// A bounded memo for pure lookups that are costly and repeat for the same profile on every event.
export function boundedMemo<T>(limit: number, make: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    // clearing all at once is crude but keeps memory bounded without bookkeeping per entry
    if (cache.size >= limit) cache.clear();
    const value = make(key);
    cache.set(key, value);
    return value;
  };
}
