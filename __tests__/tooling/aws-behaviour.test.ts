// docs/aws-behaviour.md says, for every behaviour of AWS, which code and which test handle it. Kept true:
// every `src/…`, `__tests__/…`, `tools/…`, `scripts/…` and `docs/…` path it names exists, and every test
// name it quotes right after a test file is in that file (a renamed or moved test fails here).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../support/docs.js'

const PAGE = readFileSync(join(ROOT, 'docs/aws-behaviour.md'), 'utf8')
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Every path in a code span that starts with one of the repository's top folders. */
function namedPaths(page: string): string[] {
  const paths = [...page.matchAll(/`((?:src|__tests__|tools|scripts|docs)\/[^`\s]*)`/g)].map((m) => m[1] ?? '')
  return [...new Set(paths)]
}

/** `file.test.ts` "name", "name" and "name": each quoted name right after a test file (separated by commas, and, or). */
function quotedTests(page: string): [string, string][] {
  const pairs: [string, string][] = []
  for (const m of page.matchAll(/`(__tests__\/[^`]+\.test\.ts)`((?:\s*(?:,|and|or)?\s*"[^"]+")+)/g)) {
    for (const name of (m[2] ?? '').matchAll(/"([^"]+)"/g)) pairs.push([m[1] ?? '', oneLine(name[1] ?? '')])
  }
  return pairs
}

describe('docs/aws-behaviour.md names code and tests that exist', () => {
  it('finds what it checks (so that it cannot pass on nothing)', () => {
    expect(namedPaths(PAGE).filter((p) => p.startsWith('src/')).length).toBeGreaterThan(30)
    expect(quotedTests(PAGE).length).toBeGreaterThan(40)
    expect(namedPaths('`src/a.ts` and `__tests__/b/` and `other/c.ts`')).toEqual(['src/a.ts', '__tests__/b/'])
    expect(quotedTests('`__tests__/x.test.ts` "one", "two" and "three"; `__tests__/y.test.ts`, the one once named "old"')).toEqual([
      ['__tests__/x.test.ts', 'one'],
      ['__tests__/x.test.ts', 'two'],
      ['__tests__/x.test.ts', 'three'],
    ])
  })

  it.each(namedPaths(PAGE))('%s exists', (path) => {
    // `dir/*.js`: at least one file of the folder matches.
    if (path.includes('*')) {
      const pattern = new RegExp(
        `^${path
          .slice(dirname(path).length + 1)
          .replace(/[.]/g, '\\.')
          .replace(/\*/g, '.*')}$`,
      )
      expect(readdirSync(join(ROOT, dirname(path))).filter((f) => pattern.test(f)).length).toBeGreaterThan(0)
      return
    }
    expect(existsSync(join(ROOT, path))).toBe(true)
  })

  it.each(quotedTests(PAGE))('%s has a test or describe named "%s"', (file, name) => {
    expect(existsSync(join(ROOT, file))).toBe(true)
    // A name shortened with "…" is checked part by part.
    const text = oneLine(readFileSync(join(ROOT, file), 'utf8'))
    for (const part of name
      .split('…')
      .map((p) => p.trim())
      .filter((p) => p !== ''))
      expect(text).toContain(part)
  })
})
