// openmetadata-url and the admin principals (src/inputs/openmetadata.ts): what every format of the hand-off
// reads back exactly, checked against the consumers' own readers (__tests__/support/handoff-formats.ts).
import { describe, expect, it } from 'vitest'
import { parseOpenMetadataUrl, principalProblem } from '../../src/inputs/openmetadata.js'
import { openMetadataEnv } from '../../src/report/openmetadata.js'
import { readComposeEnvFile, readGithubEnv, readShellExports, readYamlValue } from '../support/handoff-formats.js'

const parse = (raw: string): { url?: string; problems: string[] } => {
  const problems: string[] = []
  const url = parseOpenMetadataUrl(raw, problems)
  return { ...(url !== undefined ? { url } : {}), problems }
}

describe('openmetadata-url', () => {
  it('keeps a plain base URL (without its trailing slash)', () => {
    expect(parse('https://om.example.com/')).toEqual({ url: 'https://om.example.com', problems: [] })
    expect(parse('http://localhost:8585')).toEqual({ url: 'http://localhost:8585', problems: [] })
  })

  it.each([
    ['https://om.example.com/$HOME', /'\$' is expanded by docker compose and sh .*percent-encode it as %24/],
    ['https://om.example.com/${x', /'\$' is expanded/],
    ['https://om.example.com/a,b', /',' breaks a YAML flow list/],
    ["https://om.example.com/o'x", /is a quote/],
    ['https://om.example.com/a;b', /ends or redirects the command in sh/],
    ['https://om.example.com\\evil', /backslash/],
    ['https://om.example.com/#', /fragment/],
    ['https://om.example.com/?a=1', /has a query/],
    ['https://om.example.com/sso\u200bpath', /U\+200B/],
    [`https://om.example.com/${'p'.repeat(1000)}`, /gives the callback .* which is 1032 characters long; Cognito allows at most 1024/],
    ['http://om.example.com', /must use https/],
  ])('refuses %j', (raw, rule) => {
    const { url, problems } = parse(raw)
    expect(url).toBeUndefined()
    expect(problems.join('\n')).toMatch(rule)
    expect(problems.join('\n')).toMatch(/^openmetadata-url: /)
  })

  it('what it accepts reads back exactly as the callback in GITHUB_ENV, a compose env file and sh', () => {
    const url = parse('https://om.example.com/a-b_c.d~e/%24/@x+y=z!').url ?? ''
    expect(url).not.toBe('')
    const text = openMetadataEnv({
      issuer: 'https://cognito-idp.us-east-1.amazonaws.com/p',
      clientId: 'c',
      openmetadataUrl: url,
      admins: ['alice@example.com'],
    })
    for (const env of [readGithubEnv(text), readComposeEnvFile(text, { HOME: '/home/runner' }), readShellExports(text, { HOME: '/home/runner' })]) {
      expect(env.AUTHENTICATION_CALLBACK_URL).toBe(`${url}/callback`)
      expect(readYamlValue(env.AUTHENTICATION_PUBLIC_KEYS ?? '')).toEqual([
        'https://cognito-idp.us-east-1.amazonaws.com/p/.well-known/jwks.json',
        `${url}/api/v1/system/config/jwks`,
      ])
    }
  })
})

describe('admin principals (the part of an invited address before @)', () => {
  it.each(['alice@example.com', 'o.brien+x@example.com', 'j-smith_2@example.com', 'ünï@example.com'])('accepts %s', (a) =>
    expect(principalProblem(a)).toBeUndefined(),
  )

  it.each([
    ['j$mith@example.com', /'\$' is expanded/],
    ['a]@example.com', /'\]' breaks a YAML flow list/],
    ['a[b@example.com', /'\[' breaks/],
    ['{x:y}@example.com', /'\{' breaks/],
    ["o'brien@example.com", /is a quote/],
    ['a#b@example.com', /has a meaning in YAML or in sh/],
    ['123@example.com', /YAML reads '123' as the number 123/],
    ['true@example.com', /as the boolean true/],
    ['null@example.com', /as the null value/],
    ['yes@example.com', /as the boolean true/], // YAML 1.1, which OpenMetadata's parser (SnakeYAML) reads
    ['1_000@example.com', /as the number 1000/],
  ])('refuses %s', (a, rule) => expect(principalProblem(a)).toMatch(rule))
})
