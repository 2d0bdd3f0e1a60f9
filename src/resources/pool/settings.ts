// The user pool's catalogue: one entry per managed pool setting, in the order the plan lists them.
import type {
  AliasAttributeType,
  CreateUserPoolRequest,
  RecoveryOptionType,
  UsernameAttributeType,
  UserPoolType,
  VerifiedAttributeType,
} from '@aws-sdk/client-cognito-identity-provider'
import { parseBool } from '../../inputs/boolean.js'
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE, type Desired } from '../../model/types.js'
import { change, desiredValue, entry, mergeFragments, sameValue, type AnySetting, type SettingValues, type Tier } from '../shared/catalogue.js'
import {
  parseAccountRecovery,
  parseEmailSender,
  parsePasswordPolicy,
  parseRequiredAttributes,
  parseSignIn,
  parseTier,
  type EmailSender,
  type PasswordPolicy,
  type SignIn,
} from './parse-settings.js'

const EMAIL_SIGN_IN: SignIn = { username: ['email'], alias: [] }

export const POOL_SETTINGS: readonly AnySetting[] = [
  entry<string[], 'pool'>({
    key: 'required-attributes',
    resource: 'pool',
    input: 'required-attributes',
    createOnly: true,
    parse: parseRequiredAttributes,
    // SSO by email needs email required, new pool or not (the action's rule before this input existed).
    createDefault: ['email'],
    ensure: () => ['email'],
    describe: (p) => (p.SchemaAttributes ?? []).filter((a) => a.Required && a.Name).map((a) => a.Name ?? ''),
    fromObserved: (p) => p.schema.filter((a) => a.required).map((a) => a.name),
    write: (names) => ({ Schema: names.map((Name) => ({ Name, AttributeDataType: 'String', Required: true, Mutable: true })) }),
    // Only adding a requirement is create-only; a pool requiring more than asked is left alone.
    diff: (want, have) => want.filter((n) => !have.includes(n)).map((n) => change(`Schema.${n}.Required`, false, true)),
  }),
  entry<SignIn, 'pool'>({
    key: 'sign-in-identifiers',
    resource: 'pool',
    input: 'sign-in-identifiers',
    createOnly: true,
    parse: parseSignIn,
    // Empty: a new pool signs in by email; an existing one must at least allow email (SSO by email).
    createDefault: EMAIL_SIGN_IN,
    ensure: (current) => (current.username.includes('email') || current.alias.includes('email') ? undefined : EMAIL_SIGN_IN),
    describe: (p) => ({ username: p.UsernameAttributes ?? [], alias: p.AliasAttributes ?? [] }),
    fromObserved: (p) => ({ username: p.usernameAttributes, alias: p.aliasAttributes }),
    write: (v) => ({
      UsernameAttributes: v.username.length ? (v.username as UsernameAttributeType[]) : undefined,
      AliasAttributes: v.alias.length ? (v.alias as AliasAttributeType[]) : undefined,
    }),
    diff: (want, have) => [
      ...(sameValue(want.username, have.username) ? [] : [change('UsernameAttributes', have.username, want.username)]),
      ...(sameValue(want.alias, have.alias) ? [] : [change('AliasAttributes', have.alias, want.alias)]),
    ],
  }),
  entry<boolean, 'pool'>({
    key: 'username-case-sensitive',
    resource: 'pool',
    createOnly: true,
    createDefault: false,
    ensure: () => false,
    // AWS treats a pool without UsernameConfiguration as case sensitive.
    describe: (p) => p.UsernameConfiguration?.CaseSensitive ?? true,
    fromObserved: (p) => p.usernameCaseSensitive,
    write: (v) => ({ UsernameConfiguration: { CaseSensitive: v } }),
  }),
  entry<boolean, 'pool'>({
    key: 'deletion-protection',
    resource: 'pool',
    fromDesired: (d) => d.deletionProtection,
    describe: (p) => p.DeletionProtection === 'ACTIVE',
    fromObserved: (p) => p.deletionProtection,
    write: (v) => ({ DeletionProtection: v ? 'ACTIVE' : 'INACTIVE' }),
  }),
  entry<string[], 'pool'>({
    key: 'auto-verified-attributes',
    resource: 'pool',
    createDefault: ['email'],
    ensure: (current) => (current.includes('email') ? undefined : [...current, 'email']),
    describe: (p) => p.AutoVerifiedAttributes ?? [],
    fromObserved: (p) => p.autoVerifiedAttributes,
    write: (v) => ({ AutoVerifiedAttributes: v as VerifiedAttributeType[] }),
  }),
  entry<Tier, 'pool'>({
    key: 'feature-plan',
    resource: 'pool',
    input: 'feature-plan',
    parse: parseTier,
    // A pool created without UserPoolTier is on Essentials (AWS's default since November 2024).
    describe: (p) => p.UserPoolTier ?? 'ESSENTIALS',
    write: (v) => ({ UserPoolTier: v }),
  }),
  entry<PasswordPolicy, 'pool'>({
    key: 'password-policy',
    resource: 'pool',
    input: 'password-policy',
    parse: parsePasswordPolicy,
    describe: (p) => {
      const pp = p.Policies?.PasswordPolicy ?? {}
      return {
        minLength: pp.MinimumLength ?? 8,
        uppercase: pp.RequireUppercase ?? false,
        lowercase: pp.RequireLowercase ?? false,
        numbers: pp.RequireNumbers ?? false,
        symbols: pp.RequireSymbols ?? false,
        temporaryDays: pp.TemporaryPasswordValidityDays ?? p.AdminCreateUserConfig?.UnusedAccountValidityDays ?? 7,
        history: pp.PasswordHistorySize ?? 0,
      }
    },
    write: (v) => ({
      Policies: {
        PasswordPolicy: {
          MinimumLength: v.minLength,
          RequireUppercase: v.uppercase,
          RequireLowercase: v.lowercase,
          RequireNumbers: v.numbers,
          RequireSymbols: v.symbols,
          TemporaryPasswordValidityDays: v.temporaryDays,
          ...(v.history !== undefined ? { PasswordHistorySize: v.history } : {}),
        },
      },
    }),
    needs: (v) => (v.history ? { tier: 'ESSENTIALS', why: `history=${v.history} (password history)` } : undefined),
  }),
  entry<RecoveryOptionType[], 'pool'>({
    key: 'account-recovery',
    resource: 'pool',
    input: 'account-recovery',
    parse: parseAccountRecovery,
    createDefault: [{ Name: 'verified_email', Priority: 1 }],
    describe: (p) => p.AccountRecoverySetting?.RecoveryMechanisms ?? [],
    write: (v) => ({ AccountRecoverySetting: { RecoveryMechanisms: v } }),
  }),
  entry<boolean, 'pool'>({
    key: 'self-sign-up',
    resource: 'pool',
    input: 'self-sign-up',
    parse: (raw, problems) => parseBool('self-sign-up', raw, problems),
    createDefault: false,
    describe: (p) => !(p.AdminCreateUserConfig?.AllowAdminCreateUserOnly ?? false),
    write: (v) => ({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: !v } }),
  }),
  entry<EmailSender, 'pool'>({
    key: 'email-sender',
    resource: 'pool',
    input: 'email-sender',
    parse: parseEmailSender,
    describe: (p): EmailSender => {
      const e = p.EmailConfiguration
      if (e?.EmailSendingAccount !== 'DEVELOPER' || !e.SourceArn) return { account: 'COGNITO_DEFAULT' }
      return {
        account: 'DEVELOPER',
        sourceArn: e.SourceArn,
        ...(e.From ? { from: e.From } : {}),
        ...(e.ReplyToEmailAddress ? { replyTo: e.ReplyToEmailAddress } : {}),
        ...(e.ConfigurationSet ? { configurationSet: e.ConfigurationSet } : {}),
      }
    },
    // Every member is written, so that switching back to Cognito's mail removes the SES ones.
    write: (v) => ({
      EmailConfiguration: {
        EmailSendingAccount: v.account,
        SourceArn: v.account === 'DEVELOPER' ? v.sourceArn : undefined,
        From: v.account === 'DEVELOPER' ? v.from : undefined,
        ReplyToEmailAddress: v.account === 'DEVELOPER' ? v.replyTo : undefined,
        ConfigurationSet: v.account === 'DEVELOPER' ? v.configurationSet : undefined,
      },
    }),
  }),
]

/** Every pool setting as Describe* shows it, by key. */
export function readPoolSettings(pool: UserPoolType): SettingValues {
  return Object.fromEntries(POOL_SETTINGS.map((s) => [s.key, s.describe(pool)]))
}

/** The CreateUserPool request for the desired state, built from the catalogue. */
export function poolCreateRequest(desired: Desired): CreateUserPoolRequest {
  const fragments = POOL_SETTINGS.map((s) => {
    const value = desiredValue(s, desired, false, undefined)
    return value === undefined ? {} : s.write(value)
  })
  return {
    PoolName: desired.poolName,
    ...mergeFragments(fragments),
    UserPoolTags: { [MANAGED_TAG_KEY]: MANAGED_TAG_VALUE },
  } satisfies CreateUserPoolRequest
}
