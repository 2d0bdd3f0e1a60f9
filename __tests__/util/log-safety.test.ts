// logSafe / logText: the one place untrusted text is made inert for the log.
import { describe, expect, it } from 'vitest'
import { logSafe, logText, showInvisible } from '../../src/util/log-safety.js'

/** What the runner would read as a workflow command in a line (both forms), or as a line break. */
function commandsIn(text: string): string[] {
  const found: string[] = []
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*::[A-Za-z-]*/.test(line)) found.push(line)
    if (line.includes('##[')) found.push(line)
  }
  return found
}

const BREAKS = ['\n', '\r', '\r\n', '\u0085', '\u2028', '\u2029', '\v', '\f']
const INVISIBLE = ['\u200b', '\ufeff', '\u202e', '\u2066', '\u200e', '\u0000', '\u001b', '\u007f']

describe('logSafe', () => {
  it.each(BREAKS)('shows the line break %j as an escape, never as a break', (br) => {
    const out = logSafe(`a${br}::error::x`)
    expect(out).not.toMatch(/[\r\n\u0085\u2028\u2029\v\f]/)
    expect(out.startsWith('a\\')).toBe(true)
    expect(commandsIn(`prefix ${out}`)).toEqual([])
  })

  it.each(INVISIBLE)('shows the invisible or control character %j as an escape', (ch) => {
    const out = logSafe(`a${ch}b`)
    expect(out).toBe(`a\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}b`)
  })

  it.each([
    '::add-mask::x',
    '::stop-commands::tok',
    '##[stop-commands]tok',
    '##[error]boom',
    'x ##[warning]y',
    ':::::',
    '###[x',
    '::::error::',
    '%0A::error::x',
  ])('breaks the workflow-command form in %j wherever it is', (value) => {
    const out = logSafe(value)
    expect(out).not.toContain('::')
    expect(out).not.toContain('##[')
    expect(commandsIn(out)).toEqual([])
  })

  it('leaves ordinary text alone and is idempotent', () => {
    for (const v of ['openmetadata', 'https://app.example.com/cb?a=1', 'a: b', 'issue #1', 'C:\\path']) expect(logSafe(v)).toBe(v)
    const hostile = 'x\n::a::\r##[b]\u2028'
    expect(logSafe(logSafe(hostile))).toBe(logSafe(hostile))
  })

  it('showInvisible keeps command forms (markdown shows them as text) but escapes every break', () => {
    expect(showInvisible('a::b\u2028c')).toBe('a::b\\u2028c')
  })
})

describe('logText', () => {
  it("keeps the message's own lines and makes each inert", () => {
    const out = logText('first line\n::error::second\r\n##[warning]third\rfourth')
    expect(out.split('\n')).toHaveLength(3)
    expect(out).not.toMatch(/\r/)
    expect(commandsIn(out)).toEqual([])
  })
})
