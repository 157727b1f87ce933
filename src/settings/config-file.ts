import { ConfigError } from "../errors.ts";
import { FileRejected } from "../files.ts";
import { oneLine, quote } from "../text.ts";

/** The keys of the Dagster+ CLI config (`~/.dagster_cloud_cli/config` or dg.toml's `[cli.plus]`). */
export interface ConfigValues {
  url?: string;
  organization?: string;
  default_deployment?: string;
  user_token?: string;
  agent_timeout?: number;
}

export interface LoadedConfig {
  /** The file the values came from, for messages; undefined when no config file exists. */
  path: string | undefined;
  values: ConfigValues;
}

export interface ConfigEnv {
  env: Record<string, string | undefined>;
  homedir: string;
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /**
   * Called with each `user_token` found, as soon as its file is parsed and before any check can
   * fail, so that no later message or stack trace can show it (main wires io.addSecret).
   */
  onSecret?: (value: string) => void;
}

export function cloudConfigPath({ env, homedir }: Pick<ConfigEnv, "env" | "homedir">): string {
  return env.DAGSTER_CLOUD_CLI_CONFIG || `${homedir}/.dagster_cloud_cli/config`;
}

export function dgConfigPath({ env, homedir }: Pick<ConfigEnv, "env" | "homedir">): string {
  if (env.DG_CLI_CONFIG) return env.DG_CLI_CONFIG;
  if (env.XDG_CONFIG_HOME) return `${env.XDG_CONFIG_HOME}/dg.toml`;
  return `${homedir}/.config/dg.toml`;
}

/**
 * Reads the config the way the Python CLI chooses it (reference §2.1): both files are read; a
 * populated `[cli.plus]` beside a populated cloud file is an error; otherwise the cloud file wins,
 * then dg.toml. Deliberate difference: an *empty* cloud file does not hide a populated dg.toml.
 */
export function loadConfig(deps: ConfigEnv): Promise<LoadedConfig> {
  // Read once per process (per deps): connection settings and timeouts both ask for it.
  let loaded = loadedConfigs.get(deps);
  if (!loaded) loadedConfigs.set(deps, (loaded = readConfig(deps)));
  return loaded;
}

const loadedConfigs = new WeakMap<ConfigEnv, Promise<LoadedConfig>>();

async function readConfig(deps: ConfigEnv): Promise<LoadedConfig> {
  const cloudPath = cloudConfigPath(deps);
  const dgPath = dgConfigPath(deps);
  const [cloudText, dgText] = await Promise.all([
    readConfigFile(deps, cloudPath),
    readConfigFile(deps, dgPath),
  ]);
  const cloud = cloudText === undefined ? undefined : await parseFile(cloudPath, cloudText, "yaml");
  registerToken(deps, cloud);
  const dgRaw = dgText === undefined ? undefined : await parseFile(dgPath, dgText, dgPath.endsWith(".toml") ? "toml" : "yaml");
  registerToken(deps, (dgRaw?.cli as Table | undefined)?.plus);
  const dg = dgRaw === undefined ? undefined : plusTable(dgPath, dgRaw);

  const cloudHasValues = cloud !== undefined && Object.keys(cloud).length > 0;
  const dgHasValues = dg !== undefined && Object.keys(dg).length > 0;
  if (cloudHasValues && dgHasValues) {
    throw new ConfigError(`Found Dagster+ config in both ${shown(dgPath)} and ${shown(cloudPath)}.`, {
      hint: "Please consolidate your config files: keep the settings in one of them.",
    });
  }
  if (cloudHasValues) return { path: cloudPath, values: toValues(cloudPath, cloud) };
  if (dg !== undefined) return { path: dgPath, values: toValues(dgPath, dg) };
  if (cloud !== undefined) return { path: cloudPath, values: {} };
  return { path: undefined, values: {} };
}

function registerToken(deps: ConfigEnv, table: unknown): void {
  const token = typeof table === "object" && table !== null ? (table as Table).user_token : undefined;
  if ((typeof token === "string" && token !== "") || typeof token === "number") deps.onSecret?.(String(token));
}

/** A path for a message: it comes from the environment, so it is bounded and neutralised. */
function shown(path: string): string {
  return oneLine(path, 200);
}

async function readConfigFile(deps: ConfigEnv, path: string): Promise<string | undefined> {
  try {
    return await deps.readFile(path);
  } catch (error) {
    const hint = "Fix its permissions, or point DAGSTER_CLOUD_CLI_CONFIG / DG_CLI_CONFIG elsewhere.";
    if (error instanceof FileRejected) {
      throw new ConfigError(`Cannot read the config file ${shown(path)}: it ${error.reason}.`, {
        hint: "Point DAGSTER_CLOUD_CLI_CONFIG / DG_CLI_CONFIG at a config file, or remove what is at that path.",
      });
    }
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new ConfigError(`Cannot read the config file ${shown(path)}: ${code || oneLine(String(error), 200)}.`, { hint, cause: error });
  }
}

type Table = Record<string, unknown>;

async function parseFile(path: string, text: string, format: "yaml" | "toml"): Promise<Table> {
  const parsers = await import("./parsers.ts");
  let parsed: unknown;
  try {
    parsed = format === "toml" ? parsers.parseToml(text) : parsers.parseYaml(text).data;
  } catch (error) {
    if (!(error instanceof parsers.ParseProblem)) throw error;
    // The file holds the token: the message gives where and a fixed phrase, never a line of the
    // file, and there is no `cause` (the parser's error quotes the line; --verbose prints causes).
    const where = error.line === undefined ? shown(path) : `${shown(path)}:${error.line}:${error.column ?? 1}`;
    throw new ConfigError(`The config file ${shown(path)} is not valid ${format.toUpperCase()}: ${error.reason} at ${where}.`, {
      hint: "Fix the file, or point DAGSTER_CLOUD_CLI_CONFIG / DG_CLI_CONFIG elsewhere.",
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError(`The config file ${shown(path)} must hold a mapping of keys to values.`, {
      hint: "Expected lines like `organization: my-org` and `user_token: ...`.",
    });
  }
  return parsed as Table;
}

function plusTable(path: string, raw: Table): Table | undefined {
  const cli = raw.cli;
  if (cli === undefined) return undefined;
  const plus = typeof cli === "object" && cli !== null ? (cli as Table).plus : undefined;
  if (plus === undefined) return undefined;
  if (typeof plus !== "object" || plus === null || Array.isArray(plus)) {
    throw new ConfigError(`The [cli.plus] entry of ${shown(path)} must be a table.`);
  }
  return plus as Table;
}

const STRING_KEYS = ["url", "organization", "default_deployment", "user_token"] as const;

/** Known keys are type-checked; unknown keys are ignored (the Python CLI crashes on them). */
function toValues(path: string, table: Table): ConfigValues {
  const values: ConfigValues = {};
  for (const key of STRING_KEYS) {
    const value = table[key];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string" && typeof value !== "number") {
      throw new ConfigError(`\`${key}\` in ${shown(path)} must be a string, not ${describe(value)}.`);
    }
    values[key] = String(value);
  }
  const timeout = table.agent_timeout;
  if (timeout !== undefined && timeout !== null && timeout !== "") {
    const seconds = typeof timeout === "string" ? Number(timeout) : timeout;
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0) {
      throw new ConfigError(`\`agent_timeout\` in ${shown(path)} must be a whole number of seconds, not ${describe(timeout)}.`);
    }
    values.agent_timeout = seconds;
  }
  return values;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return "a date";
  if (value instanceof Uint8Array) return "binary data";
  if (typeof value === "object" && value !== null) return "a mapping";
  if (typeof value === "string") return quote(value, 40);
  return oneLine(String(value), 40);
}
