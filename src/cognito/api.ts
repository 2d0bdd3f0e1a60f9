// The calls the action makes, each wrapped so that "not found" becomes undefined and every other
// failure names the operation, the resource and what the user can do.
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DeleteUserPoolDomainCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  DescribeUserPoolDomainCommand,
  UpdateUserPoolDomainCommand,
  GetUserPoolMfaConfigCommand,
  CreateManagedLoginBrandingCommand,
  AdminCreateUserCommand,
  paginateListUsers,
  type AdminCreateUserRequest,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigRequest,
  type DomainDescriptionType,
  paginateListUserPoolClients,
  paginateListUserPools,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
  type UpdateUserPoolClientRequest,
  type UpdateUserPoolRequest,
  type UserPoolClientType,
  type UserPoolType,
  CreateIdentityProviderCommand,
  CreateResourceServerCommand,
  DescribeIdentityProviderCommand,
  DescribeResourceServerCommand,
  paginateListIdentityProviders,
  paginateListResourceServers,
  UpdateIdentityProviderCommand,
  UpdateResourceServerCommand,
  type CreateIdentityProviderRequest,
  type CreateResourceServerRequest,
  type IdentityProviderType,
  type ResourceServerType,
  type UpdateIdentityProviderRequest,
  type UpdateResourceServerRequest,
} from '@aws-sdk/client-cognito-identity-provider'
import { OutcomeUnknownError } from './client.js'
import { AwsCallError } from './errors.js'
import { toMfaConfig, type MfaConfig } from '../mfa.js'

/** ListUserPools and ListUserPoolClients allow at most 60 a page. */
const PAGE_SIZE = 60
/** ListIdentityProviders allows 60 a page, ListResourceServers 50. */
const PROVIDER_PAGE = 60
const SERVER_PAGE = 50

export interface PoolRef {
  id: string
  arn: string
}

/** A pool as ListUserPools names it. */
export interface ListedPool {
  id: string
  /** Epoch milliseconds; 0 when AWS gave none. */
  created: number
}

/** A 200 answer without the member the operation promises: never read as "nothing exists". */
export class ShapeError extends Error {
  constructor(operation: string, member: string) {
    super(`AWS answered ${operation} without ${member}`)
    this.name = 'ShapeError'
  }
}

/** `value`, or a ShapeError when AWS left it out. */
function member<T>(operation: string, name: string, value: T | undefined | null): T {
  if (value === undefined || value === null) throw new ShapeError(operation, name)
  return value
}

const millis = (date: Date | undefined): number => (date instanceof Date ? date.getTime() : 0)

export class CognitoApi {
  constructor(readonly client: CognitoIdentityProviderClient) {}

  /** IDs of every pool named exactly `name`, across all pages. */
  async findPoolIds(name: string): Promise<string[]> {
    return (await this.listPoolsNamed(name)).map((p) => p.id)
  }

  /** Every pool named exactly `name`, with its creation date, across all pages. */
  async listPoolsNamed(name: string): Promise<ListedPool[]> {
    return this.call('ListUserPools', `user pools named '${name}'`, async () => {
      const pools: ListedPool[] = []
      for await (const page of paginateListUserPools({ client: this.client, pageSize: PAGE_SIZE }, { MaxResults: PAGE_SIZE })) {
        for (const p of member('ListUserPools', 'UserPools', page.UserPools)) {
          if (p.Name === name && p.Id) pools.push({ id: p.Id, created: millis(p.CreationDate) })
        }
      }
      return pools
    })
  }

  async describePool(userPoolId: string): Promise<UserPoolType | undefined> {
    return this.describe('DescribeUserPool', `user pool ${userPoolId}`, async () => {
      const out = await this.client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))
      return member('DescribeUserPool', 'UserPool', out.UserPool)
    })
  }

  /** IDs of every app client named exactly `name` in the pool, across all pages. */
  async findClientIds(userPoolId: string, name: string): Promise<string[]> {
    // A pool that does not exist has no clients; observe reports the missing pool itself.
    const found = await this.describe('ListUserPoolClients', `app clients named '${name}'`, async () => {
      const ids: string[] = []
      const pages = paginateListUserPoolClients({ client: this.client, pageSize: PAGE_SIZE }, { UserPoolId: userPoolId, MaxResults: PAGE_SIZE })
      for await (const page of pages) {
        for (const c of member('ListUserPoolClients', 'UserPoolClients', page.UserPoolClients)) if (c.ClientName === name && c.ClientId) ids.push(c.ClientId)
      }
      return ids
    })
    return found ?? []
  }

  async describeClient(userPoolId: string, clientId: string, name: string): Promise<UserPoolClientType | undefined> {
    return this.describe('DescribeUserPoolClient', `app client '${name}'`, async () => {
      const out = await this.client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))
      return member('DescribeUserPoolClient', 'UserPoolClient', out.UserPoolClient)
    })
  }

  /** The ID of the pool that owns the prefix domain, or undefined when the prefix is free. */
  async domainOwner(domain: string): Promise<string | undefined> {
    return this.call('DescribeUserPoolDomain', `domain '${domain}'`, async () => {
      const out = await this.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }))
      // AWS describes a free prefix as an empty DomainDescription; a missing one is no answer.
      return member('DescribeUserPoolDomain', 'DomainDescription', out.DomainDescription).UserPoolId || undefined
    })
  }

  async createPool(request: CreateUserPoolRequest): Promise<PoolRef> {
    return this.call('CreateUserPool', `user pool '${request.PoolName}'`, async () => {
      const out = await this.client.send(new CreateUserPoolCommand(request))
      const id = out.UserPool?.Id
      // A 200 without the pool: it may or may not have been created.
      if (!id) throw new OutcomeUnknownError(new ShapeError('CreateUserPool', 'UserPool.Id'))
      return { id, arn: out.UserPool?.Arn ?? '' }
    })
  }

  async updatePool(request: UpdateUserPoolRequest, name: string): Promise<void> {
    await this.call('UpdateUserPool', `user pool '${name}'`, () => this.client.send(new UpdateUserPoolCommand(request)))
  }

  /** Creates a prefix domain, or a custom domain with `certificateArn`; returns the CloudFront target of a custom domain. */
  async createDomain(userPoolId: string, domain: string, certificateArn?: string, managedLoginVersion?: number): Promise<string | undefined> {
    return this.call('CreateUserPoolDomain', `domain '${domain}'`, async () => {
      const config = {
        ...(certificateArn === undefined ? {} : { CustomDomainConfig: { CertificateArn: certificateArn } }),
        ...(managedLoginVersion === undefined ? {} : { ManagedLoginVersion: managedLoginVersion }),
      }
      const out = await this.client.send(new CreateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: domain, ...config }))
      return out?.CloudFrontDomain || undefined
    })
  }

  /** A domain's new managed login version (and a custom domain's certificate); returns a custom domain's CloudFront target. */
  async updateDomain(userPoolId: string, domain: string, certificateArn: string | undefined, managedLoginVersion: number): Promise<string | undefined> {
    return this.call('UpdateUserPoolDomain', `domain '${domain}'`, async () => {
      const config = certificateArn === undefined ? {} : { CustomDomainConfig: { CertificateArn: certificateArn } }
      const out = await this.client.send(
        new UpdateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: domain, ...config, ManagedLoginVersion: managedLoginVersion }),
      )
      return out?.CloudFrontDomain || undefined
    })
  }

  /** A branding style with Cognito's provided values for the client (managed login v2 serves pages only with one). */
  async createBranding(userPoolId: string, clientId: string, clientName: string): Promise<void> {
    await this.call('CreateManagedLoginBranding', `branding style of app client '${clientName}'`, () =>
      this.client.send(new CreateManagedLoginBrandingCommand({ UserPoolId: userPoolId, ClientId: clientId, UseCognitoProvidedValues: true })),
    )
  }

  /** The email of every user in the pool (ListUsers, paged; only the email attribute is asked for). */
  async listUserEmails(userPoolId: string): Promise<string[]> {
    return this.call('ListUsers', 'the users of the user pool', async () => {
      const emails: string[] = []
      for await (const page of paginateListUsers({ client: this.client, pageSize: PAGE_SIZE }, { UserPoolId: userPoolId, AttributesToGet: ['email'] })) {
        for (const user of member('ListUsers', 'Users', page.Users)) {
          const email = (user.Attributes ?? []).find((a) => a.Name === 'email')?.Value
          if (email) emails.push(email)
        }
      }
      return emails
    })
  }

  /** Invites one user (AdminCreateUser with Cognito's invitation mail); one that exists already is left as it is. */
  async inviteUser(request: AdminCreateUserRequest): Promise<void> {
    try {
      await this.client.send(new AdminCreateUserCommand(request))
    } catch (error) {
      if (error instanceof Error && error.name === 'UsernameExistsException') return
      throw new AwsCallError('AdminCreateUser', 'an invited user', error)
    }
  }

  /** A custom domain's new certificate; returns its CloudFront target. */
  async updateDomainCertificate(userPoolId: string, domain: string, certificateArn: string): Promise<string | undefined> {
    return this.call('UpdateUserPoolDomain', `domain '${domain}'`, async () => {
      const out = await this.client.send(
        new UpdateUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: domain, CustomDomainConfig: { CertificateArn: certificateArn } }),
      )
      return out?.CloudFrontDomain || undefined
    })
  }

  /** The domain's description (certificate, CloudFront target, status), or undefined when no pool has it. */
  async describeDomain(domain: string): Promise<DomainDescriptionType | undefined> {
    return this.call('DescribeUserPoolDomain', `domain '${domain}'`, async () => {
      const out = await this.client.send(new DescribeUserPoolDomainCommand({ Domain: domain }))
      // AWS describes a free name as an empty DomainDescription; a missing one is no answer.
      const description = member('DescribeUserPoolDomain', 'DomainDescription', out.DomainDescription)
      return description.UserPoolId ? description : undefined
    })
  }

  async deleteDomain(userPoolId: string, domain: string): Promise<void> {
    await this.call('DeleteUserPoolDomain', `domain '${domain}'`, () =>
      this.client.send(new DeleteUserPoolDomainCommand({ UserPoolId: userPoolId, Domain: domain })),
    )
  }

  async createClient(request: CreateUserPoolClientRequest): Promise<string> {
    return (await this.createClientWithSecret(request)).id
  }

  /** Creates an app client; a confidential client's secret comes back with its ID (only at creation). */
  async createClientWithSecret(request: CreateUserPoolClientRequest): Promise<{ id: string; secret?: string }> {
    return this.call('CreateUserPoolClient', `app client '${request.ClientName}'`, async () => {
      const out = await this.client.send(new CreateUserPoolClientCommand(request))
      const id = out.UserPoolClient?.ClientId
      if (!id) throw new OutcomeUnknownError(new ShapeError('CreateUserPoolClient', 'UserPoolClient.ClientId'))
      const secret = out.UserPoolClient?.ClientSecret
      if (request.GenerateSecret && !secret) throw new OutcomeUnknownError(new ShapeError('CreateUserPoolClient', 'UserPoolClient.ClientSecret'))
      return { id, ...(secret ? { secret } : {}) }
    })
  }

  async updateClient(request: UpdateUserPoolClientRequest, name: string): Promise<void> {
    await this.call('UpdateUserPoolClient', `app client '${name}'`, () => this.client.send(new UpdateUserPoolClientCommand(request)))
  }

  /** The pool's MFA configuration, as plain data. */
  async getMfaConfig(userPoolId: string): Promise<MfaConfig> {
    return this.call('GetUserPoolMfaConfig', 'the MFA configuration of the user pool', async () => {
      const out = await this.client.send(new GetUserPoolMfaConfigCommand({ UserPoolId: userPoolId }))
      return toMfaConfig(out as Partial<MfaConfig>)
    })
  }

  async setMfaConfig(request: SetUserPoolMfaConfigRequest, name: string): Promise<void> {
    await this.call('SetUserPoolMfaConfig', `MFA of user pool '${name}'`, () => this.client.send(new SetUserPoolMfaConfigCommand(request)))
  }

  // ---------- federation: identity providers and resource servers ----------

  /** The name of every identity provider of the pool, across all pages. */
  async listProviderNames(userPoolId: string): Promise<string[]> {
    return this.call('ListIdentityProviders', 'identity providers of the user pool', async () => {
      const names: string[] = []
      for await (const page of paginateListIdentityProviders(
        { client: this.client, pageSize: PROVIDER_PAGE },
        { UserPoolId: userPoolId, MaxResults: PROVIDER_PAGE },
      )) {
        for (const p of member('ListIdentityProviders', 'Providers', page.Providers)) if (p.ProviderName) names.push(p.ProviderName)
      }
      return names
    })
  }

  /** The identity provider, or undefined when the pool has none of that name. */
  async describeProvider(userPoolId: string, name: string): Promise<IdentityProviderType | undefined> {
    return this.describe('DescribeIdentityProvider', `identity provider '${name}'`, async () => {
      const out = await this.client.send(new DescribeIdentityProviderCommand({ UserPoolId: userPoolId, ProviderName: name }))
      return member('DescribeIdentityProvider', 'IdentityProvider', out.IdentityProvider)
    })
  }

  /** Creates an identity provider; an answer without it is an unknown outcome (the caller looks again). */
  async createProvider(request: CreateIdentityProviderRequest): Promise<IdentityProviderType> {
    return this.call('CreateIdentityProvider', `identity provider '${request.ProviderName}'`, async () => {
      const out = await this.client.send(new CreateIdentityProviderCommand(request))
      if (!out?.IdentityProvider) throw new OutcomeUnknownError(new ShapeError('CreateIdentityProvider', 'IdentityProvider'))
      return out.IdentityProvider
    })
  }

  async updateProvider(request: UpdateIdentityProviderRequest): Promise<void> {
    await this.call('UpdateIdentityProvider', `identity provider '${request.ProviderName}'`, () => this.client.send(new UpdateIdentityProviderCommand(request)))
  }

  /** Every resource server of the pool, across all pages. */
  async listResourceServers(userPoolId: string): Promise<ResourceServerType[]> {
    return this.call('ListResourceServers', 'resource servers of the user pool', async () => {
      const servers: ResourceServerType[] = []
      for await (const page of paginateListResourceServers(
        { client: this.client, pageSize: SERVER_PAGE },
        { UserPoolId: userPoolId, MaxResults: SERVER_PAGE },
      )) {
        servers.push(...member('ListResourceServers', 'ResourceServers', page.ResourceServers))
      }
      return servers
    })
  }

  /** The resource server, or undefined when the pool has none with that identifier. */
  async describeResourceServer(userPoolId: string, identifier: string): Promise<ResourceServerType | undefined> {
    return this.describe('DescribeResourceServer', `resource server '${identifier}'`, async () => {
      const out = await this.client.send(new DescribeResourceServerCommand({ UserPoolId: userPoolId, Identifier: identifier }))
      return member('DescribeResourceServer', 'ResourceServer', out.ResourceServer)
    })
  }

  /** Creates a resource server; an answer without it is an unknown outcome (the caller looks again). */
  async createResourceServer(request: CreateResourceServerRequest): Promise<ResourceServerType> {
    return this.call('CreateResourceServer', `resource server '${request.Identifier}'`, async () => {
      const out = await this.client.send(new CreateResourceServerCommand(request))
      if (!out?.ResourceServer) throw new OutcomeUnknownError(new ShapeError('CreateResourceServer', 'ResourceServer'))
      return out.ResourceServer
    })
  }

  async updateResourceServer(request: UpdateResourceServerRequest): Promise<void> {
    await this.call('UpdateResourceServer', `resource server '${request.Identifier}'`, () => this.client.send(new UpdateResourceServerCommand(request)))
  }

  // ---------- destroy: each removal tolerates "already gone" ----------

  /** The ID of the client's managed login branding style, or undefined when it has none. */
  async brandingIdForClient(userPoolId: string, clientId: string, name: string): Promise<string | undefined> {
    const style = await this.describe('DescribeManagedLoginBrandingByClient', `branding style of app client '${name}'`, async () => {
      const out = await this.client.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))
      return out.ManagedLoginBranding
    })
    return style?.ManagedLoginBrandingId || undefined
  }

  async deleteBranding(userPoolId: string, brandingId: string, clientName: string): Promise<void> {
    await this.describe('DeleteManagedLoginBranding', `branding style of app client '${clientName}'`, () =>
      this.client.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: userPoolId, ManagedLoginBrandingId: brandingId })),
    )
  }

  /** DeleteUserPoolDomain, unless no pool has the domain any more (AWS refuses a missing one as invalid). */
  async deleteDomainIfPresent(userPoolId: string, domain: string): Promise<void> {
    const owner = await this.domainOwner(domain)
    if (owner !== userPoolId) return
    await this.deleteDomain(userPoolId, domain)
  }

  /** Deletes an app client (destroy, or an extra this run created); one already gone is no error. */
  async deleteClient(userPoolId: string, clientId: string, name: string): Promise<void> {
    await this.describe('DeleteUserPoolClient', `app client '${name}'`, () =>
      this.client.send(new DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })),
    )
  }

  /** Deletes a pool (destroy, or an extra this run created); one already gone is no error. */
  async deletePool(userPoolId: string, name: string): Promise<void> {
    await this.describe('DeleteUserPool', `user pool '${name}'`, () => this.client.send(new DeleteUserPoolCommand({ UserPoolId: userPoolId })))
  }

  private async call<T>(operation: string, resource: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      throw new AwsCallError(operation, resource, error)
    }
  }

  /** Like call, but a missing resource is undefined rather than an error. */
  private async describe<T>(operation: string, resource: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined
      throw new AwsCallError(operation, resource, error)
    }
  }
}
