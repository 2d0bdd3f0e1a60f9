// AcrConfiguration and DcrConfiguration (newer than the botocore snapshot, known to the bundled SDK) survive a pool update.
import { describe, expect, it } from 'vitest'
import { NODE, describePool, expectExit, inputsFor, poolIdsNamed, run, withLc } from './helpers.js'

describe('members newer than the model snapshot', () => {
  it('a pool update carries AcrConfiguration and DcrConfiguration set by hand', async () => {
    await withLc({}, async (lc) => {
      const inputs = inputsFor('acr')
      expectExit(await run(NODE, lc, inputs), 0)
      const [poolId = ''] = await poolIdsNamed(lc, inputs['pool-name'] ?? '')
      const acr = { mfa: { AcrValue: 'urn:example:acr:mfa' } }
      const dcr = { EnableStatus: 'Enabled', OpenDcrEnabled: false, AuthenticatedGrantTypes: ['code'] }
      const described = await describePool(lc, poolId)
      await lc.invoke('UpdateUserPool', {
        UserPoolId: poolId,
        AutoVerifiedAttributes: described.AutoVerifiedAttributes,
        DeletionProtection: 'ACTIVE',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        AcrConfiguration: acr,
        DcrConfiguration: dcr,
      })
      // deletion-protection: false makes the action send UpdateUserPool (read-merge-write).
      expectExit(await run(NODE, lc, { ...inputs, 'deletion-protection': 'false' }), 0)
      expect(lc.calls.filter((c) => c.operation === 'UpdateUserPool').at(-1)?.request).toMatchObject({
        AcrConfiguration: acr,
        DcrConfiguration: dcr,
        DeletionProtection: 'INACTIVE',
      })
      expect((await describePool(lc, poolId)).AcrConfiguration).toEqual(acr)
      expect((await describePool(lc, poolId)).DcrConfiguration).toEqual(dcr)
    })
  })
})
