// The lookup decisions (pure): what the desired domain's owner is to a run by pool-name, when an owner
// made outside the action is adopted, and when a create won alone (nothing to describe).
import { describe, expect, it } from 'vitest'
import { adoptable, ownerVerdict, wonAlone } from '../../../src/resources/pool/lookup.js'

const MANAGED = { 'managed-by': 'cognito-sso-action' }

describe('ownerVerdict: the desired domain’s owner', () => {
  it.each([
    ['named pool-name, managed-by tag', { Name: 'sso', UserPoolTags: MANAGED }, 'ours'],
    ['named pool-name, managed-by tag and a run token', { Name: 'sso', UserPoolTags: { ...MANAGED, 'cognito-sso-action:run': 't' } }, 'ours'],
    ['named pool-name, no tags (made in the console)', { Name: 'sso' }, 'adopt'],
    ['named pool-name, other tags only', { Name: 'sso', UserPoolTags: { team: 'a' } }, 'adopt'],
    ['named pool-name, managed-by with another value', { Name: 'sso', UserPoolTags: { 'managed-by': 'terraform' } }, 'adopt'],
    ['another name, managed-by tag (another workflow’s pool)', { Name: 'sso-staging', UserPoolTags: MANAGED }, 'not-ours'],
    ['a name that differs only in case', { Name: 'SSO', UserPoolTags: MANAGED }, 'not-ours'],
    ['a name with a trailing space', { Name: 'sso ', UserPoolTags: MANAGED }, 'not-ours'],
    ['no name in the answer', { UserPoolTags: MANAGED }, 'not-ours'],
    ['not readable (undefined)', undefined, 'not-ours'],
  ] as const)('%s → %s', (_label, owner, verdict) => {
    expect(ownerVerdict(owner, 'sso')).toBe(verdict)
  })
})

describe('adoptable: an owner made outside the action, after the look by name', () => {
  it('only when the look by name found it and nothing else', () => {
    expect(adoptable('p1', ['p1'])).toBe(true)
    expect(adoptable('p1', ['p1', 'p2'])).toBe(false)
    expect(adoptable('p1', ['p2', 'p1'])).toBe(false)
    expect(adoptable('p1', ['p2'])).toBe(false)
    expect(adoptable('p1', [])).toBe(false)
  })
})

describe('wonAlone: after CreateUserPool, the look by name', () => {
  it('the only pool of the name is the one just created: won, nothing to describe', () => {
    expect(wonAlone('new', ['new'])).toBe(true)
  })
  it('any other list means describing them (a race, a lost answer, a pool made meanwhile)', () => {
    expect(wonAlone('new', ['old', 'new'])).toBe(false)
    expect(wonAlone('new', ['new', 'other'])).toBe(false)
    expect(wonAlone('new', [])).toBe(false) // not listed yet: described and settled as before
    expect(wonAlone('new', ['other'])).toBe(false)
    expect(wonAlone(undefined, ['new'])).toBe(false) // found after a lost answer: described
  })
})
