// The app client's AWS calls, through the port: its finder, read, create (converging), update, delete.
import type { CreateUserPoolClientRequest, UpdateUserPoolClientRequest, UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import { converge, type CreateContext } from '../shared/converge.js'
import { byAge, millis } from '../shared/run-token.js'

/** IDs of every app client named exactly `name` in the pool, across all pages, and how many clients the pool has. */
export async function findClients(port: CognitoPort, userPoolId: string, name: string): Promise<{ ids: string[]; total: number }> {
  // A pool that does not exist has no clients; the pool's observe reports the missing pool itself.
  const clients = await port.list('ListUserPoolClients', { UserPoolId: userPoolId }, `app clients named '${name}'`, { notFound: 'empty' })
  return { ids: clients.flatMap((c) => (c.ClientName === name && c.ClientId ? [c.ClientId] : [])), total: clients.length }
}

/** IDs of every app client named exactly `name` in the pool, across all pages. */
export async function findClientIds(port: CognitoPort, userPoolId: string, name: string): Promise<string[]> {
  return (await findClients(port, userPoolId, name)).ids
}

export async function describeClient(port: CognitoPort, userPoolId: string, clientId: string, name: string): Promise<UserPoolClientType | undefined> {
  const out = await port.find('DescribeUserPoolClient', { UserPoolId: userPoolId, ClientId: clientId }, `app client '${name}'`, ['UserPoolClient'])
  return out?.UserPoolClient
}

/** Creates an app client; a confidential client's secret comes back with its ID (only at creation). */
export async function createClientCall(port: CognitoPort, request: CreateUserPoolClientRequest): Promise<{ id: string; secret?: string }> {
  const requires = request.GenerateSecret ? (['UserPoolClient.ClientId', 'UserPoolClient.ClientSecret'] as const) : (['UserPoolClient.ClientId'] as const)
  const out = await port.call('CreateUserPoolClient', request, `app client '${request.ClientName}'`, requires)
  const secret = out.UserPoolClient.ClientSecret
  return { id: out.UserPoolClient.ClientId ?? '', ...(secret ? { secret } : {}) }
}

export async function updateClient(port: CognitoPort, request: UpdateUserPoolClientRequest, name: string): Promise<void> {
  await port.call('UpdateUserPoolClient', request, `app client '${name}'`)
}

/** Deletes an app client (destroy, replace, or an extra this run created); one already gone is no error. */
export async function deleteClient(port: CognitoPort, userPoolId: string, clientId: string, name: string): Promise<void> {
  await port.find('DeleteUserPoolClient', { UserPoolId: userPoolId, ClientId: clientId }, `app client '${name}'`)
}

export interface ClientCreateOptions {
  /** Clients of that name that are not candidates (the client being replaced). */
  exclude?: string[]
  /** Hears a confidential client's secret as soon as it is known, before anything can print it. */
  secret?: (value: string) => void
}

/**
 * Creates the app client and returns the one this run goes on with: the oldest client of that name in
 * the pool (less `exclude`), with its secret when it has one (from the create's answer, or described
 * when adopted). The clients of that name are described only when there are several. An answer lost on create is followed by a look by name before trying again; a client
 * this run created that lost to an older one is deleted.
 */
export async function createClientWithSecret(
  ctx: CreateContext,
  request: CreateUserPoolClientRequest,
  options: ClientCreateOptions = {},
): Promise<{ id: string; secret?: string }> {
  const poolId = request.UserPoolId ?? ''
  const name = request.ClientName ?? ''
  const exclude = options.exclude ?? []
  const candidates = async (): Promise<string[]> => (await findClientIds(ctx.port, poolId, name)).filter((id) => !exclude.includes(id))
  const outcome = await converge(ctx, {
    create: async () => {
      const made = await createClientCall(ctx.port, request)
      if (made.secret) options.secret?.(made.secret)
      return made
    },
    lost: (error) => `CreateUserPoolClient: ${error.message.split('. ')[0]}; looking for the app client by name before trying again`,
    look: async () => ((await candidates()).length > 0 ? true : undefined),
  })
  if ('found' in outcome) ctx.note(`App client '${name}': found it; continuing with it`)
  const mine = 'created' in outcome ? outcome.created : undefined
  const ids = await candidates()
  // The only client of that name is the one just created (its ID and secret are in the answer): it won.
  if (mine && ids.length === 1 && ids[0] === mine.id) return mine
  const described = (await Promise.all(ids.map((id) => describeClient(ctx.port, poolId, id, name)))).filter((c): c is UserPoolClientType => c !== undefined)
  for (const c of described) if (c.ClientSecret) options.secret?.(c.ClientSecret)
  described.sort(
    byAge(
      (c) => millis(c.CreationDate),
      (c) => c.ClientId ?? '',
    ),
  )
  const oldest = described[0]
  const winner = oldest?.ClientId ?? mine?.id
  if (!winner) throw new Error(`app client '${name}' was created but is not listed by ListUserPoolClients; run the action again`)
  if (mine && mine.id !== winner && described.some((c) => c.ClientId === mine.id)) {
    await deleteClient(ctx.port, poolId, mine.id, name)
    ctx.note(`App client '${name}': deleted the extra client this run had created (another run created one first); kept the oldest`)
  }
  const secret = winner === mine?.id ? mine.secret : oldest?.ClientSecret
  return { id: winner, ...(secret ? { secret } : {}) }
}
