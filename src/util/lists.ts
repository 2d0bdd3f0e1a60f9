// The one list splitter: every list input (and every list inside a YAML value) goes through it. Pure.

export interface SplitOptions {
  /** Where items end: new lines and commas by default. */
  separator?: RegExp
  /** Lower-case each item (before removing duplicates). */
  lower?: boolean
  /** Keep duplicates (default: the first of each is kept). */
  duplicates?: boolean
}

/** Items of `raw`, trimmed, empties dropped, duplicates removed (first kept) unless asked otherwise. */
export function splitList(raw: string, options: SplitOptions = {}): string[] {
  const items: string[] = []
  const seen = new Set<string>()
  for (const part of raw.split(options.separator ?? /[\n,]/)) {
    const trimmed = part.trim()
    const item = options.lower ? trimmed.toLowerCase() : trimmed
    if (item === '' || (!options.duplicates && seen.has(item))) continue
    seen.add(item)
    items.push(item)
  }
  return items
}

/** Whether two lists hold the same items, in any order (duplicates ignored). */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a)
  const sb = new Set(b)
  return sa.size === sb.size && [...sa].every((x) => sb.has(x))
}
