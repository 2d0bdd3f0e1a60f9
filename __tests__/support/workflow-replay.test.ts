// The replay's expression and condition semantics against GitHub's documented ones ("Evaluate
// expressions in workflows and actions": loose equality, case-insensitive strings, || and && returning
// operands, the implicit success() of `if:`, format()), so a replayed workflow means what it means on
// the runner.
import { describe, expect, it } from 'vitest'
import { evaluate, expand, holds, interpolate, jobsThatRun, type Contexts, type Workflow } from './workflow-replay.js'

const ctx: Contexts = {
  github: { run_id: '42', event: { schedule: '23 5 * * 1' } },
  vars: { ROLE: 'arn:role', EMPTY: '' },
  matrix: { leg: 'custom-domain', 'mfa-methods': 'totp', flag: true },
  steps: { apply: { outputs: { changed: 'true' }, outcome: 'failure', conclusion: 'success' } },
  inputs: {},
  env: {},
}

describe('workflow-replay expressions', () => {
  it.each([
    ["vars.ROLE != ''", true],
    ["vars.EMPTY == ''", true],
    ["vars.MISSING == ''", true], // null == '' (both 0 as numbers)
    ["matrix.leg == 'CUSTOM-DOMAIN'", true], // strings compare ignoring case
    ["matrix.nope || 'openid email profile'", 'openid email profile'],
    ["matrix.leg && 'yes'", 'yes'],
    ["vars.EMPTY && 'yes'", ''],
    ['!inputs.sweep-only', true],
    ["github.event.schedule != '41 4 * * *'", true],
    ["format('auth-{0}-{1}.{2}', github.run_id, 1, 'it.example.com')", 'auth-42-1.it.example.com'],
    ["format('{{literal}} {0}', 'x')", '{literal} x'],
    ['matrix.mfa-methods', 'totp'],
    ["steps.apply.outcome == 'failure' && steps.apply.conclusion == 'success'", true],
    ["contains('email, phone', 'PHONE')", true],
    ["'it''s'", "it's"],
    ['1 == true', true],
    ["(vars.EMPTY || vars.ROLE) == 'arn:role'", true],
  ])('%s → %j', (source, expected) => {
    expect(evaluate(source, ctx)).toEqual(expected)
  })

  it('refuses what it does not know rather than guessing', () => {
    expect(() => evaluate('secrets2.X', ctx)).toThrow(/no context 'secrets2'/)
    expect(() => evaluate("hashFiles('x')", ctx)).toThrow(/does not implement the function hashFiles/)
    expect(() => evaluate("vars.ROLE == 'a", ctx)).toThrow(/unterminated string/)
  })

  it('interpolates: a whole expression keeps its type, a text gets strings', () => {
    expect(interpolate('${{ matrix.flag }}', ctx)).toBe(true)
    expect(expand('${{ matrix.flag }}', ctx)).toBe('true')
    expect(expand('sso-${{ github.run_id }}-${{ matrix.nope }}-x', ctx)).toBe('sso-42--x')
    expect(expand("a: ${{ vars.MISSING || 'https://accounts.google.com' }}\nb", ctx)).toBe('a: https://accounts.google.com\nb')
  })

  it('if: has an implicit success(); always() and !cancelled() run after a failure', () => {
    const failed = { failed: true }
    expect(holds(undefined, ctx, { failed: false })).toBe(true)
    expect(holds(undefined, ctx, failed)).toBe(false)
    expect(holds("matrix.leg == 'custom-domain'", ctx, failed)).toBe(false)
    expect(holds("always() && matrix.leg == 'custom-domain'", ctx, failed)).toBe(true)
    expect(holds("!cancelled() && matrix.leg == 'custom-domain'", ctx, failed)).toBe(true)
    expect(holds("${{ matrix.leg == 'minimal' }}", ctx, { failed: false })).toBe(false)
    expect(holds('failure()', ctx, failed)).toBe(true)
  })

  it('a job needing a skipped or failed job runs only with always()', () => {
    const wf: Workflow = {
      jobs: {
        a: { if: "vars.ROLE == ''", steps: [] },
        b: { needs: 'a', steps: [] },
        c: { needs: 'a', if: 'always()', steps: [] },
        d: { needs: 'c', steps: [] },
      },
    }
    expect(jobsThatRun(wf, ctx)).toEqual(['c', 'd'])
    expect(jobsThatRun(wf, ctx, ['c'])).toEqual(['c'])
  })
})
