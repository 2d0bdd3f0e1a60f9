import { expect } from 'vitest'

/** dotenv as docker compose reads an env file: KEY=VALUE per line, an unquoted value taken as it is. */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line)
    if (!m) throw new Error(`not a dotenv line: ${line}`)
    expect(m[2]?.startsWith('"') || m[2]?.startsWith("'"), 'values are unquoted, so they are read literally').toBe(false)
    out[m[1] ?? ''] = m[2] ?? ''
  }
  return out
}
