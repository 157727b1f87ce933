/**
 * Secrets are registered before anything parses the command line, so that no message (a usage
 * error quoting a stray argument, an unknown option with its `=value`, a --verbose stack) can print
 * them. Config-file tokens are added when the file is read.
 */

const TOKEN_FLAGS = ["--api-token", "--user-token"];
/** An option name that looks like a token's, mistyped ones included: `--api-tokn`, `--token`, `--password`. */
const SECRET_FLAG = /^--[\w-]*(tok|secret|passw|api-?key|credential)/i;

/** Every value on the command line or in the environment that could be a secret. */
export function collectSecrets(argv: readonly string[], env: Record<string, string | undefined>): string[] {
  const found: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") break;
    const next = argv[i + 1];
    if ((TOKEN_FLAGS.includes(arg) || arg === "-u") && next !== undefined) found.push(next);
    // A mistyped token flag with its value apart (`--token T`, `--api-tokn T`): T lost its flag.
    else if (SECRET_FLAG.test(arg) && !arg.includes("=") && next !== undefined) found.push(next);
    // `--api-token=v`, and any mistyped `--api-tokn=v` or `--token=v`: an option's inline value.
    const inline = /^--[^=]+=(.+)$/s.exec(arg);
    if (inline?.[1] && SECRET_FLAG.test(arg.slice(0, arg.indexOf("=")))) found.push(inline[1]);
    // `-uVALUE`, and `-UVALUE` (a mistyped -u): a short option with its value attached.
    const short = /^-[uU](.+)$/s.exec(arg);
    if (short?.[1] && !arg.startsWith("--")) found.push(short[1].replace(/^=/, ""));
  }
  const token = env.DAGSTER_CLOUD_API_TOKEN?.trim();
  if (token) found.push(token);
  for (const name of ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY"]) {
    for (const value of [env[name], env[name.toLowerCase()]]) found.push(...urlCredentials(value));
  }
  return found.filter((value) => value.trim() !== "");
}

/** The password and the whole `user:password` of a URL, if it carries credentials. */
export function urlCredentials(value: string | undefined): string[] {
  const userinfo = value === undefined ? undefined : /^[a-z][a-z0-9+.-]*:\/\/([^/@]*)@/i.exec(value.trim())?.[1];
  if (!userinfo) return [];
  const password = userinfo.includes(":") ? userinfo.slice(userinfo.indexOf(":") + 1) : undefined;
  const forms = [userinfo];
  if (password) forms.push(password, safeDecode(password));
  return forms;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A URL fit to print: userinfo, query and fragment replaced (`https://***@host/path?***`). */
export function redactUrl(raw: string): string {
  return raw
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, "$1***@")
    .replace(/\?[^#]*/, "?***")
    .replace(/#.*/, "#***");
}
