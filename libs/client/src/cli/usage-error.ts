/** A mistake on the command line: printed with a hint to `--help`, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The command whose help the hint points to. */
    readonly command?: string,
  ) {
    super(message);
  }
}
