// The errors a user fixes (inputs, plan problems, AWS refusals) and the one helper that turns anything
// thrown into the text the user sees. Plain classes; imports nothing of the project.

/** Failures the user fixes by changing inputs, permissions or AWS: shown without a stack trace. */
export class UserError extends Error {}

/** One or more invalid inputs; thrown before any AWS call. */
export class InputError extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InputError'
  }
}

/**
 * The plan has problems: the desired state cannot be reached without a human decision (ambiguity,
 * create-only settings, a domain owned elsewhere, a confidential client). Nothing has been written.
 */
export class PlanError extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'PlanError'
  }
}

/** user-pool-id names a pool that does not exist. */
export class PoolNotFoundError extends UserError {
  constructor(userPoolId: string, region: string) {
    super(
      `user-pool-id: no user pool '${userPoolId}' in ${region}; check the ID and the region, ` +
        'or leave user-pool-id empty to find or create the pool by pool-name',
    )
    this.name = 'PoolNotFoundError'
  }
}

export function isUserError(error: unknown): boolean {
  return error instanceof UserError
}

/** Any thrown value as text: an Error's message, a string as it is, anything else as JSON. */
export function textOf(value: unknown): string {
  if (value instanceof Error) return value.message || value.name
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof InputError) return listed('Invalid input (nothing was changed in AWS):', error.problems)
  if (error instanceof PlanError) return listed('Cannot apply (nothing was changed in AWS):', error.problems)
  if (error instanceof Error || typeof error === 'string') return textOf(error)
  return `unexpected failure: ${textOf(error)}`
}

function listed(title: string, problems: string[]): string {
  return [title, ...problems.map((p) => `- ${p}`)].join('\n')
}
