// List inputs: one item per line and/or comma-separated. Pure.
import { splitList } from '../util/lists.js'

/** One item per line and/or comma-separated; trimmed, empties dropped, duplicates removed (first kept). */
export function parseList(raw: string): string[] {
  return splitList(raw)
}

/** Like parseList, but also splits on whitespace (OAuth scopes are conventionally space separated). */
export function parseScopeList(raw: string): string[] {
  return splitList(raw, { separator: /[\s,]+/ })
}
