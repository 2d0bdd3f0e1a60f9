// The one redaction (src/report/secrets.ts): each secret whole and line by line, as the runner masks them.
import { describe, expect, it } from 'vitest'
import { Secrets, secretPieces } from '../../src/report/secrets.js'

const KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQgK3yL1neOne7Qx',
  '  K3yL1neTwo9c2VjcmV0  ',
  '-----END PRIVATE KEY-----',
].join('\r\n')

describe('Secrets', () => {
  it('the pieces: the value, then each line trimmed, empty lines dropped (actions/runner#1521)', () => {
    expect(secretPieces(`a1\n\n b2 \r\nc3\rd4`)).toEqual([`a1\n\n b2 \r\nc3\rd4`, 'a1', 'b2', 'c3', 'd4'])
    expect(secretPieces('one-line')).toEqual(['one-line'])
  })

  it('masks every piece with the runner once, and redacts a line quoted alone (AWS quoting one line of a key)', () => {
    const masked: string[] = []
    const s = new Secrets((v) => masked.push(v), false)
    s.secret(KEY)
    s.secret(KEY)
    expect(masked).toEqual(secretPieces(KEY))
    expect(s.redact("Invalid private_key: unable to parse the key near 'K3yL1neTwo9c2VjcmV0'.")).toBe(
      "Invalid private_key: unable to parse the key near '***'.",
    )
    expect(s.redact(`whole: ${KEY}`)).toBe('whole: ***')
  })

  it('our IDs only with mask-outputs, and never in redactSecrets (the outputs carry them on purpose)', () => {
    const masked: string[] = []
    const s = new Secrets((v) => masked.push(v), true)
    s.id('us-east-1_AbC')
    s.secret('client-Secret-1')
    expect(s.redact('us-east-1_AbC client-Secret-1')).toBe('*** ***')
    expect(s.redactSecrets('us-east-1_AbC client-Secret-1')).toBe('us-east-1_AbC ***')
    s.setMaskOutputs(false)
    s.id('us-east-1_Other')
    expect(masked).toEqual(['us-east-1_AbC', 'client-Secret-1'])
  })

  it('longest first: a secret inside another is not left half shown', () => {
    const s = new Secrets(() => {}, false)
    s.secret('abc')
    s.secret('xxabcxx')
    expect(s.redact('xxabcxx abc')).toBe('*** ***')
  })
})
