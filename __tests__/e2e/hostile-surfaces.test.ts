/* eslint-disable @typescript-eslint/no-explicit-any -- AWS JSON requests read back from the local Cognito */
// Issue 16, cases 1–6: the surfaces added since the first hardening (destroy, federation URLs and files,
// secrets in AWS's answers, YAML scalars, empty secrets), attacked end to end through dist/index.js against
// the local Cognito. Each test asserts what a correct action does, black box: inputs, exit code, errors,
// log, summary, outputs and the AWS calls made. Cases 7–10: hostile-surfaces-*.test.ts.
import { execFileSync, spawnSync } from 'node:child_process'
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeIdp } from '../../tools/fake-idp.js'
import {
  NODES,
  READ_OPERATIONS,
  countOf,
  describeDomain,
  describePool,
  expectExit,
  expectNoStackTrace,
  idsOf,
  inputsFor,
  operations,
  parsePlan,
  poolIdsNamed,
  run,
  useLocalCognito,
  writeOperations,
  type LocalCognito,
  type RunResult,
} from './helpers.js'
import { expectRefusedBeforeAnyCall, printed, samlMetadata } from './hostile-helpers.js'

/**
 * At most 1.5 GB of data (RLIMIT_DATA through prlimit, util-linux) for the action: a run that reads /dev/zero
 * or a huge file aborts within seconds instead of taking the machine's memory. RLIMIT_DATA counts writable
 * private mappings only, so WebAssembly's reserved address space (undici) is unaffected, unlike RLIMIT_AS; and
 * prlimit execs node directly (a shell wrapper would drop INPUT_POOL-NAME and the like, which are not shell names).
 */
const MEMORY_CAP = ['prlimit', '--data=1500000000']
/** Without prlimit (macOS), the tests that would let today's action read without end are skipped, not run uncapped. */
const HAVE_PRLIMIT = spawnSync('prlimit', ['--version']).status === 0
/** exitCode null: the run was killed (the test's time bound, or an abort when it ran out of memory). */
const ENDED = 'the run ended with an exit code (null: killed by the time bound or aborted out of memory)'

const requestsOf = (lc: LocalCognito, operation: string): any[] => lc.calls.filter((c) => c.operation === operation).map((c) => c.request)

describe.each(NODES)('issue 16 under %s', (_label, node) => {
  const ctx = useLocalCognito()

  // ---------------------------------------------------------------------------------------------------
  describe('case 1: destroy removes only the pool the inputs name', () => {
    /** prod-sso, applied with deletion protection off (as a preview workflow would leave it). */
    async function prodPool(lc: LocalCognito): Promise<string> {
      const r = await run(node, lc, inputsFor('prod-sso', { 'deletion-protection': 'false' }))
      expectExit(r, 0)
      return idsOf(r).poolId
    }

    it('user-pool-id of another pool (prod-sso) with pool-name app-pr-5: refused with zero writes, naming both names; prod-sso and its domain stay', async () => {
      const { lc } = ctx
      const prodId = await prodPool(lc)
      lc.clearCalls()
      const r = await run(node, lc, {
        'pool-name': 'e2e-app-pr-5',
        'user-pool-id': prodId,
        mode: 'destroy',
        'deletion-protection': 'false',
      })
      expectExit(r, 1)
      expect(writeOperations(lc), 'writes').toEqual([])
      for (const op of operations(lc)) expect(READ_OPERATIONS, `${op} is a read`).toContain(op)
      const errors = r.errors.join('\n')
      expect(errors).toMatch(/user-pool-id/)
      expect(errors).toContain("'e2e-app-pr-5'")
      expect(errors).toContain("'e2e-prod-sso'")
      expect(errors, 'says nothing was deleted').toMatch(/nothing (was|is) deleted|not deleted|no change/i)
      expect((await describePool(lc, prodId)).Name).toBe('e2e-prod-sso')
      expect((await describeDomain(lc, 'e2e-prod-sso-login')).UserPoolId).toBe(prodId)
      expectNoStackTrace(r)
    })

    it('a domain input that is not the pool’s domain: refused with zero writes, naming both domains', async () => {
      const { lc } = ctx
      const prodId = await prodPool(lc)
      lc.clearCalls()
      const r = await run(node, lc, {
        'pool-name': 'e2e-prod-sso',
        'user-pool-id': prodId,
        domain: 'e2e-app-pr-5-login',
        mode: 'destroy',
        'deletion-protection': 'false',
      })
      expectExit(r, 1)
      expect(writeOperations(lc), 'writes').toEqual([])
      const errors = r.errors.join('\n')
      expect(errors).toMatch(/domain/)
      expect(errors).toContain('e2e-app-pr-5-login')
      expect(errors).toContain('e2e-prod-sso-login')
      expect((await describeDomain(lc, 'e2e-prod-sso-login')).UserPoolId).toBe(prodId)
    })

    it('plan-destroy with the mismatched user-pool-id lists nothing to delete and says why', async () => {
      const { lc } = ctx
      const prodId = await prodPool(lc)
      lc.clearCalls()
      const r = await run(node, lc, { 'pool-name': 'e2e-app-pr-5', 'user-pool-id': prodId, mode: 'plan-destroy', 'deletion-protection': 'false' })
      expect(writeOperations(lc)).toEqual([])
      const plan = parsePlan(r)
      expect(
        plan.steps.filter((s) => s.action === 'delete'),
        'no delete step for a pool the inputs do not name',
      ).toEqual([])
      expect(plan.problems.join('\n')).toContain("'e2e-prod-sso'")
    })

    it('apply with a user-pool-id whose pool has another name shows the rename as a line of its own in the plan', async () => {
      const { lc } = ctx
      const prodId = await prodPool(lc)
      lc.clearCalls()
      const r = await run(node, lc, { ...inputsFor('app-pr-5', { 'user-pool-id': prodId }), mode: 'plan' })
      expect(writeOperations(lc)).toEqual([])
      const pool = parsePlan(r).steps.find((s) => s.resource === 'pool')
      expect(pool, 'pool step').toBeDefined()
      const rename = pool?.changes.find((c) => c.before === 'e2e-prod-sso' && c.after === 'e2e-app-pr-5')
      expect(rename, `a change e2e-prod-sso → e2e-app-pr-5 in ${JSON.stringify(pool)}`).toBeDefined()
      // Its own line, in the log's plan and in the summary.
      const logLine = r.logLines.find((l) => l.includes('e2e-prod-sso') && l.includes('e2e-app-pr-5'))
      expect(logLine, 'a log line with both names').toBeDefined()
      expect(r.summary.split('\n').some((l) => l.includes('e2e-prod-sso') && l.includes('e2e-app-pr-5'))).toBe(true)
    })
  })

  // ---------------------------------------------------------------------------------------------------
  describe('case 2: https only, parsed, not prefix-matched', () => {
    const oidc = (issuer: string): string =>
      ['- name: Corp', '  type: oidc', `  issuer: ${issuer}`, '  client-id: corp-app', '  client-secret: corp-Secret-0e1f', '  scopes: [openid, email]'].join(
        '\n',
      )

    it('SAML metadata-url over plain http is refused before any AWS call', async () => {
      const { lc } = ctx
      const providers = ['- name: Okta', '  type: saml', '  metadata-url: http://idp.example.com/app/sso/saml/metadata'].join('\n')
      const r = await run(node, lc, inputsFor('saml-http', { 'federated-providers': providers }))
      expectRefusedBeforeAnyCall(r, lc, [/federated-providers: .*Okta/, /metadata-url/, /https/])
    })

    it.each([
      ['http://localhost:x@evil.example/', 'localhost:x@'],
      ['http://127.0.0.1:1@evil.example/', '127.0.0.1:1@'],
      ['https://user:pass@idp.example.com', 'user:pass@'],
    ])('OIDC issuer %s is refused before any AWS call, without printing its user information', async (issuer, userinfo) => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('issuer-userinfo', { 'federated-providers': oidc(issuer) }))
      expectRefusedBeforeAnyCall(r, lc, [/federated-providers: .*Corp/, /issuer/, /user|password|credential|https/i], [userinfo])
    })

    it('a loopback http issuer passes only behind the test-only switch (COGNITO_SSO_ISSUER_BASE_URL)', async () => {
      const { lc } = ctx
      // A loopback issuer that serves discovery (the fake IdP): AWS, and so the local Cognito, refuses an
      // OIDC provider whose issuer it cannot discover (docs/aws-behaviour.md AWSB-085).
      const idp = await startFakeIdp()
      try {
        const inputs = inputsFor('issuer-loopback', { 'federated-providers': oidc(idp.oidcIssuer) })
        const off = await run(node, lc, inputs, { env: { COGNITO_SSO_ISSUER_BASE_URL: undefined, COGNITO_SSO_HOSTED_UI_URL: undefined } })
        expectRefusedBeforeAnyCall(off, lc, [/federated-providers: .*Corp/, /issuer/, /https/])
        const on = await run(node, lc, inputs)
        expectExit(on, 0)
        expect(requestsOf(lc, 'CreateIdentityProvider').map((q) => q.ProviderDetails.oidc_issuer)).toEqual([idp.oidcIssuer])
      } finally {
        await idp.close()
      }
    })
  })

  // ---------------------------------------------------------------------------------------------------
  describe('case 3: files only from the workspace, regular, within the size AWS takes', () => {
    let base: string
    let workspace: string
    beforeEach(() => {
      base = mkdtempSync(join(tmpdir(), 'hostile-files-'))
      workspace = join(base, 'a', 'ws')
      mkdirSync(workspace, { recursive: true })
    })
    afterEach(() => {
      rmSync(base, { recursive: true, force: true })
    })

    const saml = (file: string): string => ['- name: Corp', '  type: saml', `  metadata-file: ${file}`].join('\n')
    const inWorkspace = (lc: LocalCognito, tag: string, file: string, timeoutMs = 30_000): Promise<RunResult> =>
      run(node, lc, inputsFor(tag, { 'federated-providers': saml(file) }), {
        env: { GITHUB_WORKSPACE: workspace },
        timeoutMs,
        ...(HAVE_PRLIMIT ? { wrap: MEMORY_CAP } : {}),
      })

    it('a symbolic link to a file outside the workspace is refused before any AWS call; its content is sent nowhere', async () => {
      const { lc } = ctx
      const outside = join(base, 'outside-metadata.xml')
      writeFileSync(outside, samlMetadata('https://outside.example.com/OUTSIDE-MARKER'))
      symlinkSync(outside, join(workspace, 'idp.xml'))
      const r = await inWorkspace(lc, 'file-outside', 'idp.xml')
      expectRefusedBeforeAnyCall(r, lc, [/federated-providers: .*Corp/, /metadata-file/, /workspace/i], ['OUTSIDE-MARKER'])
    })

    it('a symbolic link to a FIFO is refused at once (the run does not hang)', async () => {
      const { lc } = ctx
      const fifo = join(workspace, 'pipe')
      execFileSync('mkfifo', [fifo])
      symlinkSync(fifo, join(workspace, 'idp.xml'))
      const started = Date.now()
      const r = await inWorkspace(lc, 'file-fifo', 'idp.xml', 15_000)
      expect(r.exitCode, ENDED).not.toBeNull()
      expect(Date.now() - started).toBeLessThan(15_000)
      expectRefusedBeforeAnyCall(r, lc, [/metadata-file/, /regular file|not a file|fifo|pipe/i])
    })

    it.skipIf(!HAVE_PRLIMIT)('a symbolic link to /dev/zero is refused without reading it', async () => {
      const { lc } = ctx
      symlinkSync('/dev/zero', join(workspace, 'idp.xml'))
      const r = await inWorkspace(lc, 'file-zero', 'idp.xml', 20_000)
      expect(r.exitCode, ENDED).not.toBeNull()
      expectRefusedBeforeAnyCall(r, lc, [/metadata-file/, /regular file|not a file|workspace|device/i])
    })

    // AWS takes a ProviderDetails value (MetadataFile) of at most 131,072 characters: the model's StringType
    // (max 131072) is the value shape of ProviderDetailsType (tools/local-cognito/model/service-2.json).
    it('a metadata file over AWS’s 131,072-character limit is refused before any AWS call, naming the limit', async () => {
      const { lc } = ctx
      const padding = `<!-- ${'x'.repeat(140_000)} -->`
      writeFileSync(join(workspace, 'big.xml'), samlMetadata('https://big.example.com', padding))
      const r = await inWorkspace(lc, 'file-big', 'big.xml')
      expectRefusedBeforeAnyCall(r, lc, [/metadata-file/, /131[,. ]?072|128 ?KiB/i])
    })

    it.skipIf(!HAVE_PRLIMIT)('a 3 GiB (sparse) metadata file is refused by its size, before reading it', async () => {
      const { lc } = ctx
      const fd = openSync(join(workspace, 'huge.xml'), 'w')
      ftruncateSync(fd, 3 * 2 ** 30) // sparse: no disk used
      closeSync(fd)
      const r = await inWorkspace(lc, 'file-huge', 'huge.xml', 20_000)
      expect(r.exitCode, ENDED).not.toBeNull()
      expectRefusedBeforeAnyCall(r, lc, [/metadata-file/, /131[,. ]?072|128 ?KiB/i])
    })

    it('..\\..\\x never reads outside the workspace (Linux: the backslash is no separator)', async () => {
      const { lc } = ctx
      // Where Windows would resolve it from the workspace: two levels up.
      writeFileSync(join(base, 'x'), samlMetadata('https://outside.example.com/OUTSIDE-MARKER'))
      const missing = await inWorkspace(lc, 'file-backslash', '..\\..\\x')
      expectRefusedBeforeAnyCall(missing, lc, [/metadata-file/])
      expect(printed(missing)).not.toContain('OUTSIDE-MARKER')

      // A file of that literal name inside the workspace: either refused, or that file (and only it) is sent.
      writeFileSync(join(workspace, '..\\..\\x'), samlMetadata('https://inside.example.com/INSIDE-MARKER'))
      lc.clearCalls()
      const literal = await inWorkspace(lc, 'file-backslash', '..\\..\\x')
      const sent = JSON.stringify(requestsOf(lc, 'CreateIdentityProvider'))
      expect(sent).not.toContain('OUTSIDE-MARKER')
      if (literal.exitCode === 0) expect(sent).toContain('INSIDE-MARKER')
      else expectRefusedBeforeAnyCall(literal, lc, [/metadata-file/])
    })
  })

  // ---------------------------------------------------------------------------------------------------
  describe('case 4: secrets redacted the way the runner masks them', () => {
    const KEY_LINES = [
      '-----BEGIN PRIVATE KEY-----',
      'MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQgK3yL1neOne7Qx',
      'K3yL1neTwo9c2VjcmV0LWFwcGxlLWtleS1zZWNvbmQtbGluZS1vZi1pdA+Zz',
      'K3yL1neThree4dGhpcmQtbGluZQ==',
      '-----END PRIVATE KEY-----',
    ]
    const apple = [
      '- type: apple',
      '  client-id: com.example.web',
      '  team-id: TEAM123456',
      '  key-id: KEY1234567',
      '  private-key: |',
      ...KEY_LINES.map((l) => `    ${l}`),
      '  scopes: [email, name]',
    ].join('\n')

    it('AWS refuses the Apple key quoting one line of it: no line of the key in the summary, outputs, log or errors', async () => {
      const { lc } = ctx
      lc.faults.add({ operation: 'CreateIdentityProvider', kind: 'refuse-quoting', member: 'ProviderDetails.private_key', line: 2 })
      const r = await run(node, lc, inputsFor('apple-quoted', { 'federated-providers': apple }))
      expectExit(r, 1)
      expect(countOf(lc, 'CreateIdentityProvider'), 'one CreateIdentityProvider (refused)').toBe(1)
      expect(lc.calls.find((c) => c.operation === 'CreateIdentityProvider')?.error?.message, 'the local Cognito quoted the line').toContain(KEY_LINES[2])
      // The run still says where it stopped.
      expect(r.summary).toMatch(/Apply stopped/)
      expect(r.errors.join('\n')).toMatch(/SignInWithApple|CreateIdentityProvider/)
      const rawLog = r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      for (const line of KEY_LINES) {
        expect(r.summary, `summary shows '${line}'`).not.toContain(line)
        expect(rawLog, `log (before the runner's masking) shows '${line}'`).not.toContain(line)
        expect(r.stderr).not.toContain(line)
        for (const [name, value] of Object.entries(r.outputs)) expect(value, `output ${name} shows '${line}'`).not.toContain(line)
      }
    })
  })

  // ---------------------------------------------------------------------------------------------------
  describe('case 5: YAML read as strings where AWS wants strings', () => {
    // The OIDC cases need an issuer AWS can discover (AWSB-085): the fake IdP's, put in for ISSUER.
    let idp: Awaited<ReturnType<typeof startFakeIdp>>
    beforeAll(async () => {
      idp = await startFakeIdp()
    })
    afterAll(async () => {
      await idp.close()
    })
    const ISSUER = 'ISSUER'
    const cases: { label: string; yaml: string[]; member: string; exact: string; secret?: boolean }[] = [
      {
        label: 'client-id: 0123',
        yaml: ['- name: Corp', '  type: oidc', `  issuer: ${ISSUER}`, '  client-id: 0123', '  client-secret: s3cret-Value-x', '  scopes: [openid]'],
        member: 'client_id',
        exact: '0123',
      },
      {
        label: 'key-id: 1234E56789',
        yaml: [
          '- type: apple',
          '  client-id: com.example.web',
          '  team-id: TEAM123456',
          '  key-id: 1234E56789',
          '  private-key: "-----BEGIN PRIVATE KEY-----\\nMIGTAgEAMBMGByqGSM49\\n-----END PRIVATE KEY-----"',
          '  scopes: [email]',
        ],
        member: 'key_id',
        exact: '1234E56789',
      },
      {
        label: 'client-secret: 0x1F',
        yaml: ['- name: Corp', '  type: oidc', `  issuer: ${ISSUER}`, '  client-id: corp-app', '  client-secret: 0x1F', '  scopes: [openid]'],
        member: 'client_secret',
        exact: '0x1F',
        secret: true,
      },
      {
        label: 'a 17-digit client ID',
        yaml: ['- type: google', '  client-id: 12345678901234567', '  client-secret: g-Secret-1234', '  scopes: [openid, email]'],
        member: 'client_id',
        exact: '12345678901234567',
      },
    ]

    it.each(cases)('$label reaches CreateIdentityProvider exactly, or is refused with line and column and never the value', async (c) => {
      const { lc } = ctx
      const yaml = c.yaml.map((line) => line.replace(`issuer: ${ISSUER}`, `issuer: ${idp.oidcIssuer}`))
      const r = await run(node, lc, inputsFor('yaml-number', { 'federated-providers': yaml.join('\n') }))
      if (r.exitCode === 0) {
        const sent = requestsOf(lc, 'CreateIdentityProvider')
        expect(sent).toHaveLength(1)
        expect(sent[0].ProviderDetails[c.member], `${c.member} as sent`).toBe(c.exact)
        if (c.secret) expect(r.masks).toContain(c.exact)
      } else {
        expectRefusedBeforeAnyCall(r, lc, [/federated-providers/, /line \d+/, /column \d+/])
        const shown = [...r.errors, ...r.warnings, r.summary].join('\n')
        expect(shown, 'the refusal never quotes the value').not.toContain(c.exact)
      }
    })
  })

  // ---------------------------------------------------------------------------------------------------
  describe('case 6: empty and missing secrets refused before any call', () => {
    it.each([
      [
        'client-secret: (empty)',
        ['- name: Corp', '  type: oidc', '  issuer: https://idp.example.com', '  client-id: corp-app', '  client-secret:', '  scopes: [openid]'],
        'Corp',
      ],
      ['client-secret: ~', ['- type: google', '  client-id: g-app.apps.googleusercontent.com', '  client-secret: ~', '  scopes: [openid, email]'], 'Google'],
      ["client-secret: ''", ['- type: facebook', '  client-id: fb-app', "  client-secret: ''", '  scopes: [public_profile, email]'], 'Facebook'],
    ])('%s is refused naming the provider and the key, with zero AWS calls', async (_label, yaml, provider) => {
      const { lc } = ctx
      const r = await run(node, lc, inputsFor('empty-secret', { 'federated-providers': yaml.join('\n') }))
      expectRefusedBeforeAnyCall(r, lc, [new RegExp(`federated-providers: .*${provider}`), /client-secret/, /empty|missing|required|no value/i])
      expect(await poolIdsNamed(lc, 'e2e-empty-secret')).toEqual([])
    })
  })
})
