/**
 * The environment of every git child process. Our own holds DAGSTER_CLOUD_API_TOKEN, and the
 * checkout's `.git/config` may be hostile (a shared /tmp, a CI cache, another user's clone): git
 * gets an allowlist of ours, plus settings that keep it from fetching or prompting (git-args.ts has
 * the `-c` side).
 */

/**
 * Variables git needs to find itself, the user's config and the repository the user chose. Anything
 * else (DAGSTER_CLOUD_*, cloud credentials, CI tokens, proxies, GIT_SSH_COMMAND, GIT_ASKPASS,
 * GIT_EXTERNAL_DIFF, GIT_PAGER, GIT_TRACE*) is dropped: an allowlist cannot miss a secret we did not
 * think of. Matched case-insensitively because Windows spells them `Path`, `SystemRoot`...
 */
const PASSED = new Set([
  "PATH",
  "HOME",
  "TZ",
  "TMPDIR",
  "XDG_CONFIG_HOME",
  "USER",
  "LOGNAME",
  // Windows: git for Windows finds its config and temp files through these.
  "SYSTEMROOT",
  "WINDIR",
  "COMSPEC",
  "PATHEXT",
  "USERPROFILE",
  "HOMEDRIVE",
  "HOMEPATH",
  "APPDATA",
  "LOCALAPPDATA",
  "PROGRAMDATA",
  "TEMP",
  "TMP",
  // Which repository, which config files: the user's choice, honoured as git itself would.
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_COMMON_DIR",
  "GIT_OBJECT_DIRECTORY",
  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
  "GIT_INDEX_FILE",
  "GIT_NAMESPACE",
  "GIT_CEILING_DIRECTORIES",
  "GIT_DISCOVERY_ACROSS_FILESYSTEM",
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_SYSTEM",
  "GIT_CONFIG_NOSYSTEM",
]);

/**
 * Set on every call, over anything inherited.
 * - GIT_NO_LAZY_FETCH: a missing object is an error, never a fetch from a promisor remote.
 * - GIT_ALLOW_PROTOCOL="": an empty allowlist of transports. It overrides every `protocol.*.allow`
 *   key, which a repository's config may set to `always` (`-c protocol.allow=never` alone loses to a
 *   repository's `protocol.ext.allow=always`), and it also stops `remote.<name>.vcs` helpers.
 * - LC_ALL=C (LANGUAGE dropped): git's messages stay English, so we can recognise them.
 */
const FORCED: Record<string, string> = {
  GIT_NO_LAZY_FETCH: "1",
  GIT_ALLOW_PROTOCOL: "",
  GIT_PROTOCOL_FROM_USER: "0",
  GIT_TERMINAL_PROMPT: "0",
  GIT_OPTIONAL_LOCKS: "0",
  GIT_PAGER: "cat",
  PAGER: "cat",
  LC_ALL: "C",
};

/** The environment for git: the allowlisted part of `env`, the user's config pairs, plus FORCED. */
export function gitEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && PASSED.has(name.toUpperCase())) out[name] = value;
  }
  return { ...out, ...configPairs(env), ...FORCED };
}

/** Keys only a network transport reads, and where tokens live (`http.extraHeader: Authorization ...`). */
const NETWORK_KEY = /^(?:https?|credential|url)\./i;
/** git itself refuses absurd counts; we stop reading long before. */
const MAX_PAIRS = 100;

/**
 * GIT_CONFIG_COUNT with GIT_CONFIG_KEY_n/VALUE_n: config the user (or a CI runner: safe.directory)
 * gives through the environment. Renumbered without the network keys, which no read of ours uses.
 */
function configPairs(env: Record<string, string | undefined>): Record<string, string> {
  const count = Number(env.GIT_CONFIG_COUNT ?? "0");
  const out: Record<string, string> = {};
  let kept = 0;
  for (let i = 0; Number.isInteger(count) && i < Math.min(count, MAX_PAIRS); i++) {
    const key = env[`GIT_CONFIG_KEY_${i}`];
    const value = env[`GIT_CONFIG_VALUE_${i}`];
    if (key === undefined || value === undefined || NETWORK_KEY.test(key)) continue;
    out[`GIT_CONFIG_KEY_${kept}`] = key;
    out[`GIT_CONFIG_VALUE_${kept}`] = value;
    kept++;
  }
  return kept === 0 ? {} : { GIT_CONFIG_COUNT: String(kept), ...out };
}
