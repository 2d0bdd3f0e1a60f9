// Invited addresses (src/inputs/addresses.ts): UsernameType, e-mail shape, mixed scripts.
import { describe, expect, it } from 'vitest'
import { addressProblem, mixedScripts } from '../../src/inputs/addresses.js'

describe('addressProblem', () => {
  it.each(['alice@example.com', 'o.brien+sso@example.co.uk', 'ünïcode@example.com'])('accepts %s', (a) => expect(addressProblem(a)).toBeUndefined())

  it.each([
    ['al\u200bice@zwsp.example.com', "'al\\u200bice@zwsp.example.com' contains U+200B (ZERO WIDTH SPACE)"],
    ['bo\u202eb@rlo.example.com', 'U+202E (RIGHT-TO-LEFT OVERRIDE)'],
    ['ca\u0085rol@nel.example.com', 'U+0085 (NEXT LINE)'],
    ['da\u00a0ve@nbsp.example.com', 'U+00A0 (NO-BREAK SPACE)'],
    [`${'a'.repeat(120)}@example.com`, 'is 132 characters long; Cognito takes a user name of at most 128'],
    ['not-an-address', 'is not an e-mail address'],
  ])('refuses %j, naming it inert', (address, message) => {
    const problem = addressProblem(address) ?? ''
    expect(problem).toContain(message)
    expect(problem).not.toMatch(/[\u200b\u202e\u0085]/)
  })
})

describe('mixedScripts', () => {
  it('flags a Cyrillic letter among Latin ones, naming it', () => {
    expect(mixedScripts('\u0430lice@homoglyph.example.com')).toBe(
      'mixes scripts: U+0430 (Cyrillic) among Latin letters; check that this is the address you mean',
    )
    expect(mixedScripts('p\u03bfst@example.com')).toMatch(/U\+03BF \(Greek\) among Latin/)
  })

  it.each(['alice@example.com', 'ünïcødé@example.com', '1234@example.com'])('leaves %s alone', (a) => expect(mixedScripts(a)).toBeUndefined())
})
