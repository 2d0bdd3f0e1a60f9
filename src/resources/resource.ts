// The one interface every resource implements (a Terraform resource, a CloudFormation handler set, a
// Pulumi dynamic provider): how its desired state is read from the inputs, how it is observed, how
// desired and observed compare (pure), which requests create, update and delete it, and what it depends
// on. The engine (src/engine/) walks the registry (./index.ts) and never knows a resource by name.
import type { DomainDescriptionType, GroupType, IdentityProviderType, UserPoolClientType, UserPoolType } from '@aws-sdk/client-cognito-identity-provider'
import type { CognitoPort } from '../aws/port.js'
import type { InputGetter, ReadFile } from '../inputs/types.js'
import type { Desired, MfaConfig, Observed, Plan, ResourceKind, Step } from '../model/types.js'
import type { CreateContext } from './shared/converge.js'
import type { TierFeature } from './shared/tier.js'

/** The raw SDK descriptions read-merge-write updates start from; kept next to the plan, never in it. */
export interface Described {
  pool?: UserPoolType
  client?: UserPoolClientType
  /** GetUserPoolMfaConfig's answer (only with the `mfa` input). */
  mfa?: MfaConfig
  /** Described identity providers (federated-providers), by name. */
  providers?: Map<string, IdentityProviderType>
  /** Described user groups (user-groups), by name: their RoleArn is carried on update. */
  groups?: Map<string, GroupType>
}

export interface ParseContext {
  /** Every problem, each naming the input, the rule and the fix. */
  problems: string[]
  /** What the run's inputs and the resources before this one (registry order) have parsed. */
  desired: Partial<Desired>
  /** An input exactly as given (YAML inputs keep their indentation); `input` gives it trimmed. */
  raw: InputGetter
  readFile: ReadFile
  env: Record<string, string | undefined>
}

/** Where the pool is: located before any other read (the pool resource's locate). */
export interface Location {
  /** Pools whose name matched (or the user-pool-id); more than one is ambiguous and nothing else is read. */
  poolIds: string[]
  /** The pool's ID when exactly one was found. */
  poolId?: string
  /**
   * The desired domain as DescribeUserPoolDomain described it while locating (AWS's empty description when
   * no pool has it; its owner in `UserPoolId`): the domain's observe does not read it again.
   */
  desiredDomain?: DomainDescriptionType
  /** The pool as DescribeUserPool described it while locating (undefined when it could not be read): the pool's observe reuses it. */
  described?: Promise<UserPoolType | undefined>
}

/**
 * What locating gives the engine: a location, or a candidate (the desired domain's owner, not yet known to
 * be this action's pool) whose reads may start while `confirmed` settles: the candidate itself when it is
 * ours, or another location (found by name) whose reads start again from nothing.
 */
export type Located = { location: Location } | { candidate: Location & { poolId: string }; confirmed: Promise<Location> }

export interface ObserveContext {
  port: CognitoPort
  desired: Desired
  /** destroy / plan-destroy: only what destroy removes is read. */
  destroying: boolean
  location: Location
  /** The aggregate each resource writes its own fields of. */
  observed: Observed
  described: Described
  /**
   * Waits until that resource's fields are written: when its observe calls `ready()` (the fields others
   * need are there, its own reads go on), or finishes. Rejects when that observe failed.
   */
  after: (kind: ResourceKind) => Promise<void>
  /** Says that this resource's fields others wait for are written (optional; finishing says it too). */
  ready: () => void
  /** Hears each ID of ours as soon as it is known, before a later call's error could name it. */
  found: (id: string) => void
  /** Hears every secret AWS returns, before anything can print it. */
  secret: (value: string) => void
  /**
   * The run's HTTP reads outside AWS (the proxied fetch verify uses): a resource reads what AWS itself will
   * fetch when it writes (identity-provider/preflight.ts). Undefined: no such read is made.
   */
  fetch?: typeof fetch
}

/** What apply and destroy write as they go: the IDs the outputs need. */
export interface Ids {
  userPoolId: string
  userPoolArn: string
  clientId: string
  /** A custom domain's CloudFront target, when this run created or updated it. */
  cloudFrontDomain?: string
  /** A confidential client's secret (created by this run, or described). */
  clientSecret?: string
}

export interface ApplyContext extends CreateContext {
  desired: Desired
  observed: Observed
  described: Described
  plan: Plan
  ids: Ids
  found: (id: string) => void
  secret: (value: string) => void
}

export interface Resource {
  kind: ResourceKind
  /** The kinds that must exist first (apply order); destroy walks the same graph reversed. */
  dependsOn: readonly ResourceKind[]
  /** The action inputs it reads (a test checks every input of action.yml has exactly one owner). */
  inputs: readonly string[]
  /** Those of its inputs that are YAML: the parser is loaded only when one of them is set (start-up time). */
  yamlInputs?: readonly string[]
  /** Whether parsing needs the YAML parser for other reasons, given the inputs (loaded only then). */
  needsYaml?: (input: InputGetter) => boolean
  /** Its inputs → its fields of Desired; pushes every problem. Pure (files through ctx.readFile). */
  parse: (input: InputGetter, ctx: ParseContext) => Partial<Desired>
  /** Its reads (after the pool is located); awaits only what it needs, so independent reads run in parallel. */
  observe?: (ctx: ObserveContext) => Promise<void>
  /**
   * Desired × observed → its steps, pushing its problems. Pure. `planned`: the steps of the resources
   * before it in the registry (what it depends on is among them), for a step that follows from another
   * resource's (a replaced client's new branding style).
   */
  plan: (desired: Desired, observed: Observed, problems: string[], planned: readonly Step[]) => Step[]
  /**
   * The features of the pool it knows of that need a feature plan above Lite and are still on when the
   * plan changes (UpdateUserPool is the run's first write): a lower `feature-plan` is refused while any is
   * (resources/shared/tier.ts). Pure; reads what observe read (some only when a lower plan is asked).
   */
  features?: (desired: Desired, observed: Observed) => TierFeature[]
  /** Writes one of its steps (not called for no-op steps). */
  apply?: (step: Step, ctx: ApplyContext) => Promise<void>
  /** destroy: what it removes (kinds deleted with the pool have none). Pure. */
  planDestroy?: (desired: Desired, observed: Observed, problems: string[]) => Step[]
  /** destroy: removes one of its delete steps; "already gone" is no error. */
  destroy?: (step: Step, ctx: ApplyContext) => Promise<void>
}
