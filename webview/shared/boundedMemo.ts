// Values a webview makes again and again on its drawing path (a cell's `12px`, a minute's
// timestamp, a status's class), each made once and looked up after. A scroll draws hundreds of
// cells a frame; every string made there is garbage on the thread that draws, and in a browser
// that thread's heap is the workbench's too, so its collections land in the scroll's frames.

/**
 * `make` with its results kept by argument. Past `limit` entries they are forgotten all at once:
 * the memo stays bounded whatever the table holds, and the common values are made again at once.
 */
export function boundedMemo<K, V>(make: (key: K) => V, limit = 4096): (key: K) => V {
  const made = new Map<K, V>();
  return (key: K): V => {
    const known = made.get(key);
    if (known !== undefined || made.has(key)) {
      return known as V;
    }
    if (made.size >= limit) {
      made.clear();
    }
    const value = make(key);
    made.set(key, value);
    return value;
  };
}
