/**
 * Maps kept in recency order. A Map iterates in insertion order, so when every write re-inserts
 * its key at the end, the front holds the least recently written entries: bounding the map or
 * letting stale entries go is a walk from the front that stops at the first entry to keep,
 * instead of a scan of every entry on every call.
 */

/** Write `value` for `key` as the newest entry. */
export function putNewest<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/**
 * Drop entries from the front (oldest first) while the map holds more than `max` or the front
 * entry is stale; stops at the first entry that is neither.
 */
export function dropOldest<K, V>(map: Map<K, V>, max: number, isStale: (value: V) => boolean = () => false): void {
  for (const [key, value] of map) {
    if (map.size <= max && !isStale(value)) return;
    map.delete(key);
  }
}
