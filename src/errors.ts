/**
 * Typed errors. Code anywhere throws these; only `main.ts` prints them and turns them into an exit
 * code. A message is one line saying what went wrong; `hint` is an optional second line saying what
 * to do. Neither may ever contain the API token.
 */
export class CliError extends Error {
  readonly exitCode: number = 1;
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad command line: unknown flag, bad value, missing argument. Exit code 2. */
export class UsageError extends CliError {
  override readonly exitCode = 2;
}

/** A setting is missing, or a config file cannot be read. */
export class ConfigError extends CliError {}

/** `git` could not tell us what we asked for. */
export class GitError extends CliError {}

/** The network or the server failed before giving a GraphQL answer. */
export class TransportError extends CliError {}

/** The server gave an answer, and the answer is an error. */
export class ApiError extends CliError {}

/** HTTP 401/403: the token was rejected. */
export class AuthError extends ApiError {}

/** Ctrl-C or another signal stopped the command. */
export class InterruptedError extends CliError {
  override readonly exitCode = 130;
}

export function exitCodeFor(error: unknown): number {
  return error instanceof CliError ? error.exitCode : 1;
}
