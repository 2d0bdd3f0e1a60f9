import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { parseBoolean } from '../../src/inputs/boolean.js'
import { parseInputs } from '../../src/engine/desired.js'
import { parseList } from '../../src/inputs/lists.js'
import { InputError } from '../../src/model/errors.js'
import { type Desired } from '../../src/model/types.js'

type Inputs = Record<string, string>
type Env = Record<string, string | undefined>

const MINIMAL: Inputs = {
  'pool-name': 'openmetadata',
  domain: 'openmetadata-sso',
  'callback-urls': 'https://app.example.com/callback',
  region: 'eu-central-1',
}

const getter =
  (inputs: Inputs) =>
  (name: string): string =>
    inputs[name] ?? ''

function parse(overrides: Inputs = {}, env: Env = {}): Desired {
  return parseInputs(getter({ ...MINIMAL, ...overrides }), env)
}

/** The problems parseInputs reports, or [] when it accepts the inputs. */
function problemsOf(overrides: Inputs = {}, env: Env = {}): string[] {
  try {
    parse(overrides, env)
    return []
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
}

const urls = (n: number, base = 'https://app.example.com/cb'): string => Array.from({ length: n }, (_, i) => `${base}${i}`).join('\n')

/** An https URL of exactly `length` characters. */
const urlOfLength = (length: number): string => {
  const head = 'https://app.example.com/'
  return head + 'a'.repeat(length - head.length)
}

describe('parseInputs defaults', () => {
  it('fills every default from a minimal input set', () => {
    expect(parse()).toEqual({
      mode: 'apply',
      region: 'eu-central-1',
      poolName: 'openmetadata',
      domain: 'openmetadata-sso',
      clientName: 'openmetadata-client',
      callbackUrls: ['https://app.example.com/callback'],
      logoutUrls: [],
      oauthScopes: ['openid', 'email', 'profile'],
      oauthFlows: ['code'],
      identityProviders: ['COGNITO'],
      deletionProtection: true,
      maskOutputs: true,
      failOnChanges: false,
      comment: true,
      verify: false,
      verifyTimeoutSeconds: 120,
      federatedProviders: [],
      resourceServers: [],
      allowClientReplacement: false,
    } satisfies Desired)
  })

  it('leaves userPoolId out when not given', () => {
    expect(parse()).not.toHaveProperty('userPoolId')
  })

  it('reads every input when all are given', () => {
    expect(
      parse({
        'pool-name': '  my pool  ',
        'client-name': 'web',
        'logout-urls': 'https://app.example.com/bye',
        'user-pool-id': 'eu-central-1_AbC123',
        'oauth-scopes': 'openid api.example.com/read',
        'oauth-flows': 'code, implicit',
        'identity-providers': 'COGNITO\nGoogle',
        'deletion-protection': 'false',
        'mask-outputs': 'False',
        mode: 'plan',
        'fail-on-changes': 'TRUE',
        comment: 'false',
        verify: 'true',
        'verify-timeout': '0',
      }),
    ).toEqual({
      mode: 'plan',
      region: 'eu-central-1',
      poolName: 'my pool',
      userPoolId: 'eu-central-1_AbC123',
      domain: 'openmetadata-sso',
      clientName: 'web',
      callbackUrls: ['https://app.example.com/callback'],
      logoutUrls: ['https://app.example.com/bye'],
      oauthScopes: ['openid', 'api.example.com/read'],
      oauthFlows: ['code', 'implicit'],
      identityProviders: ['COGNITO', 'Google'],
      deletionProtection: false,
      maskOutputs: false,
      failOnChanges: true,
      comment: false,
      verify: true,
      verifyTimeoutSeconds: 0,
      federatedProviders: [],
      resourceServers: [],
      allowClientReplacement: false,
    } satisfies Desired)
  })

  it('keeps URL strings exactly as given (no trailing slash added, no case folding)', () => {
    const d = parse({ 'callback-urls': 'https://App.Example.com', 'logout-urls': 'https://app.example.com?x=1' })
    expect(d.callbackUrls).toEqual(['https://App.Example.com'])
    expect(d.logoutUrls).toEqual(['https://app.example.com?x=1'])
  })
})

describe('parseList', () => {
  it.each<[string, string, string[]]>([
    ['empty', '', []],
    ['blank lines and commas only', ' \n , ,\n', []],
    ['one item', 'a', ['a']],
    ['commas', 'a,b, c', ['a', 'b', 'c']],
    ['newlines', 'a\nb\n\nc\n', ['a', 'b', 'c']],
    ['commas and newlines mixed', 'a, b\n c,d\n\ne ,', ['a', 'b', 'c', 'd', 'e']],
    ['CRLF line ends', 'a\r\nb\r\n', ['a', 'b']],
    ['duplicates removed, first order kept', 'b, a\nb, c, a', ['b', 'a', 'c']],
    ['duplicates after trimming', ' a ,a', ['a']],
    ['spaces inside an item are kept', 'a b, c', ['a b', 'c']],
  ])('%s', (_label, raw, expected) => {
    expect(parseList(raw)).toEqual(expected)
  })
})

describe('parseBoolean', () => {
  it.each<[string, boolean]>([
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['false', false],
    ['False', false],
    ['FALSE', false],
  ])('accepts %s', (raw, expected) => {
    const problems: string[] = []
    expect(parseBoolean('verify', raw, !expected, problems)).toBe(expected)
    expect(problems).toEqual([])
  })

  it.each([true, false])("'' gives the default (%s)", (dflt) => {
    const problems: string[] = []
    expect(parseBoolean('verify', '', dflt, problems)).toBe(dflt)
    expect(problems).toEqual([])
  })

  it.each(['yes', 'no', 'on', '1', 'tRue', 'y'])('rejects %s naming the input', (raw) => {
    const problems: string[] = []
    parseBoolean('mask-outputs', raw, true, problems)
    expect(problems).toEqual([`mask-outputs: '${raw}' is not a boolean; use true or false (also accepted: True, TRUE, False, FALSE)`])
  })

  it.each([
    ['deletion-protection', 'deletionProtection', true],
    ['mask-outputs', 'maskOutputs', true],
    ['comment', 'comment', true],
    ['verify', 'verify', false],
  ] as const)('%s: default %s, flips, rejects yes', (input, field, dflt) => {
    expect(parse()[field]).toBe(dflt)
    expect(parse({ [input]: String(!dflt) })[field]).toBe(!dflt)
    expect(problemsOf({ [input]: 'yes' })).toEqual([`${input}: 'yes' is not a boolean; use true or false (also accepted: True, TRUE, False, FALSE)`])
  })
})

describe('pool-name and client-name', () => {
  it('pool-name is required', () => {
    expect(problemsOf({ 'pool-name': '' })).toEqual(["pool-name: is required; set it to the user pool's name, e.g. pool-name: openmetadata"])
  })

  it.each(['pool-name', 'client-name'])('%s accepts 128 characters and rejects 129', (input) => {
    expect(problemsOf({ [input]: 'a'.repeat(128) })).toEqual([])
    expect(problemsOf({ [input]: 'a'.repeat(129) })).toEqual([`${input}: '${'a'.repeat(129)}' is 129 characters long; Cognito allows at most 128; shorten it`])
  })

  it.each(['pool-name', 'client-name'])('%s accepts the AWS name characters', (input) => {
    expect(problemsOf({ [input]: 'My_pool +=,.@-1' })).toEqual([])
  })

  it.each(['pool-name', 'client-name'])('%s rejects other characters, naming them', (input) => {
    expect(problemsOf({ [input]: 'a/b:c/' })).toEqual([
      `${input}: 'a/b:c/' contains characters Cognito does not allow in a name ('/', ':'); use only letters, digits, spaces, _ and + = , . @ -`,
    ])
  })

  it('client-name defaults to <pool-name>-client', () => {
    expect(parse({ 'pool-name': 'sso' }).clientName).toBe('sso-client')
  })

  it('derived client-name fits 128 characters exactly', () => {
    expect(parse({ 'pool-name': 'p'.repeat(121) }).clientName).toBe(`${'p'.repeat(121)}-client`)
  })

  it('derived client-name cuts a long pool name short to stay within 128 characters', () => {
    const clientName = parse({ 'pool-name': 'p'.repeat(128) }).clientName
    expect(clientName).toBe(`${'p'.repeat(121)}-client`)
    expect(clientName).toHaveLength(128)
  })
})

describe('domain', () => {
  it('is required', () => {
    expect(problemsOf({ domain: '' })).toEqual([
      "domain: is required; set it to the hosted UI domain prefix (the 'my-app' of my-app.auth.<region>.amazoncognito.com), e.g. domain: my-app",
    ])
  })

  it.each(['a', '0', 'a-b', 'my-app-2', 'a'.repeat(63), `a${'-'.repeat(61)}b`])('accepts %s', (domain) => {
    expect(problemsOf({ domain })).toEqual([])
  })

  it('rejects a 64-character prefix', () => {
    const domain = 'a'.repeat(64)
    expect(problemsOf({ domain })).toEqual([`domain: '${domain}' is 64 characters long; a domain prefix allows at most 63; shorten it`])
  })

  it.each(['-app', 'app-', 'my_app', 'my app'])('rejects %s', (domain) => {
    expect(problemsOf({ domain })).toEqual([`domain: '${domain}' must be lowercase letters, digits and hyphens, not starting or ending with a hyphen`])
  })

  it('suggests the lowercase form of an uppercase prefix', () => {
    expect(problemsOf({ domain: 'My-App' })).toEqual([
      "domain: 'My-App' must be lowercase letters, digits and hyphens, not starting or ending with a hyphen, e.g. domain: my-app",
    ])
  })

  it('asks for only the prefix when given a full domain name', () => {
    expect(problemsOf({ domain: 'my-app.auth.eu-central-1.amazoncognito.com' })).toEqual([
      "domain: 'my-app.auth.eu-central-1.amazoncognito.com' looks like a full domain name; give only the prefix, e.g. domain: my-app",
    ])
  })

  it.each([
    ['my-aws-app', 'aws'],
    ['amazon', 'amazon'],
    ['cognitologin', 'cognito'],
    ['xawsx', 'aws'],
  ])('rejects %s for the reserved word %s', (domain, word) => {
    expect(problemsOf({ domain })).toEqual([
      `domain: '${domain}' contains the reserved word '${word}', which Cognito refuses in a domain prefix; choose a prefix without aws, amazon or cognito`,
    ])
  })

  it('reports each reserved word it contains', () => {
    expect(problemsOf({ domain: 'aws-cognito' })).toEqual([
      "domain: 'aws-cognito' contains the reserved word 'aws', which Cognito refuses in a domain prefix; choose a prefix without aws, amazon or cognito",
      "domain: 'aws-cognito' contains the reserved word 'cognito', which Cognito refuses in a domain prefix; choose a prefix without aws, amazon or cognito",
    ])
  })
})

describe.each(['callback-urls', 'logout-urls'])('%s', (input) => {
  it('accepts 100 URLs and rejects 101', () => {
    expect(problemsOf({ [input]: urls(100) })).toEqual([])
    expect(problemsOf({ [input]: urls(101) })).toEqual([`${input}: lists 101 URLs (after removing duplicates); Cognito allows at most 100; remove some`])
  })

  it('counts URLs after removing duplicates', () => {
    const list = `${urls(100)}\n${urls(100)}`
    expect(problemsOf({ [input]: list })).toEqual([])
  })

  it('accepts a 1024-character URL and rejects 1025', () => {
    expect(problemsOf({ [input]: urlOfLength(1024) })).toEqual([])
    const long = urlOfLength(1025)
    expect(problemsOf({ [input]: long })).toEqual([`${input}: item 1 '${long}' is 1025 characters long; Cognito allows at most 1024; shorten it`])
  })

  it.each([
    'http://localhost/callback',
    'http://localhost:3000/callback',
    'https://localhost:8443/',
    'https://app.example.com',
    'https://app.example.com/cb?x=1&y=2',
  ])('accepts %s', (url) => {
    expect(problemsOf({ [input]: url })).toEqual([])
  })

  it.each([
    ['http://example.com/callback', 'https://example.com/callback'],
    ['http://localhost.example.com/cb', 'https://localhost.example.com/cb'],
    ['http://127.0.0.2:8080/cb', 'https://127.0.0.2:8080/cb'],
  ])('rejects http for %s and suggests https', (url, fixed) => {
    expect(problemsOf({ [input]: url })).toEqual([
      `${input}: item 1 '${url}' must use https (http is allowed only for localhost, 127.0.0.1 and [::1]); use '${fixed}'`,
    ])
  })

  // AWS accepts the three loopback forms over http (AWSB-044, issue 15 finding 9).
  it.each(['http://127.0.0.1:8080/cb', 'http://[::1]:8080/cb', 'http://127.0.0.1/cb', 'http://[::1]/cb'])('accepts the loopback %s over http', (url) => {
    expect(problemsOf({ [input]: url })).toEqual([])
  })

  it('rejects a fragment', () => {
    expect(problemsOf({ [input]: 'https://app.example.com/cb#top' })).toEqual([
      `${input}: item 1 'https://app.example.com/cb#top' has a fragment ('#...'), which Cognito does not allow; remove it, e.g. 'https://app.example.com/cb'`,
    ])
  })

  it.each(['/callback', 'app.example.com/callback', 'callback'])('rejects the relative URL %s', (url) => {
    expect(problemsOf({ [input]: url })).toEqual([
      `${input}: item 1 '${url}' is not an absolute URL; give the full URL with scheme and host, e.g. 'https://app.example.com/callback'`,
    ])
  })

  it.each(['myapp://callback', 'ftp://app.example.com/'])('rejects the custom scheme of %s', (url) => {
    const scheme = url.slice(0, url.indexOf(':'))
    expect(problemsOf({ [input]: url })).toEqual([
      `${input}: item 1 '${url}' uses the scheme '${scheme}'; this action sets up web SSO, so only https URLs (or http on localhost, 127.0.0.1 or [::1]) are supported, not custom app schemes; use an https URL`,
    ])
  })

  it('rejects whitespace inside a URL', () => {
    expect(problemsOf({ [input]: 'https://app.example.com/my cb' })).toEqual([
      `${input}: item 1 'https://app.example.com/my cb' contains whitespace; remove it or percent-encode it (a space is %20)`,
    ])
  })

  it('numbers items from 1 and reports each bad item', () => {
    const list = 'https://a.example/cb, https://b.example/cb\nhttp://x.example/callback\nmyapp://cb'
    expect(problemsOf({ [input]: list })).toEqual([
      `${input}: item 3 'http://x.example/callback' must use https (http is allowed only for localhost, 127.0.0.1 and [::1]); use 'https://x.example/callback'`,
      `${input}: item 4 'myapp://cb' uses the scheme 'myapp'; this action sets up web SSO, so only https URLs (or http on localhost, 127.0.0.1 or [::1]) are supported, not custom app schemes; use an https URL`,
    ])
  })

  it('splits on commas and newlines mixed, trims and removes duplicates', () => {
    const list = ' https://a.example/cb ,https://b.example/cb\n\nhttps://a.example/cb\nhttps://c.example/cb,'
    const d = parse({ [input]: list })
    const got = input === 'callback-urls' ? d.callbackUrls : d.logoutUrls
    expect(got).toEqual(['https://a.example/cb', 'https://b.example/cb', 'https://c.example/cb'])
  })
})

describe('callback-urls presence', () => {
  it('is required', () => {
    expect(problemsOf({ 'callback-urls': '' })).toEqual([
      "callback-urls: is required; set it to the app's sign-in callback URL(s), e.g. callback-urls: https://app.example.com/callback",
    ])
  })

  it('rejects a list with no URL in it', () => {
    expect(problemsOf({ 'callback-urls': ', ,' })).toEqual([
      "callback-urls: ', ,' lists no URL; give at least one, e.g. callback-urls: https://app.example.com/callback",
    ])
  })

  it('logout-urls may be empty', () => {
    expect(parse({ 'logout-urls': '' }).logoutUrls).toEqual([])
    expect(parse({ 'logout-urls': ' , ' }).logoutUrls).toEqual([])
  })
})

describe('region', () => {
  it.each<[string, Inputs, Env, string]>([
    ['input over both env vars', { region: 'us-west-2' }, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }, 'us-west-2'],
    ['AWS_REGION over AWS_DEFAULT_REGION', { region: '' }, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' }, 'eu-west-1'],
    ['AWS_DEFAULT_REGION alone', { region: '' }, { AWS_DEFAULT_REGION: 'ap-south-1' }, 'ap-south-1'],
    ['blank AWS_REGION falls through', { region: '' }, { AWS_REGION: '  ', AWS_DEFAULT_REGION: 'ap-south-1' }, 'ap-south-1'],
    ['env value trimmed', { region: '' }, { AWS_REGION: ' us-east-1 ' }, 'us-east-1'],
    ['GovCloud', { region: 'us-gov-west-1' }, {}, 'us-gov-west-1'],
  ])('%s', (_label, inputs, env, expected) => {
    expect(parse(inputs, env).region).toBe(expected)
  })

  it('reports a missing region', () => {
    expect(problemsOf({ region: '' }, { AWS_REGION: undefined, AWS_DEFAULT_REGION: '' })).toEqual([
      "region: no region given; set the 'region' input or AWS_REGION (aws-actions/configure-aws-credentials sets it)",
    ])
  })

  it.each(['us-east', 'US-EAST-1', 'useast1', 'us-east-1a'])('rejects %s', (region) => {
    expect(problemsOf({ region })).toEqual([`region: '${region}' is not an AWS region name; use one like us-east-1 or eu-central-1`])
  })

  it('names the environment variable an invalid region came from', () => {
    expect(problemsOf({ region: '' }, { AWS_REGION: 'mars' })).toEqual([
      "region: 'mars' (from AWS_REGION) is not an AWS region name; use one like us-east-1 or eu-central-1",
    ])
  })
})

describe('user-pool-id', () => {
  const message = (id: string): string =>
    `user-pool-id: '${id}' is not a user pool ID; use the ID shown by Cognito (region_suffix, at most 55 characters), e.g. us-east-1_AbC123xyz, or leave it empty to find the pool by name`

  it.each(['us-east-1_AbC123xyz', 'a_1', `${'a'.repeat(53)}_1`])('accepts %s', (id) => {
    expect(parse({ 'user-pool-id': id }).userPoolId).toBe(id)
  })

  it.each(['us-east-1', 'us-east-1_', '_abc', 'us-east-1_abc-def', 'us east-1_abc', `${'a'.repeat(54)}_1`])('rejects %s', (id) => {
    expect(problemsOf({ 'user-pool-id': id })).toEqual([message(id)])
  })
})

describe('oauth-scopes', () => {
  it.each<[string, string[]]>([
    ['openid', ['openid']],
    ['openid email phone profile aws.cognito.signin.user.admin', ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']],
    ['openid,email\nprofile  phone', ['openid', 'email', 'profile', 'phone']],
    ['openid openid email', ['openid', 'email']],
    ['api.example.com/read', ['api.example.com/read']],
    ['https://api.example.com/scope.read', ['https://api.example.com/scope.read']],
    [`r/${'s'.repeat(254)}`, [`r/${'s'.repeat(254)}`]],
  ])('accepts %s', (raw, expected) => {
    expect(parse({ 'oauth-scopes': raw }).oauthScopes).toEqual(expected)
  })

  const bad = (i: number, scope: string): string =>
    `oauth-scopes: item ${i} '${scope}' is neither a standard scope (openid, email, phone, profile, aws.cognito.signin.user.admin) nor a custom scope '<resource-server-id>/<scope>' (printable ASCII without " or \\, at most 256 characters); fix or remove it`

  it.each(['OpenID', 'offline_access', 'api/', '/read', 'api/re"ad', 'api\\x/read', `r/${'s'.repeat(255)}`])('rejects %s', (scope) => {
    expect(problemsOf({ 'oauth-scopes': `openid ${scope}` })).toEqual([bad(2, scope)])
  })

  it.each<[string, string]>([
    ['email', 'email requires openid (Cognito rule); add openid'],
    ['email profile phone', 'email, phone, profile require openid (Cognito rule); add openid'],
  ])('%s without openid is a problem', (raw, message) => {
    expect(problemsOf({ 'oauth-scopes': raw })).toEqual([`oauth-scopes: ${message}`])
  })

  it('custom and admin scopes do not need openid', () => {
    expect(problemsOf({ 'oauth-scopes': 'api/read aws.cognito.signin.user.admin' })).toEqual([])
  })

  it('accepts 50 scopes and rejects 51 (the model allows 50 per client)', () => {
    const scopes = (n: number): string => ['openid', ...Array.from({ length: n - 1 }, (_, i) => `api/s${i}`)].join(' ')
    expect(problemsOf({ 'oauth-scopes': scopes(50) })).toEqual([])
    expect(problemsOf({ 'oauth-scopes': scopes(51) })).toEqual(['oauth-scopes: 51 scopes given, Cognito allows at most 50 per app client; remove 1'])
  })

  it('an empty list is a problem', () => {
    expect(problemsOf({ 'oauth-scopes': ' , ' })).toEqual(["oauth-scopes: ',' lists no scope; give at least one, e.g. oauth-scopes: openid email profile"])
  })
})

describe('oauth-flows', () => {
  it.each<[string, string[]]>([
    ['code', ['code']],
    ['implicit', ['implicit']],
    ['code,implicit,code', ['code', 'implicit']],
  ])('accepts %s', (raw, expected) => {
    expect(parse({ 'oauth-flows': raw }).oauthFlows).toEqual(expected)
  })

  it('rejects client_credentials next to code (Cognito rule)', () => {
    expect(problemsOf({ 'oauth-flows': 'code, client_credentials', 'client-type': 'confidential', 'oauth-scopes': 'api/read' })).toEqual([
      "oauth-flows: 'client_credentials' cannot be combined with code or implicit (Cognito rule); use a separate client-name for machine-to-machine",
    ])
  })

  it('rejects client_credentials for a public client, explaining why', () => {
    expect(problemsOf({ 'oauth-flows': 'client_credentials', 'client-type': 'public', 'oauth-scopes': 'api/read' })).toEqual([
      "oauth-flows: item 1 'client_credentials' needs a client secret, but client-type is public; set client-type: confidential, or use code",
    ])
  })

  it('accepts client_credentials for a confidential client with resource-server scopes', () => {
    const d = parse({ 'oauth-flows': 'client_credentials', 'client-type': 'confidential', 'oauth-scopes': 'api/read' })
    expect(d.oauthFlows).toEqual(['client_credentials'])
    expect(d.clientType).toBe('confidential')
  })

  it.each(['token', 'Code', 'authorization_code'])('rejects %s', (flow) => {
    expect(problemsOf({ 'oauth-flows': flow })).toEqual([`oauth-flows: item 1 '${flow}' is not one of code, implicit`])
  })

  it('an empty list is a problem', () => {
    expect(problemsOf({ 'oauth-flows': ',' })).toEqual(["oauth-flows: ',' lists no flow; give at least one, e.g. oauth-flows: code"])
  })
})

describe('identity-providers', () => {
  it.each<[string, string[]]>([
    ['COGNITO', ['COGNITO']],
    ['COGNITO, Google\nMy-SAML_IdP', ['COGNITO', 'Google', 'My-SAML_IdP']],
    ['Ünïcødé€', ['Ünïcødé€']],
    ['p'.repeat(32), ['p'.repeat(32)]],
  ])('accepts %s', (raw, expected) => {
    expect(parse({ 'identity-providers': raw }).identityProviders).toEqual(expected)
  })

  it.each(['p'.repeat(33), 'My IdP', 'tab\there'])('rejects %j', (name) => {
    expect(problemsOf({ 'identity-providers': `COGNITO,${name}` })).toEqual([
      `identity-providers: item 2 '${name.replace('\t', '\\t')}' is not a provider name (1–32 characters, no spaces or control characters); use the name as configured in the pool, e.g. COGNITO`,
    ])
  })

  it('an empty list is a problem', () => {
    expect(problemsOf({ 'identity-providers': ' , ' })).toEqual([
      "identity-providers: ',' lists no provider; give at least one, e.g. identity-providers: COGNITO",
    ])
  })
})

describe('mode and fail-on-changes', () => {
  it.each(['apply', 'plan'] as const)('accepts %s', (mode) => {
    expect(parse({ mode }).mode).toBe(mode)
  })

  it('rejects other modes', () => {
    expect(problemsOf({ mode: 'deploy' })).toEqual(["mode: 'deploy' is not one of apply, plan, destroy, plan-destroy"])
  })

  it('fail-on-changes is accepted in plan mode', () => {
    expect(parse({ mode: 'plan', 'fail-on-changes': 'true' }).failOnChanges).toBe(true)
  })

  it.each<Inputs>([{}, { mode: 'apply' }])('fail-on-changes: true is a problem in apply mode (%j)', (extra) => {
    expect(problemsOf({ ...extra, 'fail-on-changes': 'true' })).toEqual(['fail-on-changes: only applies with mode: plan'])
  })

  it('fail-on-changes: false is fine in apply mode', () => {
    expect(parse({ 'fail-on-changes': 'false' }).failOnChanges).toBe(false)
  })

  it('an invalid mode does not also blame fail-on-changes', () => {
    expect(problemsOf({ mode: 'Plan', 'fail-on-changes': 'true' })).toEqual(["mode: 'Plan' is not one of apply, plan, destroy, plan-destroy"])
  })
})

describe('verify-timeout', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['900', 900],
    ['60', 60],
    ['007', 7],
  ])('accepts %s', (raw, expected) => {
    expect(parse({ 'verify-timeout': raw }).verifyTimeoutSeconds).toBe(expected)
  })

  it.each(['901', '-1', '1.5', '2m', '1e2', '+5', 'soon'])('rejects %s', (raw) => {
    expect(problemsOf({ 'verify-timeout': raw })).toEqual([`verify-timeout: '${raw}' is not a whole number of seconds from 0 to 900; e.g. verify-timeout: 120`])
  })
})

describe('several problems at once', () => {
  it('reports every problem, in input order', () => {
    const error = (() => {
      try {
        parseInputs(
          getter({
            domain: 'my-aws-app',
            'callback-urls': 'https://ok.example/cb\nhttp://x.example/callback\n/relative',
            'oauth-flows': 'client_credentials',
            mode: 'deploy',
            verify: 'yes',
            'verify-timeout': '1000',
          }),
          {},
        )
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(InputError)
    const problems = (error as InputError).problems
    expect(problems).toEqual([
      "pool-name: is required; set it to the user pool's name, e.g. pool-name: openmetadata",
      "domain: 'my-aws-app' contains the reserved word 'aws', which Cognito refuses in a domain prefix; choose a prefix without aws, amazon or cognito",
      "callback-urls: item 2 'http://x.example/callback' must use https (http is allowed only for localhost, 127.0.0.1 and [::1]); use 'https://x.example/callback'",
      "callback-urls: item 3 '/relative' is not an absolute URL; give the full URL with scheme and host, e.g. 'https://app.example.com/callback'",
      "region: no region given; set the 'region' input or AWS_REGION (aws-actions/configure-aws-credentials sets it)",
      'oauth-scopes: with oauth-flows client_credentials only resource-server scopes are allowed (e.g. api/read), not openid, email, profile',
      "mode: 'deploy' is not one of apply, plan, destroy, plan-destroy",
      "verify: 'yes' is not a boolean; use true or false (also accepted: True, TRUE, False, FALSE)",
      "verify-timeout: '1000' is not a whole number of seconds from 0 to 900; e.g. verify-timeout: 120",
    ])
    expect((error as InputError).message).toBe(problems.join('\n'))
  })

  it('every message starts with the name of the input it is about', () => {
    const cases: [string, Inputs][] = [
      ['pool-name', { 'pool-name': 'a/b' }],
      ['domain', { domain: 'A_B' }],
      ['callback-urls', { 'callback-urls': 'ftp://x' }],
      ['logout-urls', { 'logout-urls': 'http://x.example' }],
      ['client-name', { 'client-name': 'a#b' }],
      ['region', { region: 'nowhere' }],
      ['user-pool-id', { 'user-pool-id': 'nope' }],
      ['oauth-scopes', { 'oauth-scopes': 'email' }],
      ['oauth-flows', { 'oauth-flows': 'token' }],
      ['identity-providers', { 'identity-providers': 'a b' }],
      ['deletion-protection', { 'deletion-protection': 'no' }],
      ['mask-outputs', { 'mask-outputs': 'no' }],
      ['mode', { mode: 'x' }],
      ['fail-on-changes', { 'fail-on-changes': 'no' }],
      ['comment', { comment: 'no' }],
      ['verify', { verify: 'no' }],
      ['verify-timeout', { 'verify-timeout': 'x' }],
    ]
    for (const [input, overrides] of cases) {
      const problems = problemsOf(overrides)
      expect(problems, input).toHaveLength(1)
      expect(problems[0], input).toMatch(new RegExp(`^${input}: `))
    }
  })
})

describe('custom domain and certificate-arn', () => {
  const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'

  it('a fully-qualified name with a us-east-1 certificate is a custom domain, whatever the pool region', () => {
    const d = parse({ domain: 'auth.example.com', 'certificate-arn': CERT })
    expect(d.domain).toBe('auth.example.com')
    expect(d.certificateArn).toBe(CERT)
  })

  it('a prefix carries no certificate', () => {
    expect(parse().certificateArn).toBeUndefined()
  })

  it.each<[Inputs, string]>([
    [{ domain: 'auth.example.com' }, "certificate-arn: is required for the custom domain 'auth.example.com'; give the ARN of an ACM certificate in us-east-1"],
    [
      { domain: 'auth.example.com', 'certificate-arn': CERT.replace('us-east-1', 'eu-central-1') },
      'certificate-arn: the certificate is in eu-central-1, but Cognito serves custom domains through CloudFront, which uses certificates in us-east-1 only',
    ],
    [
      { domain: 'auth.example.com', 'certificate-arn': 'arn:aws:iam::123456789012:server-certificate/x' },
      "certificate-arn: 'arn:aws:iam::123456789012:server-certificate/x' is not an ACM certificate ARN",
    ],
    [
      { 'certificate-arn': CERT },
      "certificate-arn: only a custom domain (a name such as auth.example.com) uses a certificate, and domain 'openmetadata-sso' is a prefix",
    ],
    [{ domain: 'Auth.Example.com', 'certificate-arn': CERT }, "domain: 'Auth.Example.com' is neither a prefix nor a custom domain name"],
    [{ domain: 'example.com', 'certificate-arn': CERT }, "domain: 'example.com' is neither a prefix nor a custom domain name"],
  ])('%j → %s', (inputs, problem) => {
    const problems = problemsOf(inputs)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(problem)
  })

  it('suggests the lowercase name', () => {
    expect(problemsOf({ domain: 'Auth.Example.com', 'certificate-arn': CERT })[0]).toMatch(/e\.g\. domain: auth\.example\.com$/)
  })
})

describe('destroy modes', () => {
  const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
  it.each(['destroy', 'plan-destroy'])('mode: %s needs neither domain nor callback-urls', (mode) => {
    const d = parseInputs(getter({ 'pool-name': 'app-pr-7', region: 'eu-central-1', mode }), {})
    expect(d.mode).toBe(mode)
    expect(d.domain).toBe('')
    expect(d.callbackUrls).toEqual([])
    expect(d.deletionProtection).toBe(true)
  })

  it('still needs pool-name and still checks a domain that is given', () => {
    expect(problemsOf({ 'pool-name': '', mode: 'destroy', domain: 'Bad_Domain' })).toEqual([
      "pool-name: is required; set it to the user pool's name, e.g. pool-name: openmetadata",
      "domain: 'Bad_Domain' must be lowercase letters, digits and hyphens, not starting or ending with a hyphen",
    ])
  })

  it.each(['destroy', 'plan-destroy'])('mode: %s does not ask for the certificate a custom domain is created with, nor checks one', (mode) => {
    // apply's custom domain without its certificate-arn (destroy deletes the domains the pool has)
    expect(problemsOf({ mode, domain: 'auth.example.com' })).toEqual([])
    // a certificate-arn left over from apply, with a prefix domain or without a domain: not read either
    expect(problemsOf({ mode, 'certificate-arn': CERT })).toEqual([])
    expect(problemsOf({ mode, domain: '', 'certificate-arn': 'not-an-arn' })).toEqual([])
    expect(parse({ mode, domain: 'auth.example.com', 'certificate-arn': CERT }).certificateArn).toBeUndefined()
    // apply still asks for it
    expect(problemsOf({ domain: 'auth.example.com' })).toEqual([expect.stringContaining('certificate-arn: is required for the custom domain')])
  })

  it('fail-on-changes is refused with mode: destroy', () => {
    expect(problemsOf({ mode: 'destroy', 'fail-on-changes': 'true' })).toEqual(['fail-on-changes: only applies with mode: plan'])
  })
})

describe('hostile names and URLs are refused before any AWS call (AWS patterns, Java regex semantics)', () => {
  it.each([
    ['CR', 'pool\rname', "'\\r' U+000D"],
    ['LF', 'pool\nname', "'\\n' U+000A"],
    ['TAB', 'pool\tname', "'\\t' U+0009"],
    ['VT', 'pool\vname', "'\\v' U+000B"],
    ['FF', 'pool\fname', "'\\f' U+000C"],
    ['NBSP (\\s in JavaScript, not in Java)', 'pool\u00a0name', "'\u00a0' U+00A0"],
    ['a Unicode line separator', 'pool\u2028name', "'\\u2028' U+2028"],
    ['an ideographic space', 'pool\u3000name', "'\u3000' U+3000"],
    ['a non-ASCII letter (\\w is ASCII in Java)', 'poolé', "'é' U+00E9"],
    ['a zero-width space', 'pool\u200bname', "'\\u200b' U+200B"],
  ])('%s in a name is refused, naming the character, the rule and the fix', (_what, value, shown) => {
    for (const input of ['pool-name', 'client-name']) {
      const problems = problemsOf({ [input]: value })
      expect(problems).toHaveLength(1)
      expect(problems[0]).toContain(`${input}: `)
      expect(problems[0]).toContain(shown)
      expect(problems[0]).toContain('use only letters, digits, spaces, _ and + = , . @ -')
      expect(problems[0]).toContain('ASCII only')
      expect(problems[0]).not.toMatch(/[\r\n\u2028]/)
    }
  })

  it.each(['callback-urls', 'logout-urls'])('%s: control, format and invisible characters are refused', (input) => {
    for (const ch of ['\u200b', '\ufeff', '\u202e', '\u2066', '\u200e', '\u0000', '\u001b', '\u007f', '\u00ad']) {
      const url = `https://app.example.com/c${ch}b`
      const problems = problemsOf({ [input]: url })
      expect(problems, JSON.stringify(ch)).toHaveLength(1)
      expect(problems[0]).toContain('control, format or invisible characters (U+')
      expect(problems[0]).toContain('remove them')
    }
  })

  it.each(['callback-urls', 'logout-urls'])('%s: line breaks of every kind are refused', (input) => {
    for (const br of ['\r', '\u0085', '\u2028', '\u2029', '\v', '\f']) {
      const problems = problemsOf({ [input]: `https://app.example.com/c${br}b` })
      expect(problems, JSON.stringify(br)).toHaveLength(1)
      expect(problems[0]).not.toMatch(/[\r\u0085\u2028\u2029\v\f]/)
    }
  })

  it.each([
    [
      'https://user:pass@app.example.com/cb',
      "'https://app.example.com/cb' has a user name or password before '@' (the host is 'app.example.com'), which must not be in a URL; remove it, e.g. 'https://app.example.com/cb'",
    ],
    ['https://user@app.example.com/cb', 'has a user name or password'],
    ['https:app.example.com/cb', "must start with 'https://' followed by the host"],
    ['https:/app.example.com/cb', "must start with 'https://' followed by the host"],
    ['https:///app.example.com/cb', "must start with 'https://' followed by the host"],
    ['http:localhost/cb', "must start with 'http://' followed by the host"],
    ['https://app.example.com\\cb', "contains a backslash, which browsers read as '/'"],
    ['https:\\\\app.example.com/cb', 'contains a backslash'],
  ])('refuses %s', (url, message) => {
    for (const input of ['callback-urls', 'logout-urls']) {
      const problems = problemsOf({ [input]: url })
      expect(problems).toHaveLength(1)
      expect(problems[0]).toContain(`${input}: item 1 `)
      expect(problems[0]).toContain(message)
      // Never the user information itself.
      expect(problems[0]).not.toMatch(/user(:pass)?@/)
    }
  })

  it('accepts international domain names and non-ASCII paths, as the model does', () => {
    expect(problemsOf({ 'callback-urls': 'https://bücher.example/rückruf' })).toEqual([])
  })
})

describe('aws-timeout and the region from the SDK chain', () => {
  it('aws-timeout: empty changes nothing, a whole number of seconds is kept, anything else is a problem', () => {
    expect(parse().awsTimeoutSeconds).toBeUndefined()
    expect(parse({ 'aws-timeout': '5' }).awsTimeoutSeconds).toBe(5)
    for (const bad of ['0', '301', '1.5', 'ten']) {
      expect(problemsOf({ 'aws-timeout': bad })).toEqual([`aws-timeout: '${bad}' is not a whole number of seconds from 1 to 300; e.g. aws-timeout: 30`])
    }
  })

  it("takes the SDK chain's region (the AWS_PROFILE's config file) only when nothing else names one", () => {
    const withSdk = (overrides: Inputs, env: Env, region: string): Desired => parseInputs(getter({ ...MINIMAL, ...overrides }), env, { region })
    expect(withSdk({ region: '' }, {}, 'ap-south-1').region).toBe('ap-south-1')
    expect(withSdk({ region: '' }, { AWS_REGION: 'us-west-2' }, 'ap-south-1').region).toBe('us-west-2')
    expect(withSdk({}, {}, 'ap-south-1').region).toBe('eu-central-1')
    expect(() => withSdk({ region: '' }, {}, '')).toThrow(/region: no region given/)
  })
})

// The YAML parser is loaded only when a YAML input is set (start-up time). On fresh modules, where it is
// not loaded: exactly the inputs the resources list in yamlInputs need it, and loadParsers loads it for them.
describe('loadParsers: the YAML parser only for YAML inputs', () => {
  const YAML_TEXT = '- name: x\n  type: oidc\n  identifier: x\n  scopes: [read]'
  const fresh = async () => {
    vi.resetModules()
    const desired = await import('../../src/engine/desired.js')
    const { RESOURCES } = await import('../../src/resources/index.js')
    return { ...desired, RESOURCES }
  }
  const names = Object.keys((parseYaml(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: object }).inputs)

  it('parsing needs it for exactly the declared YAML inputs', async () => {
    const { parseInputs: parseFresh, RESOURCES } = await fresh()
    const declared = RESOURCES.flatMap((r) => r.yamlInputs ?? [])
    expect(declared.sort()).toEqual(['federated-providers', 'resource-servers', 'user-groups'])
    const needing: string[] = []
    for (const name of names) {
      try {
        parseFresh(getter({ ...MINIMAL, [name]: YAML_TEXT }), {})
      } catch (error) {
        if (error instanceof Error && /YAML parser was not loaded/.test(error.message)) needing.push(name)
      }
    }
    expect(needing.sort()).toEqual(declared.sort())
  })

  it('loads it when one of them is set, not otherwise', async () => {
    const { loadParsers, parseInputs: parseFresh } = await fresh()
    await loadParsers(getter({ ...MINIMAL }))
    expect(() => parseFresh(getter({ ...MINIMAL, 'resource-servers': YAML_TEXT }), {})).toThrow(/YAML parser was not loaded/)
    await loadParsers(getter({ ...MINIMAL, 'user-groups': '  ' }))
    expect(() => parseFresh(getter({ ...MINIMAL, 'resource-servers': YAML_TEXT }), {})).toThrow(/YAML parser was not loaded/)
    await loadParsers(getter({ ...MINIMAL, 'user-groups': '- name: admins' }))
    expect(() => parseFresh(getter({ ...MINIMAL, 'resource-servers': YAML_TEXT }), {})).not.toThrow(/YAML parser was not loaded/)
  })
})
