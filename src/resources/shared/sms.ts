// The pool's SMS configuration (SmsConfiguration: the SNS role, its external ID, the SNS Region), which
// both SetUserPoolMfaConfig (SmsMfaConfiguration.SmsConfiguration) and UpdateUserPool carry: one rule for
// what the run asks of it, so that both calls send the same (AWSB-224). Pure.
import type { DesiredMfa, SmsConfig } from '../../model/types.js'

/**
 * The SmsConfiguration the run asks for: the role of `sms-role-arn`, else the MFA configuration's, else
 * the pool's; the rest (external ID, SNS Region) carried from whichever of those has the same role; the
 * external ID of `sms-external-id` over it. Empty inputs change nothing.
 */
export function desiredSmsConfiguration(
  mfa: Pick<DesiredMfa, 'smsRoleArn' | 'smsExternalId'>,
  mfaSms: SmsConfig | undefined,
  poolSms: SmsConfig | undefined,
): SmsConfig {
  const role = mfa.smsRoleArn ?? mfaSms?.SnsCallerArn ?? poolSms?.SnsCallerArn
  const base = mfaSms?.SnsCallerArn === role ? mfaSms : poolSms?.SnsCallerArn === role ? poolSms : undefined
  return { ...base, SnsCallerArn: role, ...(mfa.smsExternalId ? { ExternalId: mfa.smsExternalId } : {}) }
}
