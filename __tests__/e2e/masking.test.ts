// Masking: IDs registered before they are printed, never in the log, the summary or job outputs;
// and the job summary every run writes.
import { describe, expect, it } from 'vitest'
import { jobOutputs } from '../../tools/run-action.js'
import { NODES, expectExit, idsOf, inputsFor, parsePlan, poolIdsNamed, run, useLocalCognito, type RunResult } from './helpers.js'

const ID_OUTPUTS = ['user-pool-id', 'user-pool-arn', 'client-id', 'issuer', 'jwks-uri']
const PUBLIC_OUTPUTS = ['domain', 'hosted-ui-url', 'cloudfront-domain', 'changed', 'plan']
const ALL_OUTPUTS = [...ID_OUTPUTS, ...PUBLIC_OUTPUTS].sort()

/** Each secret's ::add-mask:: comes before every other stdout line that contains it (the runner masks from then on). */
function expectMaskedBeforeUse(result: RunResult, secrets: string[]): void {
  const lines = result.stdout.split('\n')
  for (const secret of secrets) {
    const maskAt = lines.indexOf(`::add-mask::${secret}`)
    expect(maskAt, `::add-mask:: for ${secret}`).toBeGreaterThanOrEqual(0)
    const firstUse = lines.findIndex((line) => line.includes(secret))
    expect(firstUse, `first stdout line containing ${secret}:\n${lines[firstUse] ?? ''}`).toBe(maskAt)
  }
}

describe.each(NODES)('masking under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('masks the pool ID, pool ARN and client ID before printing them, and keeps them out of job outputs', async () => {
    const { lc } = ctx
    // verify prints the issuer URLs (which contain the pool ID) after the IDs exist.
    const inputs = inputsFor('masked', { verify: 'true' })
    for (const [i, step] of ['create', 'no-change'].entries()) {
      const r = await run(node, lc, inputs)
      expectExit(r, 0)
      expect(r.outputs.changed, step).toBe(i === 0 ? 'true' : 'false')
      const { poolId, poolArn, clientId } = idsOf(r)
      const secrets = [poolId, poolArn, clientId]
      expect(r.masks, step).toEqual(expect.arrayContaining(secrets))
      expectMaskedBeforeUse(r, secrets)
      // The IDs were printed (so masking mattered) ...
      expect(r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::') && l.includes(poolId)).length, step).toBeGreaterThan(0)
      // ... and the runner shows none of them.
      for (const line of r.logLines) {
        for (const secret of secrets) expect(line, step).not.toContain(secret)
      }
      expect(r.summary, step).not.toBe('')
      for (const secret of secrets) expect(r.summary, step).not.toContain(secret)
      for (const secret of secrets) expect(r.outputs.plan, step).not.toContain(secret)

      const kept = jobOutputs(r.outputs, r.masks)
      expect(kept.domain, step).toBe(inputs.domain)
      expect(kept['hosted-ui-url'], step).toBe(`${lc.url}/_domain/${inputs.domain}`)
      expect(kept.changed, step).toBe(r.outputs.changed)
      expect(kept.plan, step).toBe(r.outputs.plan)
      expect(kept, step).not.toHaveProperty('user-pool-id')
      expect(kept, step).not.toHaveProperty('user-pool-arn')
      expect(kept, step).not.toHaveProperty('client-id')
      expect(kept, step).not.toHaveProperty('issuer')
      expect(kept, step).not.toHaveProperty('jwks-uri')
    }
  })

  // Regression (fixed in 1f8987d): the new pool ID was registered only after the whole apply, so a
  // later step's error that names the pool printed it in clear. Here Cognito refuses the client
  // ("The provider Google does not exist for User Pool <id>").
  it('masks a pool it just created even when a later step fails', async () => {
    const { lc } = ctx
    // An undeclared provider is now refused before any write, so the later failure is a server error.
    const inputs = inputsFor('leaky')
    lc.faults.add({ operation: 'CreateUserPoolClient', kind: 'server-error', times: 10 })
    const r = await run(node, lc, inputs)
    expectExit(r, 1)
    const [poolId = ''] = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
    expect(poolId).toMatch(/^us-east-1_/)
    expect(r.errors.join('\n')).toContain('CreateUserPoolClient')
    expectMaskedBeforeUse(r, [poolId])
    for (const line of r.logLines) expect(line).not.toContain(poolId)
    // The failed apply still writes a summary that says what was done, without the ID.
    expect(r.summary).toContain('Apply stopped')
    expect(r.summary).toContain(`user pool '${inputs['pool-name']}' created`)
    expect(r.summary).toContain('| Resource | Name | Action |')
    expect(r.summary).not.toContain(poolId)
  })

  it('with mask-outputs: false registers no mask and every output reaches the job', async () => {
    const { lc } = ctx
    const r = await run(node, lc, inputsFor('unmasked', { 'mask-outputs': 'false' }))
    expectExit(r, 0)
    expect(r.masks).toEqual([])
    expect(Object.keys(r.outputs).sort()).toEqual(ALL_OUTPUTS)
    expect(jobOutputs(r.outputs, r.masks)).toEqual(r.outputs)
    // The hand-off table shows the values themselves.
    const { poolId, clientId } = idsOf(r)
    expect(r.summary).toContain(`| Client ID | \`${clientId}\` |`)
    expect(r.summary).toContain(`| User Pool ID | \`${poolId}\` |`)
    expect(r.summary).toContain(`| Authority (issuer) | \`${lc.url}/${poolId}\` |`)
  })
})

describe.each(NODES)('job summary under %s', (_label, node) => {
  const ctx = useLocalCognito()

  const expectResourceTable = (summary: string, inputs: Record<string, string>, action: string): void => {
    expect(summary).toContain('| Resource | Name | Action |')
    expect(summary).toContain(`| user pool | \`${inputs['pool-name']}\` | ${action} |`)
    expect(summary).toContain(`| domain | \`${inputs.domain}\` | ${action} |`)
    expect(summary).toContain(`| app client | \`${inputs['pool-name']}-client\` | ${action} |`)
  }

  it('plan and apply each write one summary with the resource table; apply ends with the OpenMetadata / Collate values', async () => {
    const { lc } = ctx
    const inputs = inputsFor('summary')

    const planned = await run(node, lc, { ...inputs, mode: 'plan' })
    expectExit(planned, 0)
    expect(planned.summary.match(/^## Cognito SSO /gm)).toHaveLength(1)
    expect(planned.summary).toContain(`## Cognito SSO plan: \`${inputs['pool-name']}\` in \`us-east-1\``)
    expect(planned.summary).toContain('3 of 3 resources would change when applied.')
    expectResourceTable(planned.summary, inputs, '**create**')
    expect(planned.summary).not.toContain('OpenMetadata')

    const applied = await run(node, lc, inputs)
    expectExit(applied, 0)
    expect(applied.summary.match(/^## Cognito SSO /gm)).toHaveLength(1)
    expect(applied.summary).toContain(`## Cognito SSO apply: \`${inputs['pool-name']}\` in \`us-east-1\``)
    expectResourceTable(applied.summary, inputs, '**create**')
    const handoff = applied.summary.slice(applied.summary.lastIndexOf('\n### '))
    expect(handoff.startsWith('\n### For the application (OpenMetadata / Collate)')).toBe(true)
    expect(handoff).toContain('| Client ID | *(masked: step output `client-id`)* |')
    expect(handoff).toContain('| User Pool ID | *(masked: step output `user-pool-id`)* |')
    expect(handoff).toContain('| Authority (issuer) | *(masked: step output `issuer`)* |')
    expect(handoff).toContain('| JWKS URL | *(masked: step output `jwks-uri`)* |')
    expect(handoff).toContain(`| Callback URL | \`${inputs['callback-urls']}\` |`)
    expect(applied.summary.trimEnd().endsWith(`| Hosted UI | \`${lc.url}/_domain/${inputs.domain}\` |`)).toBe(true)

    const again = await run(node, lc, inputs)
    expectExit(again, 0)
    expect(parsePlan(again).changed).toBe(false)
    expect(again.summary).toContain('No changes: AWS already matches the inputs.')
    expectResourceTable(again.summary, inputs, 'no change')
    expect(again.summary).toContain('### For the application (OpenMetadata / Collate)')
  })
})
