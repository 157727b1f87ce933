/**
 * Typed errors. Code anywhere throws these; only `main.ts` prints them and turns them into an exit
 * code. A message is one line saying what went wrong; `hint` is an optional second line saying what
 * to do; `details` (rare) is a multi-line report. None may ever contain the API token (stderr masks
 * it as a last line of defence).
 */
export class CliError extends Error {
  // Names are spelled out: the bundle is minified, so constructor names are not these.
  override name = "CliError";
  readonly exitCode: number = 1;
  readonly hint: string | undefined;
  /** Several lines printed between the message and the hint (a load error's traceback). */
  readonly details: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown; details?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** Bad command line: unknown flag, bad value, missing argument. Exit code 2. */
export class UsageError extends CliError {
  override name = "UsageError";
  override readonly exitCode = 2;
}

/** A setting is missing, or a config file cannot be read. */
export class ConfigError extends CliError {
  override name = "ConfigError";
}

/** `git` could not tell us what we asked for. */
export class GitError extends CliError {
  override name = "GitError";
}

/** The network or the server failed before giving a GraphQL answer. */
export class TransportError extends CliError {
  override name = "TransportError";
}

/** The server gave an answer, and the answer is an error. */
export class ApiError extends CliError {
  override name = "ApiError";
}

/** HTTP 401/403: the token was rejected. Exit code 3. */
export class AuthError extends ApiError {
  override name = "AuthError";
  override readonly exitCode: number = 3;
}

/** What the command acts on does not exist: a deployment, a branch deployment, a location. Exit code 4. */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
  override readonly exitCode: number = 4;
}

/** Ctrl-C (SIGINT, exit 130) or SIGTERM (exit 143) stopped the command. */
export class InterruptedError extends CliError {
  override name = "InterruptedError";
  override readonly exitCode: number;

  constructor(message: string, options: { hint?: string; cause?: unknown; signal?: "SIGINT" | "SIGTERM" } = {}) {
    super(message, options);
    this.exitCode = options.signal === "SIGTERM" ? 143 : 130;
  }
}

export function exitCodeFor(error: unknown): number {
  return error instanceof CliError ? error.exitCode : 1;
}
