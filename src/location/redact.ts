/**
 * A location document fit for a log (`--verbose`): the same shape and keys, with the values that
 * may be secrets replaced by "***". container_context carries environment variables and secret
 * references for the code server; a CI log is no place for them.
 */
import { isMapping, type Mapping } from "./values.ts";

export const REDACTED = "***";

/** Keys whose values are hidden whole, wherever they are. */
const SECRET_KEY = /(secret|token|password|passwd|credential|private|api[_-]?key|auth)/i;

/** `env_vars` (all agents), and `env` (Kubernetes EnvVar lists in container_config and k8s). */
const ENV_KEYS = ["env_vars", "env"];

export function redactDocument<T extends Mapping>(doc: T): T {
  return redactMapping(doc) as T;
}

function redactMapping(mapping: Mapping): Mapping {
  const out: Mapping = {};
  for (const [key, value] of Object.entries(mapping)) {
    if (SECRET_KEY.test(key)) out[key] = hide(value);
    else if (ENV_KEYS.includes(key)) out[key] = redactEnvVars(value);
    else out[key] = redact(value);
  }
  return out;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  return isMapping(value) ? redactMapping(value) : value;
}

/** Nothing to hide in null or "": keeping them shows what was sent. */
function hide(value: unknown): unknown {
  return value === null || value === undefined || value === "" ? value : REDACTED;
}

/**
 * `KEY=value` -> `KEY=***`; a bare `KEY` (taken from the agent's environment) is only a name;
 * `{name, value}` (Kubernetes style) -> value hidden; a mapping of names to values -> values hidden.
 */
function redactEnvVars(value: unknown): unknown {
  if (isMapping(value)) return Object.fromEntries(Object.keys(value).map((name) => [name, hide(value[name])]));
  if (!Array.isArray(value)) return hide(value);
  return value.map((item) => {
    if (typeof item === "string") {
      const equals = item.indexOf("=");
      return equals < 0 ? item : `${item.slice(0, equals)}=${REDACTED}`;
    }
    if (isMapping(item)) {
      const entry = redactMapping(item);
      if ("value" in entry) entry.value = hide(entry.value);
      return entry;
    }
    return hide(item);
  });
}
