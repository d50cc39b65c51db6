/** The first `max` items joined by commas, then "and N more" for the rest: a list a message can name. */
export function namedList(items: readonly string[], max = 3): string {
  return items.length > max ? `${items.slice(0, max).join(", ")} and ${String(items.length - max)} more` : items.join(", ");
}

/** `a`, `a and b`, `a, b and c`: every item, for a sentence. */
export function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1) ?? ""}`;
}

/** `items` grouped by `keyOf`, each group in the items' order, the groups in the order their keys first come. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) pushTo(groups, keyOf(item), item);
  return groups;
}

/** Adds `values` to the list a map (or weak map) holds for `key`, starting the list when there is none. */
export function pushTo<K, V>(lists: { get(key: K): V[] | undefined; set(key: K, list: V[]): unknown }, key: K, ...values: V[]): void {
  const list = lists.get(key);
  if (list) list.push(...values);
  else lists.set(key, values);
}

/** For each file, the holders whose `filesOf` lists it, each once, in the holders' order: which units carry a file. */
export function holdersByFile<T>(holders: Iterable<T>, filesOf: (holder: T) => Iterable<string>): Map<string, T[]> {
  const byFile = new Map<string, T[]>();
  for (const holder of holders) for (const file of new Set(filesOf(holder))) pushTo(byFile, file, holder);
  return byFile;
}

/** The index of the first number of `sorted` (ascending) that is `value` or more; its length when none is. Binary search. */
export function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
