// The user pool's AWS calls, through the port: its finder, read, create, update and delete.
import type { CreateUserPoolRequest, UpdateUserPoolRequest, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../aws/port.js'
import { millis } from '../shared/run-token.js'

/** A pool as ListUserPools names it. */
export interface ListedPool {
  id: string
  /** Epoch milliseconds; 0 when AWS gave none. */
  created: number
}

/** Every pool named exactly `name`, with its creation date, across all pages. */
export async function listPoolsNamed(port: CognitoPort, name: string): Promise<ListedPool[]> {
  const pools = await port.list('ListUserPools', {}, `user pools named '${name}'`)
  return pools.filter((p) => p.Name === name && p.Id).map((p) => ({ id: p.Id ?? '', created: millis(p.CreationDate) }))
}

/** IDs of every pool named exactly `name`, across all pages. */
export async function findPoolIds(port: CognitoPort, name: string): Promise<string[]> {
  return (await listPoolsNamed(port, name)).map((p) => p.id)
}

/** The described pool, or undefined when it does not exist. */
export async function describePool(port: CognitoPort, userPoolId: string): Promise<UserPoolType | undefined> {
  return (await port.find('DescribeUserPool', { UserPoolId: userPoolId }, `user pool ${userPoolId}`, ['UserPool']))?.UserPool
}

/** Creates the pool and returns it as AWS describes it; an answer without its ID is an unknown outcome (the caller looks again). */
export async function createPoolCall(port: CognitoPort, request: CreateUserPoolRequest): Promise<UserPoolType> {
  const out = await port.call('CreateUserPool', request, `user pool '${request.PoolName}'`, ['UserPool.Id'])
  return out.UserPool
}

export async function updatePool(port: CognitoPort, request: UpdateUserPoolRequest, name: string): Promise<void> {
  await port.call('UpdateUserPool', request, `user pool '${name}'`)
}

/** Deletes a pool (destroy, or an extra this run created); one already gone is no error. */
export async function deletePool(port: CognitoPort, userPoolId: string, name: string): Promise<void> {
  await port.find('DeleteUserPool', { UserPoolId: userPoolId }, `user pool '${name}'`)
}

/** Whether the pool exports user-activity logs (userAuthEvents), which need the Plus plan (AWSB-157); a pool without a log configuration does not. */
export async function exportsUserActivity(port: CognitoPort, userPoolId: string): Promise<boolean> {
  const out = await port.find('GetLogDeliveryConfiguration', { UserPoolId: userPoolId }, `the log export of user pool ${userPoolId}`)
  return (out?.LogDeliveryConfiguration?.LogConfigurations ?? []).some((c) => c.EventSource === 'userAuthEvents')
}
