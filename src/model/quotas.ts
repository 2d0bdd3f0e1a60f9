// Cognito's count limits: "Quotas in Amazon Cognito", quotas on resource number and size
// (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#resource-quotas). Plain data,
// read by the plan (resources/shared/quotas.ts) and by the AWS layer's advice (aws/errors.ts).

export const QUOTAS_PAGE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html'

/** A count limit. */
export interface CountQuota {
  /** What is counted, e.g. 'resource servers'. */
  what: string
  /** The page's name of the quota, e.g. 'Resource servers per user pool'. */
  name: string
  limit: number
}

export const RESOURCE_SERVERS_PER_POOL: CountQuota = { what: 'resource servers', name: 'Resource servers per user pool', limit: 25 }
export const IDENTITY_PROVIDERS_PER_POOL: CountQuota = { what: 'identity providers', name: 'Identity providers per user pool', limit: 300 }
export const APP_CLIENTS_PER_POOL: CountQuota = { what: 'app clients', name: 'App clients per user pool', limit: 1_000 }
export const GROUPS_PER_POOL: CountQuota = { what: 'groups', name: 'Groups per user pool', limit: 10_000 }
export const CUSTOM_DOMAINS_PER_ACCOUNT: CountQuota = { what: 'custom domains', name: 'Custom domains per account', limit: 4 }
/** Cognito's default email (EmailSendingAccount COGNITO_DEFAULT): messages a day per AWS account, not adjustable. */
export const DEFAULT_EMAILS_PER_DAY: CountQuota = { what: 'email messages', name: 'Email messages sent daily per AWS account', limit: 50 }
