// The run's secrets: registered (masked in the log by the runner) before anything can print them, and
// redacted from the summary and the comment, which the runner does not mask.
export class Secrets {
  private readonly values: string[] = []

  /** `mask` registers a value with the runner (core.setSecret); `maskOutputs` is the mask-outputs input. */
  constructor(
    private readonly mask: (value: string) => void,
    private readonly maskOutputs: boolean,
  ) {}

  /** Our IDs and ARNs: masked when mask-outputs is on. */
  readonly id = (value: string | undefined): void => {
    if (this.maskOutputs) this.secret(value)
  }

  /** Real secrets (client and provider secrets) and IDs that are not ours: masked whatever mask-outputs says. */
  readonly secret = (value: string | undefined): void => {
    if (!value || this.values.includes(value)) return
    this.mask(value)
    this.values.push(value)
  }

  /** Every registered value replaced by ***. */
  readonly redact = (text: string): string => this.values.reduce((t, s) => t.split(s).join('***'), text)
}
