// tools/local-aws-cli.js, the `aws` of the integration replay: the CLI's option names and value types come
// from AWS's model, as the CLI derives them; --query and --output as the CLI prints them; errors as the CLI
// reports them (exit 254 for a service error, 252 for a usage error); Route 53 changes checked and recorded.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyQuery, cliName, cognitoRequest, render } from '../../tools/local-aws-cli.js'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { localCognitoEnv } from '../../tools/local-env.js'

const ROOT = join(import.meta.dirname, '..', '..')
const model = JSON.parse(readFileSync(join(ROOT, 'tools/local-cognito/model/service-2.json'), 'utf8'))

function aws(env: Record<string, string | undefined>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'tools/local-aws-cli.js'), ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) =>
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
    )
  })
}

describe('tools/local-aws-cli.js', () => {
  it('names options as the CLI does and converts values by the model', () => {
    expect(cliName('UserPoolId')).toBe('user-pool-id')
    expect(cliName('MFAOptions')).toBe('mfa-options')
    expect(
      cognitoRequest(model, 'CreateUserPool', [
        '--pool-name',
        'p',
        '--user-pool-tags',
        'integration-run=1-1,b=c',
        '--auto-verified-attributes',
        'email',
        'phone_number',
        '--policies',
        '{"PasswordPolicy":{"MinimumLength":12}}',
      ]),
    ).toEqual({
      PoolName: 'p',
      UserPoolTags: { 'integration-run': '1-1', b: 'c' },
      AutoVerifiedAttributes: ['email', 'phone_number'],
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
    })
    expect(cognitoRequest(model, 'ListUserPools', ['--max-results', '60'])).toEqual({ MaxResults: 60 })
    expect(cognitoRequest(model, 'UpdateUserPoolClient', ['--no-allowed-o-auth-flows-user-pool-client'])).toEqual({ AllowedOAuthFlowsUserPoolClient: false })
    expect(() => cognitoRequest(model, 'CreateUserPool', ['--pool-nme', 'p'])).toThrow('unrecognized arguments: --pool-nme')
    expect(() => cognitoRequest(model, 'CreateUserPool', ['--policies', 'PasswordPolicy={MinimumLength=12}'])).toThrow(/only as JSON/)
  })

  it('--query paths and --output text / json', () => {
    const answer = { UserPool: { Id: 'us-east-1_x', Tags: { a: 'b' } }, UserPools: [{ Id: '1' }, { Id: '2' }] }
    expect(render(applyQuery(answer, 'UserPool.Id'), 'text')).toBe('us-east-1_x')
    expect(render(applyQuery(answer, 'UserPools[1].Id'), 'text')).toBe('2')
    expect(render(applyQuery(answer, 'UserPool.Nope'), 'text')).toBe('None')
    expect(JSON.parse(render(applyQuery(answer, 'UserPool.Tags'), 'json'))).toEqual({ a: 'b' })
    expect(() => applyQuery(answer, 'UserPools[?Id==`1`]')).toThrow(/supports --query paths like UserPool.Id only/)
  })

  it('runs cognito-idp calls against the local Cognito; a service error exits 254 as the CLI does', async () => {
    const lc = await startLocalCognito({ port: 0 })
    try {
      const env = localCognitoEnv(lc)
      const made = await aws(env, ['cognito-idp', 'create-user-pool', '--pool-name', 'by-hand', '--query', 'UserPool.Id', '--output', 'text'])
      expect(made.code, made.stderr).toBe(0)
      const id = made.stdout.trim()
      expect((await lc.invoke('DescribeUserPool', { UserPoolId: id })).UserPool.Name).toBe('by-hand')
      expect(await aws(env, ['cognito-idp', 'delete-user-pool', '--user-pool-id', id])).toMatchObject({ code: 0, stdout: '' })
      const gone = await aws(env, ['cognito-idp', 'describe-user-pool', '--user-pool-id', id])
      expect(gone.code).toBe(254)
      expect(gone.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the DescribeUserPool operation')
      expect((await aws(env, ['sts', 'get-caller-identity'])).code).toBe(252)
    } finally {
      await lc.close()
    }
  })

  it('Route 53: records an UPSERT, refuses to DELETE a record that is not there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-aws-cli-'))
    try {
      const env = { LOCAL_AWS_CLI_LOG: join(dir, 'log.jsonl') }
      const batch = (action: string, target = 'd111.cloudfront.net'): string =>
        JSON.stringify({
          Changes: [
            {
              Action: action,
              ResourceRecordSet: {
                Name: 'auth.it.example.com',
                Type: 'A',
                AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: target, EvaluateTargetHealth: false },
              },
            },
          ],
        })
      const deleteFirst = await aws(env, ['route53', 'change-resource-record-sets', '--hosted-zone-id', 'Z1', '--change-batch', batch('DELETE')])
      expect(deleteFirst.code).toBe(254)
      expect(deleteFirst.stderr).toContain('InvalidChangeBatch')
      const upsert = await aws(env, [
        'route53',
        'change-resource-record-sets',
        '--hosted-zone-id',
        'Z1',
        '--change-batch',
        batch('UPSERT'),
        '--query',
        'ChangeInfo.Id',
        '--output',
        'text',
      ])
      expect(upsert).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\/change\/C\d+LOCAL\n$/) })
      expect((await aws(env, ['route53', 'wait', 'resource-record-sets-changed', '--id', upsert.stdout.trim()])).code).toBe(0)
      expect(
        (await aws(env, ['route53', 'change-resource-record-sets', '--hosted-zone-id', 'Z1', '--change-batch', batch('DELETE', 'other.cloudfront.net')])).code,
      ).toBe(254)
      expect((await aws(env, ['route53', 'change-resource-record-sets', '--hosted-zone-id', 'Z1', '--change-batch', batch('DELETE')])).code).toBe(0)
      expect(readFileSync(env.LOCAL_AWS_CLI_LOG, 'utf8').trim().split('\n')).toHaveLength(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
