// The hostile-values table: every value is fed into every printed field of the pure renderers; the
// summary (= the comment body) parsed as GitHub-flavoured markdown has no link, mention, HTML, emphasis
// or broken table made from a value, and the log text has no workflow command.
import { describe, expect, it } from 'vitest'
import { renderSummary, type SummaryInput } from '../../src/report/markdown.js'
import { renderJson, renderText } from '../../src/report/render.js'
import { logText } from '../../src/util/log-safety.js'
import { type Plan } from '../../src/model/types.js'
import { markdownProblems } from '../support/gfm.js'

/** Every value holds ZQ, so any piece of it that escapes a code span or block is found. */
const BASE = [
  'a\rb',
  'a\nb',
  'a\r\nb',
  'a\n\nb',
  'a\r\rb',
  'a\u2028b',
  'a\u2029b',
  'a\u0085b',
  'a\vb',
  'a\fb',
  '##[error]x',
  'x ##[stop-commands]tok',
  '::error::x',
  '::add-mask::x',
  '::stop-commands::tok',
  'a\n::warning::x',
  'a\r##[group]x',
  '`',
  '``',
  '```',
  '````x````',
  'a`b',
  '`a`',
  '~~~',
  '```\nfenced\n```',
  'a\r```',
  'x\n    indented',
  '[x](https://evil.example)',
  '[x][1]\n\n[1]: https://evil.example',
  '![i](https://evil.example/i.png)',
  '<https://evil.example>',
  '<b>bold</b>',
  '<img src=x onerror=alert(1)>',
  '<!-- c -->',
  '<details>',
  '</details>',
  '<summary>s</summary>',
  '<br>',
  '&lt;b&gt;',
  '&#64;user',
  '@mallory',
  '@org/team',
  'a @mallory b',
  'www.evil.example',
  'https://evil.example/p',
  'http://evil.example',
  'mail@evil.example',
  '#1',
  'org/repo#12',
  'GH-1',
  'abc1234def5678abc1234def5678abc1234def56',
  '*emphasis*',
  '_emphasis_',
  '**strong**',
  '~~strike~~',
  '|',
  'a|b',
  'a\\|b',
  '\\',
  '| --- |',
  '# heading',
  '> quote',
  '- item',
  '1. item',
  '---',
  '[ ] task',
  ':emoji:',
  '$x$',
  '\\u0000',
  'a\u200bb',
  'a\ufeffb',
  'a\u202eb',
  'a\u0000b',
  'a\u001b[31mb',
  '   ',
  ' lead',
  'trail ',
]
const HOSTILE = BASE.map((v) => `ZQ${v}ZQ`)

function planWith(v: string): Plan {
  return {
    changed: true,
    steps: [
      { resource: 'pool', name: v, action: 'update', changes: [{ field: 'DeletionProtection', before: v, after: 'ACTIVE' }] },
      { resource: 'domain', name: v, action: 'replace', replaces: v, changes: [{ field: 'Domain', before: v, after: v }] },
      {
        resource: 'client',
        name: v,
        action: 'update',
        changes: [
          { field: 'CallbackURLs', before: [v, 'a', 'b', 'c'], after: ['x', 'y', 'z', 'w', v], added: ['x', 'y', 'z', 'w'], removed: ['a', 'b', 'c'] },
          { field: 'SupportedIdentityProviders', before: [v], after: [v, v] },
          { field: 'AllowedOAuthScopes', before: undefined, after: { nested: v } },
        ],
      },
    ],
    problems: [`pool-name: '${v}' is bad`, v],
  }
}

function summaryWith(v: string, mode: 'plan' | 'apply'): SummaryInput {
  return {
    mode,
    region: v,
    poolName: v,
    plan: planWith(v),
    outputs: { 'user-pool-id': v, issuer: v, 'jwks-uri': v, 'client-id': v, 'hosted-ui-url': v, domain: v },
    maskedOutputs: mode === 'plan' ? [] : ['client-id'],
    callbackUrls: [v],
    checks: [
      { name: `Hosted UI accepts ${v}`, ok: false, detail: v },
      { name: v, ok: true, detail: `issuer ${v}` },
    ],
    notice: `Apply stopped: ${v}\nDone before that: ${v}`,
  }
}

/** What the runner would read as a workflow command on stdout. */
function commandsIn(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => /^\s*::/.test(line) || line.includes('##['))
}

describe('hostile values', () => {
  it('the table has at least 60 values', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(60)
    expect(new Set(HOSTILE).size).toBe(HOSTILE.length)
  })

  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('summary and comment with %s: no link, mention, HTML, emphasis or broken table', (_shown, v) => {
    for (const mode of ['plan', 'apply'] as const) {
      const md = renderSummary(summaryWith(v, mode))
      expect(markdownProblems(md), md).toEqual([])
    }
  })

  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('log text with %s: no workflow command, no line from a value', (_shown, v) => {
    const text = logText(`Plan (plan mode):\n${renderText(planWith(v))}`)
    expect(commandsIn(text), text).toEqual([])
    // One line per step, field and problem: a value never adds a line.
    expect(text.split('\n')).toHaveLength(1 + 3 + 1 + 1 + 3 + 2)
    expect(text).not.toMatch(/[\r\u2028\u2029\u0085\v\f]/)
  })

  it.each(HOSTILE.map((v) => [JSON.stringify(v), v]))('the plan output with %s is JSON that round-trips', (_shown, v) => {
    const json = renderJson(planWith(v))
    expect(json).not.toMatch(/[\r\n]/)
    expect((JSON.parse(json) as { steps: { name: string }[] }).steps[0]?.name).toBe(v)
  })

  it('the checker finds what it looks for (it can fail)', () => {
    expect(markdownProblems('| a | b |\n| --- | --- |\n| `ZQ` | x |\n[l](https://x)')).toContain('link')
    expect(markdownProblems('text ZQ@mallory')).toEqual(['value outside code: "text ZQ@mallory"'])
    expect(markdownProblems('<b>x</b>')).not.toEqual([])
    expect(markdownProblems('| a | b |\n| --- | --- |\n| `x` | y | z |')).toEqual(['table row of 3 cells, header has 2'])
    expect(commandsIn('ok\n::error::x')).toHaveLength(1)
  })
})
