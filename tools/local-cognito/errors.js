// @ts-check

/** An AWS error: `code` is the `__type` sent on the wire. */
export class AwsError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {number} [status]
   */
  constructor(code, message, status = 400) {
    super(message)
    this.name = code
    this.code = code
    this.status = status
  }
}

/** @param {string} message */
export const invalidParameter = (message) => new AwsError('InvalidParameterException', message)
/** @param {string} message */
export const notFound = (message) => new AwsError('ResourceNotFoundException', message)

/** Errors any AWS JSON service may return, whatever the operation's model lists. */
export const COMMON_ERRORS = ['AccessDeniedException', 'UnrecognizedClientException', 'UnknownOperationException', 'SerializationException']

/**
 * Errors AWS is seen to answer that the operation's model does not list: AdminCreateUser past the default
 * email's daily limit answers LimitExceededException (a real answer quoted in
 * rahulpsd18/cognito-backup-restore#46; AWSB-203), which the model's AdminCreateUser errors omit.
 * @type {Record<string, string[]>}
 */
export const UNMODELED_ERRORS = { AdminCreateUser: ['LimitExceededException'] }
