import { UsageError } from "../errors.ts";
import { cloudConfigPath, loadConfig, type ConfigEnv, type LoadedConfig } from "./config-file.ts";
import { quote } from "../text.ts";
import { parseBaseUrl } from "./url.ts";

/** Connection flags as given on the command line; empty strings already mean "not given". */
export interface ConnectionFlags {
  organization?: string | undefined;
  apiToken?: string | undefined;
  url?: string | undefined;
  /** Deployment-scoped commands only (`--deployment/-d`). */
  deployment?: string | undefined;
}

/**
 * `organization`: the URL is the organization's (create-or-update). `deployment`: the URL is a
 * deployment's, `https://<org>.dagster.cloud/<deployment>` unless a URL is given (add-location).
 * `target`: the deployment is what the command acts on (delete); requests go to its URL,
 * `https://<org>.dagster.cloud/<deployment>` unless a URL is given, with no deployment header.
 */
export type Scope = "organization" | "deployment" | "target";

export interface Connection {
  /** Base URL without trailing slash; requests go to `${baseUrl}/graphql`. */
  baseUrl: string;
  token: string;
  /** Where the token came from, for messages ("the --api-token flag", ...). Never the token. */
  tokenSource: string;
  organization: string | undefined;
  /** The deployment: the one addressed (scope `deployment`, when known) or acted on (scope `target`). */
  deployment: string | undefined;
  /** `Dagster-Cloud-Deployment`, for scope `deployment` when the deployment is known. */
  headers: Record<string, string>;
  /** Notes for stderr about the URL (https upgrade, plain-http warning). */
  notes: string[];
}

/** A setting and the three places it can come from, for resolution and for error messages. */
interface Setting {
  what: string;
  flag: string;
  env: string;
  key: keyof LoadedConfig["values"];
}

const ORGANIZATION: Setting = { what: "organization", flag: "--organization", env: "DAGSTER_CLOUD_ORGANIZATION", key: "organization" };
const TOKEN: Setting = { what: "API token", flag: "--api-token", env: "DAGSTER_CLOUD_API_TOKEN", key: "user_token" };
const DEPLOYMENT: Setting = { what: "deployment", flag: "--deployment (-d)", env: "DAGSTER_CLOUD_DEPLOYMENT", key: "default_deployment" };

interface Found {
  value: string;
  source: string;
}

/**
 * The one place connection settings are resolved. Precedence: flags given > environment > config
 * file. Where to connect is decided by the first of those levels that names a place; within a
 * level a URL beats an organization. The config file is only read when flags and environment
 * leave something open, so a fully-flagged CI call never touches it.
 */
export async function resolveConnection(flags: ConnectionFlags, deps: ConfigEnv, scope: Scope = "organization"): Promise<Connection> {
  // loadConfig reads the files at most once per deps, and only if a setting is still open here.
  const readConfig = (): Promise<LoadedConfig> => loadConfig(deps);
  const configFound = async (setting: Setting): Promise<Found | undefined> => {
    const loaded = await readConfig();
    const value = loaded.values[setting.key];
    return value === undefined ? undefined : { value: String(value), source: `\`${setting.key}\` in ${loaded.path}` };
  };
  const env = (name: string): Found | undefined => (deps.env[name] ? { value: deps.env[name], source: name } : undefined);
  const flag = (value: string | undefined, name: string): Found | undefined =>
    value ? { value, source: `the ${name} flag` } : undefined;

  // Where to connect: the first level (flags, environment, config) that names a place.
  let organization = flag(flags.organization, ORGANIZATION.flag) ?? env(ORGANIZATION.env);
  let place =
    placeOf(flag(flags.url, "--url"), flag(flags.organization, ORGANIZATION.flag)) ??
    placeOf(env("DAGSTER_CLOUD_URL"), env(ORGANIZATION.env));
  if (!place) {
    organization = await configFound(ORGANIZATION);
    place = organization ? await configPlace(organization, configFound) : undefined;
  }
  if (!place) throw await missingPlace(readConfig, deps);

  let deployment: Found | undefined;
  if (scope !== "organization") {
    deployment = flag(flags.deployment, "--deployment") ?? env(DEPLOYMENT.env);
    // A URL names its deployment already: the config's default must not contradict it in a header.
    if (!deployment && (scope === "target" || !place.fromUrl)) deployment = await configFound(DEPLOYMENT);
    if (!deployment) {
      if (scope === "target") throw missing(DEPLOYMENT, await describeConfig(readConfig, deps), " or its name as an argument");
      if (!place.fromUrl) throw missing(DEPLOYMENT, await describeConfig(readConfig, deps), " or the deployment's URL with --url / DAGSTER_CLOUD_URL");
    }
    // As the Python CLI: requests go to the deployment's own URL unless a URL was given.
    if (deployment && !place.fromUrl) place.baseUrl = `${place.baseUrl}/${checkDeployment(deployment)}`;
  }

  const token = flag(flags.apiToken, TOKEN.flag) ?? env(TOKEN.env) ?? (await configFound(TOKEN));
  if (!token) throw missing(TOKEN, await describeConfig(readConfig, deps), "");
  const tokenValue = token.value.trim();
  // It travels in an HTTP header: printable ASCII only (a pasted zero-width space would crash it).
  if (!/^[\x21-\x7e]+$/.test(tokenValue)) {
    throw new UsageError(`The API token from ${token.source} contains spaces, control or non-ASCII characters.`, {
      hint: "Check how the secret is stored: a token is a single word of printable ASCII.",
    });
  }
  const deploymentName = deployment === undefined ? undefined : checkDeployment(deployment);
  return {
    baseUrl: place.baseUrl,
    notes: place.notes,
    token: tokenValue,
    tokenSource: token.source,
    organization: organization?.value,
    deployment: deploymentName,
    // `delete` addresses the deployment by its URL and sends no header, as the Python CLI does.
    headers: deploymentName && scope === "deployment" ? { "dagster-cloud-deployment": deploymentName } : {},
  };
}

/** No organization or URL anywhere. A config with only `url:` gets its own explanation. */
async function missingPlace(readConfig: () => Promise<LoadedConfig>, deps: ConfigEnv): Promise<UsageError> {
  const loaded = await readConfig();
  const path = loaded.path ?? cloudConfigPath(deps);
  if (loaded.values.url !== undefined) {
    return new UsageError(`No organization given: \`url\` in ${path} is a base URL, and the organization is still needed.`, {
      hint: `Set \`organization\` in ${path} (requests then go to <url>/<organization>), pass --organization or set DAGSTER_CLOUD_ORGANIZATION; or pass the full URL with --url.`,
    });
  }
  return missing(ORGANIZATION, path, " or the URL with --url / DAGSTER_CLOUD_URL");
}

interface Place {
  baseUrl: string;
  notes: string[];
  /** Given as a URL (rather than built from the organization). */
  fromUrl: boolean;
}

function placeOf(url: Found | undefined, organization: Found | undefined): Place | undefined {
  if (url) {
    const { base, notes } = parseBaseUrl(url.value, url.source.replace(/^the | flag$/g, ""));
    return { baseUrl: base, notes, fromUrl: true };
  }
  if (organization) return { baseUrl: `https://${checkOrganization(organization)}.dagster.cloud`, notes: [], fromUrl: false };
  return undefined;
}

/**
 * Reached only when neither flags nor environment name a place, so the organization is the
 * config's. dg-style config: `url` is a region's base host (https://eu.dagster.cloud) and the
 * organization a path under it.
 */
async function configPlace(
  organization: Found,
  configFound: (setting: Setting) => Promise<Found | undefined>,
): Promise<Place> {
  const url = await configFound({ what: "URL", flag: "--url", env: "DAGSTER_CLOUD_URL", key: "url" });
  if (!url) return placeOf(undefined, organization)!;
  const { base, notes } = parseBaseUrl(url.value, url.source);
  return { baseUrl: `${base}/${encodeURIComponent(checkOrganization(organization))}`, notes, fromUrl: false };
}

/** A deployment name goes into a URL path and a header: letters, digits, `-`, `_`, `.`. */
function checkDeployment(deployment: Found): string {
  const name = deployment.value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(name)) {
    throw new UsageError(`The deployment ${quote(deployment.value)} from ${deployment.source} is not a valid name.`, {
      hint: "Use the deployment's name as Dagster+ shows it (e.g. prod, or the name create-or-update printed).",
    });
  }
  return name;
}

function checkOrganization(organization: Found): string {
  const name = organization.value.trim();
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(name)) {
    throw new UsageError(`The organization ${quote(organization.value)} from ${organization.source} is not a valid name.`, {
      hint: "Use the organization's name as in https://<organization>.dagster.cloud, or pass --url.",
    });
  }
  return name;
}

async function describeConfig(readConfig: () => Promise<LoadedConfig>, deps: ConfigEnv): Promise<string> {
  return (await readConfig()).path ?? cloudConfigPath(deps);
}

function missing(setting: Setting, configPath: string, alternative: string): UsageError {
  return new UsageError(`No ${setting.what} given.`, {
    hint: `Pass ${setting.flag}${alternative}, set ${setting.env}, or set \`${setting.key}\` in ${configPath}.`,
  });
}
