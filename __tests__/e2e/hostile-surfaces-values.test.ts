// Issue 16, cases 8 and 10: values that passed the input check and were refused by AWS only after writes
// (each is refused by the local Cognito too, citing AWS: tools/local-cognito/README.md), unknown YAML tags,
// and homoglyphs in invited addresses. End to end through dist/index.js; each asserts what a correct
// action does: refused before any AWS call, naming the input, the rule and the value (made visible).
import { describe, expect, it } from 'vitest'
import { NODES, expectExit, inputsFor, parsePlan, run, useLocalCognito, writeOperations } from './helpers.js'
import { expectRefusedBeforeAnyCall, printed } from './hostile-helpers.js'

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
/** Raw invisible, bidirectional and line-breaking characters: never printed as they are. */
const RAW_INVISIBLE = ['\u200b', '\u202e', '\u0085']

describe.each(NODES)('issue 16 under %s', (_label, node) => {
  const ctx = useLocalCognito()

  // ---------------------------------------------------------------------------------------------------
  describe('case 8: every value AWS would refuse is refused before the first write', () => {
    // The callback is <openmetadata-url>/callback; AWS refuses it (CallbackURLs: no fragment; the model's
    // RedirectUrlType: 1–1,024 characters of letters, marks, symbols, numbers and punctuation only).
    it.each([
      ['a fragment', 'https://om.example.com/#', /fragment|#/],
      ['U+200B in the host', 'https://om\u200b.example.com', /U\+200B|\\u200b|invisible|format/i],
      ['U+202E in the host', 'https://om\u202e.example.com', /U\+202E|\\u202e|invisible|format|bidi|not an absolute URL/i],
      ['U+200B in the path', 'https://om.example.com/sso\u200bpath', /U\+200B|\\u200b|invisible|format/i],
      ['U+202E in the path', 'https://om.example.com/sso\u202epath', /U\+202E|\\u202e|invisible|format|bidi/i],
      ['a 1,100-character path', `https://om.example.com/${'p'.repeat(1100)}`, /1,?024|too long|characters/i],
    ])('openmetadata-url with %s', async (_what, url, rule) => {
      const { lc } = ctx
      const r = await run(node, lc, { ...inputsFor('om-hostile'), 'callback-urls': '', 'openmetadata-url': url })
      expectRefusedBeforeAnyCall(r, lc, [/openmetadata-url/, rule], RAW_INVISIBLE)
    })

    it('invited addresses with U+200B, U+202E or U+0085: refused before any call, saying which address and which character', async () => {
      const { lc } = ctx
      const addresses = ['al\u200bice@zwsp.example.com', 'bo\u202eb@rlo.example.com', 'ca\u0085rol@nel.example.com', 'dave@fine.example.com']
      const r = await run(node, lc, inputsFor('invite-hostile', { 'invite-users': addresses.join('\n') }))
      expectRefusedBeforeAnyCall(r, lc, [/invite-users/], RAW_INVISIBLE)
      const errors = r.errors.join('\n')
      for (const [domain, code] of [
        ['zwsp.example.com', /U\+200B|\\u200b/i],
        ['rlo.example.com', /U\+202E|\\u202e/i],
        ['nel.example.com', /U\+0085|\\u0085/i],
      ] as const) {
        expect(errors, `names the address at ${domain}`).toContain(domain)
        expect(errors, `names the character of the address at ${domain}`).toMatch(code)
      }
      expect(errors, 'the good address is not blamed').not.toContain('fine.example.com')
    })

    it.each([
      ['10.0.0.1', 'an IPv4 address, not a domain name'],
      ['auth.example.123', 'an all-numeric top-level label'],
    ])('custom domain %s (%s)', async (domain) => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('cd-hostile', { domain, 'certificate-arn': CERT }))
      expectRefusedBeforeAnyCall(r, lc, [/domain/, new RegExp(domain.replace(/\./g, '\\.'))])
    })

    it('a custom domain longer than the 63 characters of the API’s Domain member', async () => {
      const { lc } = ctx
      const domain = `auth-${'a'.repeat(50)}.example.com` // 67 characters, every label under 63
      const r = await run(node, lc, inputsFor('cd-long', { domain, 'certificate-arn': CERT }))
      expectRefusedBeforeAnyCall(r, lc, [/domain/, /63/])
    })

    it.each([
      ['of another partition (aws-us-gov)', CERT.replace('arn:aws:', 'arn:aws-us-gov:'), /partition|aws-us-gov/],
      ['of another partition (aws-cn)', CERT.replace('arn:aws:', 'arn:aws-cn:'), /partition|aws-cn/],
      ['with a 3,000-character ID', `arn:aws:acm:us-east-1:123456789012:certificate/${'a'.repeat(3000)}`, /2,?048|too long|characters/i],
    ])('a certificate ARN %s', async (_what, arn, rule) => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('cert-hostile', { domain: 'auth.cert-hostile.example.com', 'certificate-arn': arn }))
      expectRefusedBeforeAnyCall(r, lc, [/certificate-arn/, rule])
    })

    it('_Google in identity-providers (no provider can have that name) is refused before any read', async () => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('idp-underscore', { 'identity-providers': 'COGNITO, _Google' }))
      expectRefusedBeforeAnyCall(r, lc, [/identity-providers/, /_Google/])
    })
  })

  // ---------------------------------------------------------------------------------------------------
  describe('case 10: unknown YAML tags, homoglyphs', () => {
    it('client-secret: !vault X is refused before any call, naming the tag, never the value', async () => {
      const { lc } = ctx
      const yaml = [
        '- name: Corp',
        '  type: oidc',
        '  issuer: https://idp.example.com',
        '  client-id: corp-app',
        '  client-secret: !vault vault-Value-9f2',
        '  scopes: [openid]',
      ].join('\n')
      const r = await run(node, lc, inputsFor('yaml-tag', { 'federated-providers': yaml }))
      expectRefusedBeforeAnyCall(r, lc, [/federated-providers/, /!vault|tag/], ['vault-Value-9f2'])
    })

    it('an invited address with a Cyrillic homoglyph is shown with a visible warning in the plan', async () => {
      const { lc } = ctx
      const homoglyph = '\u0430lice@homoglyph.example.com' // U+0430 CYRILLIC SMALL LETTER A, then Latin
      const r = await run(node, lc, { ...inputsFor('homoglyph', { 'invite-users': `${homoglyph}, bob@homoglyph.example.com` }), mode: 'plan' })
      expectExit(r, 0)
      expect(writeOperations(lc)).toEqual([])
      expect(
        parsePlan(r)
          .steps.find((s) => s.resource === 'users')
          ?.changes.map((c) => c.after),
      ).toContain(homoglyph)
      const mark = /U\+0430|Cyrillic|mixed[- ]script/i
      const warning = r.warnings.find((w) => w.includes('homoglyph.example.com'))
      expect(warning, `a ::warning:: naming the address; warnings: ${JSON.stringify(r.warnings)}`).toBeDefined()
      expect(warning).toMatch(mark)
      expect(warning, 'the Latin-only address is not flagged').not.toContain('bob@')
      const summaryLine = r.summary.split('\n').find((l) => l.includes('homoglyph.example.com') && mark.test(l))
      expect(summaryLine, 'the summary marks the address').toBeDefined()
      expect(printed(r)).not.toContain('\u202e')
    })
  })
})
