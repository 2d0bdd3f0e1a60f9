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
