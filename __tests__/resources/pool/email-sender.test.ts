// email-sender: the SES configuration set's name (AWSB-220) and the SES identity's Region (AWSB-221),
// both refused before any AWS call.
import { describe, expect, it } from 'vitest'
import { plan } from '../../../src/engine/plan.js'
import type { Observed } from '../../../src/model/types.js'
import { sesRegionFit } from '../../../src/resources/pool/parse-settings.js'
import { inputsParser } from '../../support/state.js'

const BASE: Record<string, string> = {
  'pool-name': 'openmetadata',
  domain: 'openmetadata-sso',
  'callback-urls': 'https://app.example.com/callback',
  region: 'eu-central-1',
}
const arn = (region: string) => `arn:aws:ses:${region}:123456789012:identity/example.com`
const { parse, problemsOf } = inputsParser(BASE)
const NEW: Observed = { matchingPoolIds: [], matchingClientIds: [] }

describe('email-sender configuration-set (model SESConfigurationSet, AWSB-220)', () => {
  it.each([
    ['a dot', 'my.set'],
    ['65 characters', 'a'.repeat(65)],
    ['a space', 'my set'],
  ])('%s: refused, naming the input, the rule and an example', (_what, set) => {
    const problems = problemsOf({ 'email-sender': `ses-identity=${arn('eu-central-1')}, configuration-set=${set}` })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^email-sender: configuration-set '.*' is not an SES configuration set name: 1 to 64 letters, digits, _ or -/)
    expect(problems[0]).toContain('configuration-set=cognito-mail')
  })

  it('64 characters of letters, digits, _ and -: accepted and sent as EmailConfiguration.ConfigurationSet', () => {
    const set = `A-b_9${'x'.repeat(59)}`
    const desired = parse({ 'email-sender': `ses-identity=${arn('eu-central-1')}, configuration-set=${set}` })
    const step = plan(desired, NEW).steps.find((s) => s.resource === 'pool')
    expect(JSON.stringify(step?.changes)).toContain(set)
  })
})

describe('email-sender ses-identity Region (AWSB-221)', () => {
  it('fits: the same Region; one of us-east-1, us-west-2, eu-west-1 (alternates); any other refused', () => {
    expect(sesRegionFit(arn('eu-central-1'), 'eu-central-1')).toBe('same')
    expect(sesRegionFit(arn('eu-west-1'), 'eu-central-1')).toBe('legacy')
    expect(sesRegionFit(arn('eu-west-2'), 'eu-central-1')).toBe('refused')
    expect(sesRegionFit(arn('eu-west-2'), '')).toBeUndefined()
  })

  it('an identity in another, non-alternate Region: refused before any call, naming the Region to use', () => {
    const problems = problemsOf({ 'email-sender': `ses-identity=${arn('ap-south-1')}` })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain('email-sender: ses-identity is in ap-south-1, but the user pool is in eu-central-1')
    expect(problems[0]).toContain('arn:aws:ses:eu-central-1:<account>:identity/<name>')
  })

  it('an identity in an alternate Region: planned with a warning next to EmailConfiguration; in the pool Region: no warning', () => {
    const warned = plan(parse({ 'email-sender': `ses-identity=${arn('eu-west-1')}` }), NEW)
    expect(warned.problems).toEqual([])
    const change = warned.steps.find((s) => s.resource === 'pool')?.changes.find((c) => c.field.startsWith('EmailConfiguration'))
    expect(change?.warning).toContain("email-sender: ses-identity is in eu-west-1, not in the pool's Region eu-central-1")
    const same = plan(parse({ 'email-sender': `ses-identity=${arn('eu-central-1')}` }), NEW)
    expect(same.steps.flatMap((s) => s.changes).some((c) => c.warning)).toBe(false)
  })
})
