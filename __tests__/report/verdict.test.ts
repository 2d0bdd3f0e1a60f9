import { describe, expect, it } from 'vitest'
import { type Check, type Plan } from '../../src/model/types.js'
import { verdict } from '../../src/report/verdict.js'

const plan = (over: Partial<Plan> = {}): Plan => ({
  steps: [
    { resource: 'pool', name: 'p', action: 'no-op', changes: [] },
    { resource: 'client', name: 'app', action: 'update', changes: [{ field: 'CallbackURLs', before: [], after: ['https://a'] }] },
  ],
  changed: true,
  problems: [],
  ...over,
})
const pass: Check = { name: 'issuer', ok: true, detail: 'ok' }
const failed: Check = { name: 'jwks', ok: false, detail: 'HTTP 500\n::error::x' }

describe('verdict', () => {
  it('passes an apply run with passing checks', () => {
    expect(verdict({ mode: 'apply', failOnChanges: true, plan: plan(), checks: [pass] })).toBeUndefined()
  })

  it('fails on plan problems first, listing each', () => {
    const out = verdict({ mode: 'plan', failOnChanges: true, plan: plan({ problems: ['two pools', 'domain taken'] }), checks: [failed] })
    expect(out).toBe('Cannot apply (nothing was changed in AWS):\n- two pools\n- domain taken')
  })

  it('fails on failed checks, counted, values made log-safe', () => {
    const out = verdict({ mode: 'plan', failOnChanges: true, plan: plan(), checks: [pass, failed, { ...failed, name: 'hosted UI' }] })
    expect(out).toMatch(/^verify: 2 SSO checks failed:\n- jwks: HTTP 500\\n:\\u003aerror:\\u003ax\n- hosted UI: /)
    expect(verdict({ mode: 'apply', failOnChanges: false, plan: plan(), checks: [failed] })).toMatch(/^verify: 1 SSO check failed:/)
  })

  it('fail-on-changes fails only a plan-mode run that would change something, naming the changing steps', () => {
    expect(verdict({ mode: 'plan', failOnChanges: true, plan: plan(), checks: [] })).toBe(
      "fail-on-changes: AWS differs from the inputs (app client 'app'); run the action in apply mode to converge",
    )
    expect(verdict({ mode: 'plan', failOnChanges: false, plan: plan(), checks: [] })).toBeUndefined()
    expect(verdict({ mode: 'apply', failOnChanges: true, plan: plan(), checks: [] })).toBeUndefined()
    expect(verdict({ mode: 'plan', failOnChanges: true, plan: plan({ changed: false }), checks: [] })).toBeUndefined()
  })
})
