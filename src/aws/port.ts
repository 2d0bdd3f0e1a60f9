// The port: the calls a resource or the engine may make to Cognito. TYPES ONLY (the SDK's request and
// response types); src/aws/cognito.ts implements it over the SDK client. Resources and the engine
// import this file and nothing else of src/aws/.
import type * as Sdk from '@aws-sdk/client-cognito-identity-provider'

interface Io<I, O> {
  input: I
  output: O
}

/** Every operation the action calls (one row per operation; src/aws/operations.ts maps each to its SDK command). */
export interface Operations {
  AdminCreateUser: Io<Sdk.AdminCreateUserRequest, Sdk.AdminCreateUserResponse>
  CreateManagedLoginBranding: Io<Sdk.CreateManagedLoginBrandingRequest, Sdk.CreateManagedLoginBrandingResponse>
  CreateGroup: Io<Sdk.CreateGroupRequest, Sdk.CreateGroupResponse>
  CreateIdentityProvider: Io<Sdk.CreateIdentityProviderRequest, Sdk.CreateIdentityProviderResponse>
  CreateResourceServer: Io<Sdk.CreateResourceServerRequest, Sdk.CreateResourceServerResponse>
  CreateUserPool: Io<Sdk.CreateUserPoolRequest, Sdk.CreateUserPoolResponse>
  CreateUserPoolClient: Io<Sdk.CreateUserPoolClientRequest, Sdk.CreateUserPoolClientResponse>
  CreateUserPoolDomain: Io<Sdk.CreateUserPoolDomainRequest, Sdk.CreateUserPoolDomainResponse>
  DeleteGroup: Io<Sdk.DeleteGroupRequest, object>
  DeleteManagedLoginBranding: Io<Sdk.DeleteManagedLoginBrandingRequest, object>
  DeleteUserPool: Io<Sdk.DeleteUserPoolRequest, object>
  DeleteUserPoolClient: Io<Sdk.DeleteUserPoolClientRequest, object>
  DeleteUserPoolDomain: Io<Sdk.DeleteUserPoolDomainRequest, object>
  DescribeIdentityProvider: Io<Sdk.DescribeIdentityProviderRequest, Sdk.DescribeIdentityProviderResponse>
  DescribeManagedLoginBrandingByClient: Io<Sdk.DescribeManagedLoginBrandingByClientRequest, Sdk.DescribeManagedLoginBrandingByClientResponse>
  DescribeResourceServer: Io<Sdk.DescribeResourceServerRequest, Sdk.DescribeResourceServerResponse>
  DescribeUserPool: Io<Sdk.DescribeUserPoolRequest, Sdk.DescribeUserPoolResponse>
  DescribeUserPoolClient: Io<Sdk.DescribeUserPoolClientRequest, Sdk.DescribeUserPoolClientResponse>
  DescribeUserPoolDomain: Io<Sdk.DescribeUserPoolDomainRequest, Sdk.DescribeUserPoolDomainResponse>
  GetGroup: Io<Sdk.GetGroupRequest, Sdk.GetGroupResponse>
  GetLogDeliveryConfiguration: Io<Sdk.GetLogDeliveryConfigurationRequest, Sdk.GetLogDeliveryConfigurationResponse>
  GetUserPoolMfaConfig: Io<Sdk.GetUserPoolMfaConfigRequest, Sdk.GetUserPoolMfaConfigResponse>
  SetUserPoolMfaConfig: Io<Sdk.SetUserPoolMfaConfigRequest, Sdk.SetUserPoolMfaConfigResponse>
  UpdateGroup: Io<Sdk.UpdateGroupRequest, Sdk.UpdateGroupResponse>
  UpdateIdentityProvider: Io<Sdk.UpdateIdentityProviderRequest, Sdk.UpdateIdentityProviderResponse>
  UpdateResourceServer: Io<Sdk.UpdateResourceServerRequest, Sdk.UpdateResourceServerResponse>
  UpdateUserPool: Io<Sdk.UpdateUserPoolRequest, object>
  UpdateUserPoolClient: Io<Sdk.UpdateUserPoolClientRequest, Sdk.UpdateUserPoolClientResponse>
  UpdateUserPoolDomain: Io<Sdk.UpdateUserPoolDomainRequest, Sdk.UpdateUserPoolDomainResponse>
}

/** The paged List* operations: read through the SDK's paginators, every page; the page size is the port's. */
export interface Lists {
  ListGroups: { input: Omit<Sdk.ListGroupsRequest, 'Limit' | 'NextToken'>; item: Sdk.GroupType }
  ListIdentityProviders: { input: Omit<Sdk.ListIdentityProvidersRequest, 'MaxResults' | 'NextToken'>; item: Sdk.ProviderDescription }
  ListResourceServers: { input: Omit<Sdk.ListResourceServersRequest, 'MaxResults' | 'NextToken'>; item: Sdk.ResourceServerType }
  ListUserPoolClients: { input: Omit<Sdk.ListUserPoolClientsRequest, 'MaxResults' | 'NextToken'>; item: Sdk.UserPoolClientDescription }
  ListUserPools: { input: Omit<Sdk.ListUserPoolsRequest, 'MaxResults' | 'NextToken'>; item: Sdk.UserPoolDescriptionType }
  ListUsers: { input: Omit<Sdk.ListUsersRequest, 'Limit' | 'PaginationToken'>; item: Sdk.UserType }
}

export type Operation = keyof Operations
export type ListOperation = keyof Lists
export type Input<O extends Operation> = Operations[O]['input']
export type Output<O extends Operation> = Operations[O]['output']

/** A member path the answer must have: a top-level member, or a dotted path below one. */
export type MemberPath<O extends Operation> = (keyof Output<O> & string) | `${keyof Output<O> & string}.${string}`
type Top<P> = P extends `${infer H}.${string}` ? H : P
/** The answer with the required top-level members present. */
export type Answer<O extends Operation, R extends MemberPath<O>> = Output<O> & { [K in Top<R> & keyof Output<O>]-?: NonNullable<Output<O>[K]> }

/**
 * A failed call as resources see it: `code` is AWS's error name (or OutcomeUnknownError: a create whose
 * answer was lost, or ShapeError); the message names the operation and the resource and says what to do.
 */
export interface AwsFailure extends Error {
  readonly operation: string
  readonly code: string
  readonly rerunHelps: boolean
}

export interface CognitoPort {
  /**
   * One call. `resource` names what it is about in any error (`user pool 'x'`; never an ID that is not
   * ours to print). `requires`: members the answer must have; a missing one is an error ("AWS answered X
   * without Y"), and for a create an unknown outcome (the caller looks again).
   */
  call<O extends Operation, R extends MemberPath<O> = never>(operation: O, input: Input<O>, resource: string, requires?: readonly R[]): Promise<Answer<O, R>>
  /** Like call, but a ResourceNotFoundException is undefined. */
  find<O extends Operation, R extends MemberPath<O> = never>(
    operation: O,
    input: Input<O>,
    resource: string,
    requires?: readonly R[],
  ): Promise<Answer<O, R> | undefined>
  /** Every item of every page; a page without its items member is an error. `notFound: 'empty'`: a missing pool has none. */
  list<L extends ListOperation>(operation: L, input: Lists[L]['input'], resource: string, options?: { notFound?: 'empty' }): Promise<Lists[L]['item'][]>
}
