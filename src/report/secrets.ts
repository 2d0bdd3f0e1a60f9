// The run's secrets: registered (masked in the log by the runner) before anything can print them, and
// redacted from everything the runner does not mask (the summary, the comment, the outputs, AWS's
// messages that quote part of a request) the way the runner masks them: the whole value and each of its
// lines (actions/runner#1521: a multi-line secret is masked line by line, so a line quoted alone is
// masked too). The one redaction of the action: every text shown anywhere goes through `redact`.

/** The pieces of a secret that are masked: the value and each line of it (split on CR and LF, trimmed, non-empty). */
export function secretPieces(value: string): string[] {
  const lines = value
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return [...new Set([value, ...lines])]
}

export class Secrets {
  /** Every piece registered, longest first (a piece inside a longer one is replaced after it). */
  private pieces: string[] = []
  /** The pieces of real secrets only (not our IDs), for the outputs, which carry our IDs on purpose. */
  private realPieces: string[] = []

  /** `mask` registers a value with the runner (core.setSecret); `maskOutputs` is the mask-outputs input. */
  constructor(
    private readonly mask: (value: string) => void,
    private maskOutputs: boolean,
  ) {}

  /** mask-outputs, once the inputs are read (the secrets are registered before that). */
  setMaskOutputs(maskOutputs: boolean): void {
    this.maskOutputs = maskOutputs
  }

  /** Our IDs and ARNs: masked when mask-outputs is on. */
  readonly id = (value: string | undefined): void => {
    if (this.maskOutputs) this.register(value, false)
  }

  /** Real secrets (client and provider secrets) and IDs that are not ours: masked whatever mask-outputs says, line by line. */
  readonly secret = (value: string | undefined): void => this.register(value, true)

  private register(value: string | undefined, secret: boolean): void {
    if (!value) return
    for (const piece of secretPieces(value)) {
      if (secret && !this.realPieces.includes(piece)) this.realPieces = byLength([...this.realPieces, piece])
      if (this.pieces.includes(piece)) continue
      this.mask(piece)
      this.pieces = byLength([...this.pieces, piece])
    }
  }

  /** Every registered value, and every line of one, replaced by ***: for everything shown (log, summary, comment, the plan output). */
  readonly redact = (text: string): string => replaceAll(text, this.pieces)

  /** Only real secrets (and their lines) replaced: for the outputs that carry our IDs on purpose. */
  readonly redactSecrets = (text: string): string => replaceAll(text, this.realPieces)
}

const byLength = (pieces: string[]): string[] => pieces.sort((a, b) => b.length - a.length)
const replaceAll = (text: string, pieces: string[]): string => pieces.reduce((t, s) => t.split(s).join('***'), text)
