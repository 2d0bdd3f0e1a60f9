// The one URL rule (src/inputs/urls.ts): every URL input parsed and checked on its parts, by how it is used.
import { describe, expect, it } from 'vitest'
import { localEndpoints, quoteUrl, urlProblems, withoutUserInfo } from '../../src/inputs/urls.js'

const problems = (url: string, use: Parameters<typeof urlProblems>[1]['use'], local = false): string[] => urlProblems(url, { use, localEndpoints: local })

describe('redirect URLs (callback-urls, logout-urls, the OpenMetadata callback)', () => {
  it.each(['https://app.example.com/cb?x=1', 'http://localhost:3000/cb', 'http://127.0.0.1:8080/cb', 'http://[::1]:8080/cb', 'https://bücher.example/rückruf'])(
    'accepts %s',
    (url) => expect(problems(url, 'redirect')).toEqual([]),
  )

  it.each([
    ['http://127.0.0.2/cb', /must use https \(http is allowed only for localhost, 127\.0\.0\.1 and \[::1\]\)/],
    ['http://localhost.example.com/cb', /must use https/],
    ['https://app.example.com/cb#top', /has a fragment/],
    ['https://app.example.com/#', /has a fragment/], // an empty fragment is a fragment: URL.hash is '' here
    ['https://app.example.com\\cb', /backslash/],
    ['https://app.example.com/c\u200bb', /U\+200B/],
    ['https://app.example.com/c b', /whitespace/],
    ['myapp://callback', /uses the scheme 'myapp'/],
    [`https://app.example.com/${'p'.repeat(1100)}`, /is 1124 characters long; Cognito allows at most 1024/],
    ['/relative', /is not an absolute URL/],
  ])('refuses %s', (url, rule) => {
    expect(problems(url, 'redirect').join('\n')).toMatch(rule)
  })

  it('never shows user information, in the problem or in the URL quoted with it', () => {
    const [problem = ''] = problems('https://user:pa55@app.example.com/cb', 'redirect')
    expect(problem).toMatch(/has a user name or password before '@' \(the host is 'app\.example\.com'\)/)
    expect(problem).not.toContain('pa55')
    expect(quoteUrl('https://user:pa55@app.example.com/cb')).toBe("'https://app.example.com/cb'")
  })
})

describe('issuer and metadata URLs (fetched by Cognito)', () => {
  it.each([
    ['http://idp.example.com', 'issuer', /must use https \(Cognito fetches its discovery document from the internet\)/],
    ['http://idp.example.com/metadata', 'metadata', /must use https \(Cognito fetches the IdP's signing certificate from it\)/],
    ['https://idp.example.com/oauth2?x=1', 'issuer', /has a query/],
    ['https://idp.example.com/#', 'issuer', /has a fragment/],
  ] as const)('refuses %s as %s', (url, use, rule) => {
    expect(problems(url, use).join('\n')).toMatch(rule)
  })

  it('a metadata URL may have a query (Entra ID: ...federationmetadata.xml?appid=...)', () => {
    expect(problems('https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml?appid=1', 'metadata')).toEqual([])
  })

  it.each(['http://localhost:x@evil.example/', 'http://127.0.0.1:1@evil.example/', 'https://user:pass@idp.example.com'])(
    '%s is parsed, not prefix-matched: its user information is refused and never shown',
    (url) => {
      const text = problems(url, 'issuer', true).join('\n')
      expect(text).toMatch(/user name or password/)
      expect(text).not.toMatch(/localhost:x@|127\.0\.0\.1:1@|user:pass@/)
    },
  )

  it('a loopback http issuer or metadata URL only behind the test-only switch; a loopback host never without it', () => {
    for (const use of ['issuer', 'metadata'] as const) {
      expect(problems('http://127.0.0.1:9/oidc', use, true)).toEqual([])
      expect(problems('http://localhost/oidc', use, true)).toEqual([])
      expect(problems('http://127.0.0.1:9/oidc', use, false).join('\n')).toMatch(/must use https/)
      expect(problems('https://localhost/oidc', use, false).join('\n')).toMatch(/loopback host \(localhost\), which Cognito cannot reach/)
      expect(problems('http://idp.example.com', use, true).join('\n')).toMatch(/must use https/)
    }
  })

  it('the switch is COGNITO_SSO_ISSUER_BASE_URL set', () => {
    expect(localEndpoints({ COGNITO_SSO_ISSUER_BASE_URL: 'http://127.0.0.1:1' })).toBe(true)
    expect(localEndpoints({ COGNITO_SSO_ISSUER_BASE_URL: '' })).toBe(false)
    expect(localEndpoints({})).toBe(false)
  })
})

describe('withoutUserInfo', () => {
  it.each([
    ['https://u:p@h.example/x@y', 'https://h.example/x@y'],
    ['http://localhost:x@evil.example/', 'http://evil.example/'],
    ['https://h.example/a@b', 'https://h.example/a@b'],
    ['https:\\\\u:p@h.example', 'https:\\\\h.example'],
  ])('%s → %s', (url, shown) => expect(withoutUserInfo(url)).toBe(shown))
})
