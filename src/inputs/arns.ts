// The ARN shapes inputs may carry. Pure data.

/** An IAM role: arn:<partition>:iam::<account>:role/<path and name>. */
export const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/
/** An ACM certificate: arn:<partition>:acm:<region>:<account>:certificate/<id> (the region is group 2). */
export const ACM_CERTIFICATE_ARN = /^arn:(aws[a-z-]*):acm:([a-z0-9-]+):(\d{12}):certificate\/([0-9a-f-]+)$/
/** An SES identity: arn:<partition>:ses:<region>:<account>:identity/<name>. */
export const SES_IDENTITY_ARN = /^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity\/[^\s]+$/
