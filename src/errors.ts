// One helper turns anything thrown into the text the user sees.
import { AwsCallError, PoolNotFoundError, textOf } from './cognito/errors.js'
export { AwsCallError, PoolNotFoundError } from './cognito/errors.js'

/** Failures the user fixes by changing inputs, permissions or AWS: shown without a stack trace. */
export function isUserError(error: unknown): boolean {
  return error instanceof InputError || error instanceof PlanError || error instanceof AwsCallError || error instanceof PoolNotFoundError
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

/**
 * The plan has problems: the desired state cannot be reached without a human decision (ambiguity,
 * create-only settings, a domain owned elsewhere, a confidential client). Nothing has been written.
 */
export class PlanError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'PlanError'
  }
}

/** One or more invalid inputs; thrown before any AWS call. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InputError'
  }
}
