// Plain data shared by inputs → observe → plan → apply → report. Imports nothing of the project, no
// SDK types, no @actions/core.

/** `destroy` removes what the action manages; `plan-destroy` shows what destroy would remove (reads only). */
export type Mode = 'apply' | 'plan' | 'destroy' | 'plan-destroy'
export type OAuthFlow = 'code' | 'implicit' | 'client_credentials'

/** What the inputs ask for: validated, typed, normalised. */
export interface Desired {
  mode: Mode
  region: string
  poolName: string
  /** Manage exactly this pool instead of looking it up by name. */
  userPoolId?: string
  /** A prefix (`my-app`) or, with a dot, a custom domain's fully-qualified name (`auth.example.com`). */
  domain: string
  /** The ACM certificate (us-east-1) of a custom domain; set exactly when `domain` is a custom domain. */
  certificateArn?: string
  clientName: string
  callbackUrls: string[]
  logoutUrls: string[]
  oauthScopes: string[]
  oauthFlows: OAuthFlow[]
  identityProviders: string[]
  deletionProtection: boolean
  maskOutputs: boolean
  /** Plan mode: fail when applying would change anything (drift detection). */
  failOnChanges: boolean
  /** Post the plan as a sticky pull-request comment (plan mode on pull_request events). */
  comment: boolean
  /** Check SSO from the outside after apply (or for existing resources in plan mode). */
  verify: boolean
  /** Upper bound for verify's waiting, in seconds. */
  verifyTimeoutSeconds: number
  /** Values of the catalogue's settings (src/settings) by key; a key left out leaves the setting alone. */
  settings?: Record<string, unknown>
  /** OpenMetadata's base URL: turns on the openmetadata-env output and the Helm values in the summary. */
  openmetadataUrl?: string
  /** Per-attempt timeout of every AWS call, in seconds (aws-timeout). */
  awsTimeoutSeconds?: number
  /** Identity providers to create/update in the pool (federated-providers). */
  federatedProviders: DesiredProvider[]
  /** Resource servers to create/update in the pool (resource-servers). */
  resourceServers: DesiredResourceServer[]
  /** client-type; undefined keeps an existing client as it is (public on create). */
  clientType?: ClientType
  /** Public ↔ confidential: create the new client, then delete the old one. */
  allowClientReplacement: boolean
  /** The `mfa` inputs (resources/pool-mfa); undefined: MFA is left as it is. */
  mfa?: DesiredMfa
  /** `managed-login`: the domain's ManagedLoginVersion (1 classic, 2 managed login); undefined: unchanged. */
  managedLogin?: 1 | 2
  /** `invite-users`: e-mail addresses that must exist in the pool (lower case). */
  inviteUsers?: string[]
  /** `user-groups`: groups to create or update, or (remove) to delete; undefined: groups are left alone. */
  userGroups?: DesiredGroup[]
}

/** A user group as declared: only the members given are managed; `remove` lists it for deletion. */
export interface DesiredGroup {
  name: string
  description?: string
  precedence?: number
  remove?: boolean
}

/** A user group as ListGroups describes it. */
export interface ObservedGroup {
  name: string
  description?: string
  precedence?: number
}

export type ClientType = 'public' | 'confidential'

export type MfaMode = 'OFF' | 'OPTIONAL' | 'ON'
export type MfaMethod = 'totp' | 'sms' | 'email'

export interface DesiredMfa {
  mode: MfaMode
  /** Empty when mode is OFF. */
  methods: MfaMethod[]
  /** The IAM role Cognito assumes to send SMS through SNS (sms only); empty: the pool's own. */
  smsRoleArn?: string
  /** The external ID Cognito gives when it assumes that role (sms-external-id); empty: the pool's own, if the role is the same. */
  smsExternalId?: string
}

/** A pool's SmsConfiguration as DescribeUserPool and GetUserPoolMfaConfig show it (plain data). */
export interface SmsConfig {
  SnsCallerArn?: string
  ExternalId?: string
  SnsRegion?: string
}

/** SetUserPoolMfaConfig's members, as GetUserPoolMfaConfig returns them (plain data). */
export interface MfaConfig {
  MfaConfiguration: MfaMode
  SoftwareTokenMfaConfiguration: { Enabled: boolean }
  SmsMfaConfiguration?: { SmsAuthenticationMessage?: string; SmsConfiguration?: SmsConfig }
  EmailMfaConfiguration?: { Message?: string; Subject?: string }
  /** Not managed, but carried: SetUserPoolMfaConfig would otherwise reset it. */
  WebAuthnConfiguration?: {
    RelyingPartyId?: string
    UserVerification?: 'preferred' | 'required'
    /** MULTI_FACTOR_WITH_USER_VERIFICATION: a passkey satisfies MFA (then WEB_AUTHN may stay a first factor with MFA on). */
    FactorConfiguration?: 'SINGLE_FACTOR' | 'MULTI_FACTOR_WITH_USER_VERIFICATION'
  }
}

/** A federated identity provider as declared; `details` are AWS ProviderDetails keys. */
export interface DesiredProvider {
  name: string
  /** AWS ProviderType: SAML, OIDC, Google, Facebook, SignInWithApple, LoginWithAmazon. */
  type: string
  details: Record<string, string>
  /** Keys of `details` that hold secrets: never printed, compared without showing values. */
  secretKeys: string[]
  /** Only the attributes given are managed; empty leaves the mapping as it is. */
  attributeMapping: Record<string, string>
  /** undefined leaves the identifiers as they are. */
  identifiers?: string[]
}

export interface ResourceServerScope {
  name: string
  description: string
}

export interface DesiredResourceServer {
  identifier: string
  name: string
  scopes: ResourceServerScope[]
}

/**
 * The document AWS fetches when it creates or updates a provider (an OIDC issuer's discovery document, a
 * SAML metadata URL), as read before the plan: `ok`; `refused`, a definite answer AWS would refuse too
 * (not found, not JSON, another issuer, not SAML metadata); `unreachable`, this runner could not reach it.
 */
export interface ProviderEndpointCheck {
  provider: string
  /** The ProviderDetails member whose URL was read: oidc_issuer or MetadataURL. */
  member: 'oidc_issuer' | 'MetadataURL'
  url: string
  outcome: 'ok' | 'refused' | 'unreachable'
  /** What was found (refused, unreachable): for the message. */
  detail?: string
}

export interface ObservedProvider {
  name: string
  type: string
  details: Record<string, string>
  attributeMapping: Record<string, string>
  identifiers: string[]
}

export type ObservedResourceServer = DesiredResourceServer

/** The tag every pool created by this action carries. */
export const MANAGED_TAG_KEY = 'managed-by'
export const MANAGED_TAG_VALUE = 'cognito-sso-action'

/** A schema attribute as the plan needs it. */
export interface ObservedAttribute {
  name: string
  required: boolean
}

/** The user pool as observed: only what planning needs, as plain data. */
export interface ObservedPool {
  id: string
  arn: string
  name: string
  deletionProtection: boolean
  autoVerifiedAttributes: string[]
  usernameAttributes: string[]
  aliasAttributes: string[]
  /** `UsernameConfiguration.CaseSensitive`; AWS treats a pool without it as case sensitive. */
  usernameCaseSensitive: boolean
  schema: ObservedAttribute[]
  /** The pool's prefix domain, if any (DescribeUserPool names it). */
  domain?: string
  /** The pool's custom domain, if any (DescribeUserPool's `CustomDomain`). */
  customDomain?: string
  /** `managed-by: cognito-sso-action`: the action created this pool (destroy refuses any other). */
  managedByAction?: boolean
  /** The catalogue's pool settings as described, by key (resources/pool/settings.ts). */
  settings?: Record<string, unknown>
  /** DescribeUserPool's MfaConfiguration (OFF, OPTIONAL, ON): tells, without a read of its own, whether any MFA method can be on. */
  mfaConfiguration?: MfaMode
  /** `Policies.SignInPolicy.AllowedFirstAuthFactors` (PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN); absent: PASSWORD only. */
  firstAuthFactors?: string[]
  /** Threat protection (`UserPoolAddOns`): AdvancedSecurityMode other than OFF, and the custom-auth flows' mode, if set. */
  threatProtection?: { mode?: string; customAuthMode?: string }
  /** `LambdaConfig.PreTokenGenerationConfig.LambdaVersion` (V2_0 and V3_0 customize access tokens). */
  preTokenVersion?: string
  /** Whether the pool exports user-activity logs (GetLogDeliveryConfiguration, read only when a plan below Plus is asked of a Plus pool). */
  userActivityLogs?: boolean
  /** GetUserPoolMfaConfig's answer; read only with the `mfa` input, or when a change of another input needs it (resources/pool-mfa). */
  mfa?: MfaConfig
  /** The SNS role of the pool's SmsConfiguration, if any. */
  smsRoleArn?: string
  /** The pool's SmsConfiguration (role, external ID, SNS Region), read with the MFA configuration. */
  smsConfiguration?: SmsConfig
}

/** The pool's custom domain as DescribeUserPoolDomain describes it. */
export interface ObservedCustomDomain {
  name: string
  certificateArn?: string
  /** The CloudFront distribution the DNS record must point to. */
  cloudFrontDomain?: string
  /** CREATING, ACTIVE, UPDATING... */
  status?: string
}

export interface ObservedClient {
  id: string
  name: string
  hasSecret: boolean
  callbackUrls: string[]
  logoutUrls: string[]
  defaultRedirectUri?: string
  oauthFlows: string[]
  oauthScopes: string[]
  identityProviders: string[]
  oauthEnabled: boolean
  /** The catalogue's client settings as described, by key (resources/client/settings.ts). */
  settings?: Record<string, unknown>
}

/** Who owns the desired domain prefix, when the pool does not already have it. */
export type DomainOwner = { kind: 'free' } | { kind: 'this-pool' } | { kind: 'other-pool'; userPoolId: string }

export interface Observed {
  /** Pools whose name matched (by-name lookup); more than one is ambiguous. */
  matchingPoolIds: string[]
  pool?: ObservedPool
  /** Clients in the pool whose name matched; more than one is ambiguous. */
  matchingClientIds: string[]
  /** How many app clients the pool has (ListUserPoolClients, read with matchingClientIds); the plan counts them against Cognito's limit. */
  clientCount?: number
  client?: ObservedClient
  /**
   * The client a replacement left behind (allow-client-replacement: the new client of the other type was made,
   * the old one not yet deleted): two clients of the name, one of each type; the one not asked for is deleted.
   */
  replacedClientId?: string
  /** Set when the pool does not already have the desired domain and its owner was looked up. */
  desiredDomainOwner?: DomainOwner
  /** The pool's custom domain's details, when it has one. */
  customDomain?: ObservedCustomDomain
  /** The domain `domain` names, when the pool has it but AWS describes it DELETING (deleted by hand, or a run stopped while waiting). */
  domainDeleting?: string
  /** Names of every identity provider in the pool, when read (ListIdentityProviders). */
  providerNames?: string[]
  /** The declared providers that exist, described. */
  providers?: ObservedProvider[]
  /** What the pre-flight read of each provider the plan creates or re-points found at the URL AWS will fetch (identity-provider/preflight.ts). */
  providerEndpoints?: ProviderEndpointCheck[]
  /** Every resource server in the pool, when read (ListResourceServers). */
  resourceServers?: ObservedResourceServer[]
  /** The managed domain's ManagedLoginVersion (read only with the `managed-login` input). */
  domainVersion?: number
  /** The ManagedLoginVersion of each of the pool's domains, by name (read only when feature-plan lite is asked of a higher pool). */
  domainVersions?: Record<string, number>
  /** Whether the client has a managed login branding style (read only with `managed-login: v2`). */
  clientHasBranding?: boolean
  /** The email of every user of the pool (read only with `invite-users`). */
  userEmails?: string[]
  /** Every user group of the pool (read only with `user-groups`). */
  groups?: ObservedGroup[]
  /** Destroy: the managed login branding style of each client in matchingClientIds that has one, by client ID. */
  clientBrandingIds?: Record<string, string>
}

export type ResourceKind = 'pool' | 'mfa' | 'domain' | 'provider' | 'resource-server' | 'client' | 'branding' | 'users' | 'group'

/** How each resource is named to people, in the log, the summary and the comment. */
export const RESOURCE_LABEL: Record<ResourceKind, string> = {
  pool: 'user pool',
  mfa: 'MFA of user pool',
  domain: 'domain',
  client: 'app client',
  branding: 'branding style',
  provider: 'identity provider',
  'resource-server': 'resource server',
  users: 'users of user pool',
  group: 'user group',
}
/** `replace-required`: a create-only setting differs; the run fails, nothing is written. */
export type Action = 'create' | 'update' | 'replace' | 'replace-required' | 'no-op' | 'delete'

/** A field-level difference; lists carry added/removed items for readable rendering. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
  added?: string[]
  removed?: string[]
  /** Something to look at twice (an invited address whose letters mix scripts): shown next to the value and as a warning. */
  warning?: string
}

export interface Step {
  resource: ResourceKind
  /** Human name: pool name, domain prefix or client name. Never an ID. */
  name: string
  action: Action
  changes: FieldChange[]
  /** For `replace` of the domain: the prefix that is removed first. */
  replaces?: string
}

export interface Plan {
  /** In dependency order: pool, then domain and client. */
  steps: Step[]
  /** Whether applying would write anything. */
  changed: boolean
  /** Conflicts that need a human decision; when any, apply writes nothing and the run fails. */
  problems: string[]
}

export interface Check {
  name: string
  ok: boolean
  detail: string
}
