// The registry: every resource the action manages, in dependency order (each after what it depends on).
// The plan lists their steps in this order; apply starts each as soon as what it depends on is done;
// destroy walks the same graph reversed. Adding a resource is one line here.
import { branding } from './branding/index.js'
import { client } from './client/index.js'
import { domain } from './domain/index.js'
import { identityProvider } from './identity-provider/index.js'
import { pool } from './pool/index.js'
import { poolMfa } from './pool-mfa/index.js'
import type { Resource } from './resource.js'
import { resourceServer } from './resource-server/index.js'
import { userGroups } from './user-groups/index.js'
import { users } from './users/index.js'

export const RESOURCES: readonly Resource[] = [pool, poolMfa, domain, resourceServer, identityProvider, client, branding, users, userGroups]

export type { ApplyContext, Described, Ids, Located, Location, ObserveContext, ParseContext, Resource } from './resource.js'
export { duplicatePoolsProblem } from './pool/index.js'
export { locate } from './pool/locate.js'
