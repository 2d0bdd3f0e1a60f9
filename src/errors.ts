// One helper turns anything thrown into the text the user sees.
import { AwsCallError, PoolNotFoundError, textOf } from './cognito/errors.js'
import { InputError, PlanError } from './types.js'

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
