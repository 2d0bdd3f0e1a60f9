// The federation tests' entry points, re-pointed at the resources and the engine: observing the two
// federation resources of a pool, and applying only their steps with the engine's apply.
import type { IdentityProviderType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../../src/aws/port.js'
import { apply } from '../../src/engine/apply.js'
import type { Desired, Observed, ObservedProvider, ObservedResourceServer, Plan, Step } from '../../src/model/types.js'
import { identityProvider } from '../../src/resources/identity-provider/index.js'
import type { Described, ObserveContext } from '../../src/resources/resource.js'
import { resourceServer } from '../../src/resources/resource-server/index.js'
import { observedPool } from './state.js'

/** The identity providers and resource servers of pool `poolId` as the two resources observe them. */
export async function observeFederation(
  port: CognitoPort,
  desired: Desired,
  poolId: string,
  secret: (value: string) => void,
): Promise<{
  providerNames?: string[]
  providers?: ObservedProvider[]
  resourceServers?: ObservedResourceServer[]
  raw: { providers: Map<string, IdentityProviderType> }
}> {
  const observed: Observed = { matchingPoolIds: [poolId], matchingClientIds: [] }
  const described: Described = {}
  const ctx: ObserveContext = {
    port,
    desired,
    destroying: false,
    location: { poolIds: [poolId], poolId },
    observed,
    described,
    after: async () => {},
    ready: () => {},
    found: () => {},
    secret,
  }
  await Promise.all([identityProvider.observe?.(ctx), resourceServer.observe?.(ctx)])
  const { providerNames, providers, resourceServers } = observed
  return {
    ...(providerNames ? { providerNames } : {}),
    ...(providers ? { providers } : {}),
    ...(resourceServers ? { resourceServers } : {}),
    raw: { providers: described.providers ?? new Map() },
  }
}

/** The provider and resource-server steps of `plan`, written by the engine's apply into pool `poolId`. */
export async function applyFederation(
  port: CognitoPort,
  plan: Plan,
  desired: Desired,
  raw: { providers: Map<string, IdentityProviderType> },
  poolId: string,
  done: (step: Step) => void,
  retry: { attempts?: number; sleep?: (ms: number) => Promise<void>; note?: (message: string) => void } = {},
): Promise<void> {
  const steps = plan.steps.filter((s) => (s.resource === 'provider' || s.resource === 'resource-server') && s.action !== 'no-op')
  const observed: Observed = { matchingPoolIds: [poolId], matchingClientIds: [], pool: observedPool({ id: poolId }) }
  await apply(port, desired, { ...plan, steps }, { observed, described: { providers: raw.providers } }, { done, ...retry })
}
