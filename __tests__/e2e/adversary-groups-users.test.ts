// Phase 3, the adversary: user groups and invited users (the alias pool's derived user names) against
// hostile YAML, names at and past AWS's limits, answers lost after AWS acted, and runs at once. Each case:
// refused before any AWS call when the input alone is wrong; otherwise the run (or its rerun) converges
// with nothing duplicated, and plan mode writes nothing.
import { describe, expect, it } from 'vitest'
import { startFaultProxy } from '../../tools/fault-proxy.js'
import { runAction } from '../../tools/run-action.js'
import { expectRefusedBeforeAnyCall, printed } from './hostile-helpers.js'
import {
  NODE,
  env,
  expectExit,
  expectNoIdsInClear,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  poolIdsNamed,
  run,
  startLc,
  withLc,
  type Doc,
  type LocalCognito,
} from './helpers.js'

const groupsOf = async (lc: LocalCognito, UserPoolId: string): Promise<Doc[]> =>
  (((await lc.invoke('ListGroups', { UserPoolId })) as Doc).Groups as Doc[])
    .map((g) => ({ name: g.GroupName, description: g.Description, precedence: g.Precedence }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))

const usersOf = async (lc: LocalCognito, UserPoolId: string): Promise<Doc[]> => ((await lc.invoke('ListUsers', { UserPoolId })) as Doc).Users as Doc[]

describe.concurrent('hostile YAML in user-groups: refused before any AWS call', () => {
  const cases: [string, string, RegExp][] = [
    // An alias used as a key repeats the key it names: the parser's duplicate-key check does not see it.
    ['a key repeated through an alias', '- &k name: admins\n  *k : readers\n', /user-groups: an alias '\*\.\.\.' used as a key at line 2/],
    ['a merge key (<<) pulling in another entry', '- &base { name: admins, precedence: 1 }\n- <<: *base\n  name: readers\n', /user-groups: .*'<<'/],
    ['a duplicate key', '- name: admins\n  name: readers\n', /user-groups: is not valid YAML at line 2/],
    ['a !!binary name', '- name: !!binary YWRtaW5z\n', /user-groups: the YAML tag '!!binary'/],
    ['a NUL in a name', '- name: "adm\\0ins"\n', /user-groups: item 1 .*name must be/],
    ['a right-to-left override in a name', '- name: "adm\\u202Eins"\n', /user-groups: item 1 .*name must be/],
    ['a name of 129 characters', `- name: ${'g'.repeat(129)}\n`, /name must be 1–128/],
    ['60,000 nested lists', `- name: x\n  description: ${'['.repeat(60_000)}${']'.repeat(60_000)}\n`, /user-groups: is not valid YAML/],
    [
      'a billion laughs',
      `- &a [x, x, x, x, x, x, x, x, x, x]\n- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n- &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      /user-groups: .*alias/,
    ],
  ]
  it.each(cases)('%s', async (_label, groups, message) => {
    await withLc({}, async (lc) => {
      const r = await run(NODE, lc, { ...inputsFor('yaml-groups'), 'user-groups': groups })
      expectRefusedBeforeAnyCall(r, lc, [message], ['\u0000', '\u202E'])
    })
  })

  it('a description with a right-to-left override is never printed raw', async () => {
    await withLc({}, async (lc) => {
      const r = await run(NODE, lc, { ...inputsFor('bidi-desc'), mode: 'plan', 'user-groups': '- name: admins\n  description: "evil\\u202Etxt.exe"\n' })
      // The plan output is the exact request (data); the log, the summary and every other output show it escaped.
      expect(printed({ ...r, outputs: { ...r.outputs, plan: '' } })).not.toContain('\u202E')
      expect(r.stdout).toContain('evil\\u202etxt.exe')
      expect(JSON.parse(r.outputs.plan ?? '{}').steps.at(-1).changes[0].after).toBe('evil\u202Etxt.exe')
      expect(lc.writeCalls()).toEqual([])
    })
  })
})

describe.concurrent('hostile YAML in resource-servers: refused before any AWS call', () => {
  const cases: [string, string, RegExp][] = [
    // AWS's ResourceServerNameType is a Java pattern: its \s is ASCII, so a no-break space is refused by AWS after the pool exists.
    [
      'a no-break space in a name',
      '- identifier: api\n  name: "my\u00A0api"\n  scopes: [read]\n',
      /resource-servers: item 1: name .* must be .*\(not U\+00A0 \(NO-BREAK SPACE\)\)/,
    ],
    ['a line separator in a name', '- identifier: api\n  name: "my\u2028api"\n  scopes: [read]\n', /resource-servers: item 1: name .* must be/],
    ['a merge key (<<)', '- &a { identifier: api, scopes: [read] }\n- <<: *a\n  identifier: api2\n', /resource-servers: item 2: unknown key '<<'/],
    ['a typo (scope: instead of scopes:)', '- identifier: api\n  scope: [read]\n', /resource-servers: item 1: unknown key 'scope'/],
    [
      'an unknown key of a scope',
      '- identifier: api\n  scopes:\n    - name: read\n      descripton: Read\n',
      /resource-servers: item 1: scope 1: unknown key 'descripton'/,
    ],
    ['a key repeated through an alias', '- &k identifier: api\n  *k : api2\n  scopes: [read]\n', /resource-servers: an alias/],
  ]
  it.each(cases)('%s', async (_label, servers, message) => {
    await withLc({}, async (lc) => {
      const r = await run(NODE, lc, { ...inputsFor('yaml-servers'), 'resource-servers': servers })
      expectRefusedBeforeAnyCall(r, lc, [message], ['\u2028'])
    })
  })
})

describe.concurrent('federated-providers values past AWS limits: refused before any AWS call', () => {
  const google = (extra: string): string =>
    `- type: google\n  client-id: 1234.apps.googleusercontent.com\n  client-secret: gOcSpX-s3cret\n  scopes: openid email\n${extra}`
  const cases: [string, string, RegExp][] = [
    // IdpIdentifierType: 1–40 characters of [\w\s+=.@-] (a Java pattern: ASCII).
    ['an identifier of 41 characters (a long e-mail domain)', `  identifiers: [${'a'.repeat(29)}.example.com]\n`, /federated-providers: .*Google.*identifier/],
    ['an identifier with a slash', '  identifiers: [example.com/sso]\n', /federated-providers: .*Google.*identifier/],
    ['an identifier with a no-break space', '  identifiers: ["example\u00A0com"]\n', /federated-providers: .*Google.*identifier/],
    // AttributeMappingKeyType: 1–32 characters.
    [
      'an attribute-mapping key of 33 characters',
      `  attribute-mapping:\n    custom:${'x'.repeat(26)}: sub\n`,
      /federated-providers: .*Google.*attribute-mapping/,
    ],
  ]
  it.each(cases)('%s', async (_label, extra, message) => {
    await withLc({}, async (lc) => {
      const r = await run(NODE, lc, { ...inputsFor('idp-limits'), 'federated-providers': google(extra) })
      expectRefusedBeforeAnyCall(r, lc, [message], ['gOcSpX-s3cret'])
    })
  })
})

describe.concurrent('email-sender values AWS refuses: refused before any AWS call', () => {
  const SES = 'ses-identity=arn:aws:ses:us-east-1:123456789012:identity/example.com'
  const cases: [string, string, RegExp][] = [
    // EmailAddressType: [\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+
    ['a reply-to that is not an address', `${SES}, reply-to=support`, /email-sender: reply-to/],
    ['a reply-to with a space', `${SES}, reply-to=sup port@example.com`, /email-sender: reply-to/],
    // SESConfigurationSet: ^[a-zA-Z0-9_-]+$, 1–64
    ['a configuration-set with a dot', `${SES}, configuration-set=my.set`, /email-sender: configuration-set/],
    ['a configuration-set of 65 characters', `${SES}, configuration-set=${'c'.repeat(65)}`, /email-sender: configuration-set/],
  ]
  it.each(cases)('%s', async (_label, sender, message) => {
    await withLc({}, async (lc) => {
      const r = await run(NODE, lc, { ...inputsFor('email-sender'), 'email-sender': sender })
      expectRefusedBeforeAnyCall(r, lc, [message])
    })
  })
})

describe.concurrent('a secret that is also part of a name', () => {
  it("client-secret 'login' inside the domain 'e2e-secinside-login': never printed, and the outputs it alters are named in a warning", async () => {
    await withLc({}, async (lc) => {
      const r = await run(NODE, lc, {
        ...inputsFor('secinside'),
        'federated-providers': '- type: google\n  client-id: 1234.apps.googleusercontent.com\n  client-secret: login\n  scopes: openid email\n',
        'identity-providers': 'COGNITO, Google',
      })
      expectExit(r, 0)
      expect(r.outputs.domain).toBe('e2e-secinside-***')
      expect(r.warnings.join('\n')).toMatch(/outputs domain, hosted-ui-url contain the value of a secret input/)
    })
  })
})

describe.concurrent('names at the limits', () => {
  it('a group name of exactly 128 characters and a description of 2,048 are created; a rerun writes nothing', async () => {
    await withLc({}, async (lc) => {
      const name = `g${'é'.repeat(127)}`
      const groups = `- name: ${name}\n  description: ${'d'.repeat(2048)}\n  precedence: 2147483647\n`
      const inputs = { ...inputsFor('limits-groups'), 'user-groups': groups }
      const first = await run(NODE, lc, inputs)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      expect((await groupsOf(lc, poolId)).map((g) => g.name)).toEqual([name])
      lc.clearCalls()
      expectExit(await run(NODE, lc, inputs), 0)
      expect(lc.writeCalls()).toEqual([])
    })
  })

  it('a pool-name of exactly 128 characters: pool, domain and client (its derived name within 128) in one run', async () => {
    await withLc({}, async (lc) => {
      const inputs = inputsFor('limit-name', { 'pool-name': `p${'x'.repeat(127)}` })
      const r = await run(NODE, lc, inputs)
      expectExit(r, 0)
      expect(await poolIdsNamed(lc, inputs['pool-name'] ?? '')).toHaveLength(1)
    })
  })
})

type Proxy = Awaited<ReturnType<typeof startFaultProxy>>

async function viaProxy(lc: LocalCognito, proxy: Proxy, inputs: Record<string, string>) {
  const r = await runAction({ inputs, env: env(lc, { AWS_ENDPOINT_URL: proxy.url, COGNITO_SSO_AWS_TIMEOUT: '2' }), node: NODE, timeoutMs: 60_000 })
  expectNoStackTrace(r)
  await expectNoIdsInClear(r, lc)
  return r
}

const GROUPS = '- name: admins\n  description: Administrators\n  precedence: 0\n- name: readers\n  precedence: 10\n'
const EXPECTED_GROUPS = [
  { name: 'admins', description: 'Administrators', precedence: 0 },
  { name: 'readers', description: undefined, precedence: 10 },
]

describe.concurrent('answers lost after AWS acted, on the new writes', () => {
  it.each(['500', 'reset', 'empty'] as const)('CreateGroup answered %s: the run or its rerun converges, no group twice', async (kind) => {
    const lc = await startLc()
    const proxy = await startFaultProxy({ upstream: lc.url })
    try {
      const inputs: Record<string, string> = { ...inputsFor(`lost-group-${kind}`), 'user-groups': GROUPS }
      proxy.add({ operation: 'CreateGroup', kind })
      const first = await viaProxy(lc, proxy, inputs)
      expect([0, 1]).toContain(first.exitCode)
      const rerun = await viaProxy(lc, proxy, inputs)
      expectExit(rerun, 0)
      const [poolId] = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
      expect(await groupsOf(lc, poolId ?? '')).toEqual(EXPECTED_GROUPS)
    } finally {
      await proxy.close()
      await lc.close()
    }
  })

  it.each(['500', 'reset', 'empty'] as const)('AdminCreateUser answered %s in an alias pool: one user per address after the rerun', async (kind) => {
    const lc = await startLc()
    const proxy = await startFaultProxy({ upstream: lc.url })
    try {
      const inputs: Record<string, string> = {
        ...inputsFor(`lost-user-${kind}`),
        'sign-in-identifiers': 'username, email',
        'invite-users': 'alice@example.com, bob@example.com',
      }
      proxy.add({ operation: 'AdminCreateUser', kind })
      const first = await viaProxy(lc, proxy, inputs)
      expect([0, 1]).toContain(first.exitCode)
      const rerun = await viaProxy(lc, proxy, inputs)
      expectExit(rerun, 0)
      const [poolId] = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
      const users = await usersOf(lc, poolId ?? '')
      expect(users.map((u) => u.Attributes.find((a: Doc) => a.Name === 'email')?.Value).sort()).toEqual(['alice@example.com', 'bob@example.com'])
      for (const u of users) expect(u.Username).toMatch(/^u-[0-9a-f]{32}$/)
    } finally {
      await proxy.close()
      await lc.close()
    }
  })
})

describe.concurrent('answers lost on UpdateGroup and DeleteGroup, and throttling on the paced writes', () => {
  it.each(['UpdateGroup', 'DeleteGroup'] as const)('%s answered 500 after AWS acted: the rerun converges and writes nothing more', async (operation) => {
    const lc = await startLc()
    const proxy = await startFaultProxy({ upstream: lc.url })
    try {
      const base = inputsFor(`lost-${operation.toLowerCase()}`)
      const first = await viaProxy(lc, proxy, { ...base, 'user-groups': GROUPS })
      expectExit(first, 0)
      const changed =
        operation === 'UpdateGroup'
          ? '- name: admins\n  description: Admins, renamed\n  precedence: 0\n- name: readers\n  precedence: 10\n'
          : '- name: admins\n  description: Administrators\n  precedence: 0\n- name: readers\n  remove: true\n'
      proxy.add({ operation, kind: '500' })
      const lost = await viaProxy(lc, proxy, { ...base, 'user-groups': changed })
      expect([0, 1]).toContain(lost.exitCode)
      const rerun = await viaProxy(lc, proxy, { ...base, 'user-groups': changed })
      expectExit(rerun, 0)
      lc.clearCalls()
      expectExit(await viaProxy(lc, proxy, { ...base, 'user-groups': changed }), 0)
      expect(lc.writeCalls()).toEqual([])
      const [poolId] = await poolIdsNamed(lc, base['pool-name'] ?? '')
      const names = (await groupsOf(lc, poolId ?? '')).map((g) => g.name)
      expect(names).toEqual(operation === 'UpdateGroup' ? ['admins', 'readers'] : ['admins'])
    } finally {
      await proxy.close()
      await lc.close()
    }
  })

  it.each(['CreateGroup', 'AdminCreateUser'] as const)('%s throttled three times: paced and sent again, all done in one run', async (operation) => {
    await withLc({}, async (lc) => {
      lc.faults.add({ operation, kind: 'throttle', times: 3 })
      const r = await run(NODE, lc, {
        ...inputsFor(`throttle-${operation.toLowerCase()}`),
        'user-groups': GROUPS,
        'invite-users': 'alice@example.com, bob@example.com',
      })
      expectExit(r, 0)
      const { poolId } = idsOf(r)
      expect(await groupsOf(lc, poolId)).toEqual(EXPECTED_GROUPS)
      expect((await usersOf(lc, poolId)).length).toBe(2)
    })
  })
})

describe.concurrent('runs at once', () => {
  it('two runs create the same groups at once (each CreateGroup held until both arrived): each group once, both runs succeed', async () => {
    await withLc({}, async (lc) => {
      const inputs = { ...inputsFor('race-groups'), 'user-groups': GROUPS }
      const first = await run(NODE, lc, inputsFor('race-groups'))
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      lc.barrier({ operation: 'CreateGroup', count: 4 })
      const results = await Promise.all([run(NODE, lc, inputs), run(NODE, lc, inputs)])
      for (const r of results) expectExit(r, 0)
      expect(await groupsOf(lc, poolId)).toEqual(EXPECTED_GROUPS)
    })
  })

  it('two runs invite the same users into an alias pool at once: each user once, both runs succeed', async () => {
    await withLc({}, async (lc) => {
      const base = { ...inputsFor('race-users'), 'sign-in-identifiers': 'username, email' }
      const first = await run(NODE, lc, base)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      const inputs = { ...base, 'invite-users': 'alice@example.com, Bob@example.com' }
      lc.barrier({ operation: 'AdminCreateUser', count: 4 })
      const results = await Promise.all([run(NODE, lc, inputs), run(NODE, lc, inputs)])
      for (const r of results) expectExit(r, 0)
      expect((await usersOf(lc, poolId)).length).toBe(2)
    })
  })

  it('a user created by hand with the address as its alias: the run does not invite a second user for it', async () => {
    await withLc({}, async (lc) => {
      const base = { ...inputsFor('hand-alias'), 'sign-in-identifiers': 'username, email' }
      const first = await run(NODE, lc, base)
      expectExit(first, 0)
      const { poolId } = idsOf(first)
      await lc.invoke('AdminCreateUser', {
        UserPoolId: poolId,
        Username: 'alice',
        UserAttributes: [
          { Name: 'email', Value: 'Alice@Example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      })
      lc.clearCalls()
      const r = await run(NODE, lc, { ...base, 'invite-users': 'alice@example.com' })
      expectExit(r, 0)
      expect(lc.writeCalls()).toEqual([])
      expect((await usersOf(lc, poolId)).length).toBe(1)
    })
  })
})
