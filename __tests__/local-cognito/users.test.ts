import { AdminCreateUserCommand, AdminGetUserCommand, CreateUserPoolCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalCognito } from '../../tools/local-cognito/server.js'
import { failure, sdk, type LocalCognito } from './helpers.js'

let lc: LocalCognito
beforeAll(async () => {
  lc = await startLocalCognito({ port: 0 })
})
afterAll(async () => {
  await lc.close()
})

describe('local Cognito: users', () => {
  it('an email-username pool: email as Username (a sub is the user name), UsernameExistsException, ListUsers filter and paging', async () => {
    const made = await sdk(lc).send(new CreateUserPoolCommand({ PoolName: 'u', UsernameAttributes: ['email'] }))
    const UserPoolId = made.UserPool?.Id
    const bad = await failure(sdk(lc).send(new AdminCreateUserCommand({ UserPoolId, Username: 'alice' })))
    expect(bad.name).toBe('InvalidParameterException')
    const created = await sdk(lc).send(new AdminCreateUserCommand({ UserPoolId, Username: 'alice@example.com', DesiredDeliveryMediums: ['EMAIL'] }))
    expect(created.User?.Username).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.User?.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
    const again = await failure(sdk(lc).send(new AdminCreateUserCommand({ UserPoolId, Username: 'alice@example.com' })))
    expect(again.name).toBe('UsernameExistsException')
    expect((await sdk(lc).send(new AdminGetUserCommand({ UserPoolId, Username: 'alice@example.com' }))).Username).toBe(created.User?.Username)
    for (const n of [1, 2]) await sdk(lc).send(new AdminCreateUserCommand({ UserPoolId, Username: `u${n}@example.com` }))
    const page1 = await sdk(lc).send(new ListUsersCommand({ UserPoolId, Limit: 2 }))
    const page2 = await sdk(lc).send(new ListUsersCommand({ UserPoolId, Limit: 2, PaginationToken: page1.PaginationToken }))
    expect([page1.Users?.length, page2.Users?.length, page2.PaginationToken]).toEqual([2, 1, undefined])
    const filtered = await sdk(lc).send(new ListUsersCommand({ UserPoolId, Filter: 'email = "u2@example.com"' }))
    expect(filtered.Users?.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value)).toEqual(['u2@example.com'])
  })
})
