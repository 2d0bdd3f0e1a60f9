// The operation table: each operation of the port → its SDK command (and, for List*, its paginator, the
// member that holds the items and the page size). The one place that names SDK commands.
import type { Pace } from './pace.js'
import {
  AdminCreateUserCommand,
  CreateGroupCommand,
  DeleteGroupCommand,
  GetGroupCommand,
  GetLogDeliveryConfigurationCommand,
  paginateListGroups,
  UpdateGroupCommand,
  CreateIdentityProviderCommand,
  CreateManagedLoginBrandingCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeIdentityProviderCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  paginateListIdentityProviders,
  paginateListResourceServers,
  paginateListUserPoolClients,
  paginateListUserPools,
  paginateListUsers,
  SetUserPoolMfaConfigCommand,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  UpdateUserPoolDomainCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider'
import type { ListOperation, Operation } from './port.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CommandClass = new (input: any) => unknown

export const COMMANDS: Record<Operation, CommandClass> = {
  AdminCreateUser: AdminCreateUserCommand,
  CreateGroup: CreateGroupCommand,
  CreateIdentityProvider: CreateIdentityProviderCommand,
  CreateManagedLoginBranding: CreateManagedLoginBrandingCommand,
  CreateResourceServer: CreateResourceServerCommand,
  CreateUserPool: CreateUserPoolCommand,
  CreateUserPoolClient: CreateUserPoolClientCommand,
  CreateUserPoolDomain: CreateUserPoolDomainCommand,
  DeleteGroup: DeleteGroupCommand,
  DeleteManagedLoginBranding: DeleteManagedLoginBrandingCommand,
  DeleteUserPool: DeleteUserPoolCommand,
  DeleteUserPoolClient: DeleteUserPoolClientCommand,
  DeleteUserPoolDomain: DeleteUserPoolDomainCommand,
  DescribeIdentityProvider: DescribeIdentityProviderCommand,
  DescribeManagedLoginBrandingByClient: DescribeManagedLoginBrandingByClientCommand,
  DescribeResourceServer: DescribeResourceServerCommand,
  DescribeUserPool: DescribeUserPoolCommand,
  DescribeUserPoolClient: DescribeUserPoolClientCommand,
  DescribeUserPoolDomain: DescribeUserPoolDomainCommand,
  GetGroup: GetGroupCommand,
  GetLogDeliveryConfiguration: GetLogDeliveryConfigurationCommand,
  GetUserPoolMfaConfig: GetUserPoolMfaConfigCommand,
  SetUserPoolMfaConfig: SetUserPoolMfaConfigCommand,
  UpdateGroup: UpdateGroupCommand,
  UpdateIdentityProvider: UpdateIdentityProviderCommand,
  UpdateResourceServer: UpdateResourceServerCommand,
  UpdateUserPool: UpdateUserPoolCommand,
  UpdateUserPoolClient: UpdateUserPoolClientCommand,
  UpdateUserPoolDomain: UpdateUserPoolDomainCommand,
}

/**
 * Operations that create something: AWS does not deduplicate them, so an attempt whose outcome is
 * unknown (5xx, connection reset, timeout, an answer without what was created) must not be repeated
 * blindly: the SDK does not retry them, and the resource looks again (resources/shared/converge.ts).
 */
export const CREATES: readonly Operation[] = [
  'CreateUserPool',
  'CreateUserPoolClient',
  'CreateUserPoolDomain',
  'CreateIdentityProvider',
  'CreateResourceServer',
  'CreateGroup',
]

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Paginator = (config: { client: CognitoIdentityProviderClient; pageSize: number }, input: any) => AsyncIterable<Record<string, unknown>>

/** Each List*: its paginator, the member holding the items, and the page size (the most AWS allows). */
export const LISTS: Record<ListOperation, { paginate: Paginator; items: string; pageSize: number }> = {
  ListGroups: { paginate: paginateListGroups as Paginator, items: 'Groups', pageSize: 60 },
  ListIdentityProviders: { paginate: paginateListIdentityProviders as Paginator, items: 'Providers', pageSize: 60 },
  ListResourceServers: { paginate: paginateListResourceServers as Paginator, items: 'ResourceServers', pageSize: 50 },
  ListUserPoolClients: { paginate: paginateListUserPoolClients as Paginator, items: 'UserPoolClients', pageSize: 60 },
  ListUserPools: { paginate: paginateListUserPools as Paginator, items: 'UserPools', pageSize: 60 },
  ListUsers: { paginate: paginateListUsers as Paginator, items: 'Users', pageSize: 60 },
}

/**
 * How calls are paced (src/aws/pace.ts): AWS's request-rate quotas for the operation's category, from
 * "Quotas in Amazon Cognito" (Developer Guide, "Amazon Cognito user pools API operation categories and
 * request rate quotas"; tools/local-cognito/rate-limit.js enforces the same figures):
 * - UserPoolResourceRead / UserPoolResourceUpdate (identity providers, resource servers, groups):
 *   "Any individual operation in this category ... [at most] 5 RPS for a single user pool" (footnote 3);
 * - UserCreation (AdminCreateUser): 50 RPS per account and Region.
 * At most 5 (10 for invitations) of one operation in flight. Operations not listed (the pool, its client
 * and domain: a few calls per run) are sent at once.
 */
const PER_POOL: Pace = { perSecond: 5, inFlight: 5 }
export const PACE: Partial<Record<Operation, Pace>> = {
  CreateIdentityProvider: PER_POOL,
  UpdateIdentityProvider: PER_POOL,
  DescribeIdentityProvider: PER_POOL,
  CreateResourceServer: PER_POOL,
  UpdateResourceServer: PER_POOL,
  DescribeResourceServer: PER_POOL,
  CreateGroup: PER_POOL,
  UpdateGroup: PER_POOL,
  DeleteGroup: PER_POOL,
  GetGroup: PER_POOL,
  AdminCreateUser: { perSecond: 50, inFlight: 10 },
}
