/** Small helpers shared by the location-document modules: plain-object checks, pruning, merging, wording. */

export type Mapping = Record<string, unknown>;

/** A plain object, as YAML mappings parse to (not a list, nor `!!binary` data). */
export function isMapping(value: unknown): value is Mapping {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Drops undefined, null and "" recursively, and then any mapping left empty: for the document built
 * from flags, where an empty flag means "not given". Never applied to a file's values, which are
 * sent as written. List items are kept in place, so a list never changes length.
 */
export function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (isMapping(item) ? prune(item) ?? {} : item));
  if (!isMapping(value)) return value === "" || value === null ? undefined : value;
  const out: Mapping = {};
  for (const [key, item] of Object.entries(value)) {
    const kept = prune(item);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

export function pruneMapping(value: Mapping): Mapping {
  const kept = prune(value);
  return isMapping(kept) ? kept : {};
}

/** null, or a mapping without keys. */
export function isEmpty(value: unknown): boolean {
  return value === null || (isMapping(value) && Object.keys(value).length === 0);
}

/** `over` wins; mappings present on both sides are merged key by key; undefined in `over` is skipped. */
export function mergeDeep(base: Mapping, over: Mapping): Mapping {
  const out: Mapping = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    out[key] = isMapping(value) && isMapping(current) ? mergeDeep(current, value) : value;
  }
  return out;
}

/** "a string", "a number", "a list", ... for messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (isMapping(value)) return "a mapping";
  if (value === null || value === undefined) return "empty";
  if (typeof value === "boolean") return `a boolean (${String(value)})`;
  if (typeof value === "number") return `a number (${String(value)})`;
  if (value instanceof Uint8Array) return "binary data";
  if (typeof value === "object") return "an unsupported value";
  return `a ${typeof value}`;
}

/** ` (did you mean "image"?)` when `key` is a near miss of one of `known`, else "". */
export function didYouMean(key: string, known: readonly string[]): string {
  const squash = (text: string) => text.toLowerCase().replace(/[-_\s]/g, "");
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    const distance = squash(word) === squash(key) ? 0 : editDistance(key.toLowerCase(), word);
    if (best === undefined || distance < best.distance) best = { word, distance };
  }
  const limit = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  return best !== undefined && best.distance <= limit ? ` (did you mean "${best.word}"?)` : "";
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
