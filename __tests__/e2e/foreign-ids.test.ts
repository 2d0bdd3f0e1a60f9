// IDs of pools that are not ours never appear in clear; hostile names that exist in AWS (managed
// through user-pool-id / client-name) print no workflow command and no live markdown.
import { describe, expect, it } from 'vitest'
import { markdownProblems } from '../support/gfm.js'
import { NODES, expectExit, expectNoIdsInClear, inputsFor, parsePlan, run, seedSsoPool, useLocalCognito } from './helpers.js'

describe.each(NODES)('foreign pool IDs and hostile AWS names under %s', (_label, node) => {
  const ctx = useLocalCognito()

  it('two pools with the same name: the problem names no ID, and the IDs are masked', async () => {
    const { lc } = ctx
    const inputs = inputsFor('twins', { 'mask-outputs': 'false' })
    const ids = [await seedSsoPool(lc, inputs['pool-name'] ?? ''), await seedSsoPool(lc, inputs['pool-name'] ?? '')]
    const r = await run(node, lc, inputs)
    expectExit(r, 1)
    for (const id of ids) expect(r.masks).toContain(id)
    expect(parsePlan(r).problems[0]).toContain('set user-pool-id to the ID')
    await expectNoIdsInClear(r, lc)
  })

  it("a domain prefix owned by another pool: that pool's ID is never printed", async () => {
    const { lc } = ctx
    const inputs = inputsFor('taken')
    const other = await seedSsoPool(lc, 'someone-else')
    await lc.invoke('CreateUserPoolDomain', { UserPoolId: other, Domain: inputs.domain })
    const r = await run(node, lc, { ...inputs, mode: 'plan' })
    expectExit(r, 1)
    expect(r.masks).toContain(other)
    expect(parsePlan(r).problems.join('\n')).toContain('another user pool in this account')
    await expectNoIdsInClear(r, lc)
  })

  // AWS's name pattern [\w\s+=,.@-]+ lets CR, LF, TAB, VT and FF, @ and dots through.
  it.each(['ZQa\r\n\r\nwww.evil.example @malloryZQ', 'ZQx\n\n_e_ __s__ 1.2ZQ', 'ZQa\r@mallory\rbZQ', 'ZQok\vx\fy\tzZQ', 'ZQmail@evil.example\n+=,.-ZQ'])(
    'a pool with the hostile name %j, managed through user-pool-id',
    async (name) => {
      const { lc } = ctx
      const poolId = await seedSsoPool(lc, name)
      const r = await run(node, lc, { ...inputsFor('hostile'), 'user-pool-id': poolId, mode: 'plan' })
      expectExit(r, 0)
      // Every workflow command on stdout is one the action meant.
      for (const line of r.stdout.split(/\r\n|\r|\n/)) {
        if (line.includes('##[')) throw new Error(`##[ on stdout: ${line}`)
        const command = /^\s*::([a-z-]+)/.exec(line)?.[1]
        if (command) expect(['add-mask', 'debug', 'warning', 'error', 'set-output', 'group', 'endgroup']).toContain(command)
      }
      expect(r.masks).toEqual(expect.arrayContaining([poolId]))
      expect(r.summary).toContain(`\`e2e-hostile-client\``)
      // The name is shown escaped in a code span: no raw line break from it, no mention outside code.
      const heading = r.summary.split('\n')[0] ?? ''
      expect(heading.startsWith('## Cognito SSO plan: `')).toBe(true)
      expect(r.summary).not.toMatch(/\r/)
      expect(r.summary.replace(/`[^`\n]*`/g, '')).not.toMatch(/@mallory|www\.evil/)
      // Parsed as GitHub parses it: no link, mention, HTML, emphasis or broken table from the name.
      expect(markdownProblems(r.summary)).toEqual([])
      await expectNoIdsInClear(r, lc)
    },
  )
})
