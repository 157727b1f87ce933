import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.ts";
import { resolveConnection, type ConnectionFlags } from "../../src/settings/connection.ts";

const HOME = "/home/ci";
const CLOUD = `${HOME}/.dagster_cloud_cli/config`;
const DG = `${HOME}/.config/dg.toml`;

function deps(env: Record<string, string> = {}, files: Record<string, string> = {}) {
  const read: string[] = [];
  return {
    env,
    homedir: HOME,
    read,
    readFile: async (path: string) => {
      read.push(path);
      return files[path];
    },
  };
}

interface Row {
  name: string;
  flags?: ConnectionFlags;
  env?: Record<string, string>;
  files?: Record<string, string>;
  baseUrl: string;
  tokenSource: string;
}

const rows: Row[] = [
  { name: "flags only", flags: { organization: "acme", apiToken: "tok-flag-123" }, baseUrl: "https://acme.dagster.cloud", tokenSource: "the --api-token flag" },
  {
    name: "flags beat env",
    flags: { organization: "acme", apiToken: "tok-flag-123" },
    env: { DAGSTER_CLOUD_ORGANIZATION: "other", DAGSTER_CLOUD_API_TOKEN: "tok-env-123" },
    baseUrl: "https://acme.dagster.cloud",
    tokenSource: "the --api-token flag",
  },
  {
    name: "env beats config",
    env: { DAGSTER_CLOUD_ORGANIZATION: "acme", DAGSTER_CLOUD_API_TOKEN: "tok-env-123" },
    files: { [CLOUD]: "organization: other\nuser_token: tok-config-123\n" },
    baseUrl: "https://acme.dagster.cloud",
    tokenSource: "DAGSTER_CLOUD_API_TOKEN",
  },
  {
    name: "config fills what is missing",
    env: { DAGSTER_CLOUD_ORGANIZATION: "acme" },
    files: { [CLOUD]: "organization: other\nuser_token: tok-config-123\n" },
    baseUrl: "https://acme.dagster.cloud",
    tokenSource: `\`user_token\` in ${CLOUD}`,
  },
  {
    name: "an empty env var means not set (Python would hide the config value)",
    env: { DAGSTER_CLOUD_ORGANIZATION: "", DAGSTER_CLOUD_API_TOKEN: "" },
    files: { [CLOUD]: "organization: acme\nuser_token: tok-config-123\n" },
    baseUrl: "https://acme.dagster.cloud",
    tokenSource: `\`user_token\` in ${CLOUD}`,
  },
  {
    name: "--url beats --organization",
    flags: { url: "https://dagster.cloud/acme/", organization: "other", apiToken: "tok-flag-123" },
    baseUrl: "https://dagster.cloud/acme",
    tokenSource: "the --api-token flag",
  },
  {
    name: "--organization flag beats DAGSTER_CLOUD_URL",
    flags: { organization: "acme", apiToken: "tok-flag-123" },
    env: { DAGSTER_CLOUD_URL: "https://other.dagster.cloud/prod" },
    baseUrl: "https://acme.dagster.cloud",
    tokenSource: "the --api-token flag",
  },
  {
    name: "DAGSTER_CLOUD_URL beats DAGSTER_CLOUD_ORGANIZATION",
    flags: { apiToken: "tok-flag-123" },
    env: { DAGSTER_CLOUD_URL: "https://gw.example.test/dagster/acme", DAGSTER_CLOUD_ORGANIZATION: "other" },
    baseUrl: "https://gw.example.test/dagster/acme",
    tokenSource: "the --api-token flag",
  },
  {
    name: "dg.toml [cli.plus] with a region url: path style under it",
    files: { [DG]: '[cli]\nverbose = true\n[cli.plus]\nurl = "https://eu.dagster.cloud"\norganization = "hooli"\nuser_token = "abc123456"\n' },
    baseUrl: "https://eu.dagster.cloud/hooli",
    tokenSource: `\`user_token\` in ${DG}`,
  },
  {
    name: "DG_CLI_CONFIG points elsewhere; a non-.toml file is YAML",
    env: { DG_CLI_CONFIG: "/etc/dg.yaml" },
    files: { "/etc/dg.yaml": "cli:\n  plus:\n    organization: hooli\n    user_token: abc123456\n" },
    baseUrl: "https://hooli.dagster.cloud",
    tokenSource: "`user_token` in /etc/dg.yaml",
  },
  {
    name: "XDG_CONFIG_HOME locates dg.toml",
    env: { XDG_CONFIG_HOME: "/xdg" },
    files: { "/xdg/dg.toml": '[cli.plus]\norganization = "hooli"\nuser_token = "abc123456"\n' },
    baseUrl: "https://hooli.dagster.cloud",
    tokenSource: "`user_token` in /xdg/dg.toml",
  },
  {
    name: "DAGSTER_CLOUD_CLI_CONFIG points elsewhere",
    env: { DAGSTER_CLOUD_CLI_CONFIG: "/ci/dagster.yaml" },
    files: { "/ci/dagster.yaml": "organization: acme\nuser_token: tok-config-123\nunknown_key: ignored\n" },
    baseUrl: "https://acme.dagster.cloud",
    tokenSource: "`user_token` in /ci/dagster.yaml",
  },
  {
    name: "an empty cloud file does not hide dg.toml (deliberate fix)",
    files: { [CLOUD]: "\n", [DG]: '[cli.plus]\norganization = "hooli"\nuser_token = "abc123456"\n' },
    baseUrl: "https://hooli.dagster.cloud",
    tokenSource: `\`user_token\` in ${DG}`,
  },
  {
    name: "the config url is not applied to an organization from a flag",
    flags: { organization: "acme" },
    files: { [CLOUD]: "url: https://eu.dagster.cloud\nuser_token: tok-config-123\n" },
    baseUrl: "https://acme.dagster.cloud",
    tokenSource: `\`user_token\` in ${CLOUD}`,
  },
];

describe("resolveConnection precedence", () => {
  it.each(rows)("$name", async ({ flags = {}, env = {}, files = {}, baseUrl, tokenSource }) => {
    const connection = await resolveConnection(flags, deps(env, files));
    expect({ baseUrl: connection.baseUrl, tokenSource: connection.tokenSource }).toEqual({ baseUrl, tokenSource });
  });

  it("does not read config files when flags and env say everything", async () => {
    const d = deps({ DAGSTER_CLOUD_API_TOKEN: "tok-env-123" }, { [CLOUD]: "organization: [broken" });
    await resolveConnection({ organization: "acme" }, d);
    expect(d.read).toEqual([]);
  });

  it("trims a token's surrounding whitespace (a secret read from a file keeps its newline)", async () => {
    const connection = await resolveConnection({ organization: "acme" }, deps({ DAGSTER_CLOUD_API_TOKEN: "tok-env-123\n" }));
    expect(connection.token).toBe("tok-env-123");
  });
});

interface ErrorRow {
  name: string;
  flags?: ConnectionFlags;
  env?: Record<string, string>;
  files?: Record<string, string>;
  message: RegExp;
  hint?: RegExp;
}

const errorRows: ErrorRow[] = [
  {
    name: "no organization anywhere",
    flags: { apiToken: "tok-flag-123" },
    message: /^No organization given\.$/,
    hint: /--organization or the URL with --url \/ DAGSTER_CLOUD_URL, set DAGSTER_CLOUD_ORGANIZATION, or set `organization` in \/home\/ci\/\.dagster_cloud_cli\/config/,
  },
  {
    name: "no token anywhere",
    flags: { organization: "acme" },
    message: /^No API token given\.$/,
    hint: /--api-token, set DAGSTER_CLOUD_API_TOKEN, or set `user_token` in/,
  },
  {
    name: "both config files populated",
    files: { [CLOUD]: "organization: a\n", [DG]: '[cli.plus]\norganization = "b"\n' },
    message: /Found Dagster\+ config in both \/home\/ci\/\.config\/dg\.toml and \/home\/ci\/\.dagster_cloud_cli\/config/,
  },
  {
    name: "malformed YAML names the file and the problem",
    files: { [CLOUD]: "organization: [acme\n" },
    message: /config file \/home\/ci\/\.dagster_cloud_cli\/config is not valid YAML: .+/,
  },
  {
    name: "malformed TOML names the file",
    files: { [DG]: "[cli.plus\n" },
    message: /config file \/home\/ci\/\.config\/dg\.toml is not valid TOML: .+/,
  },
  {
    name: "a config that is a list",
    files: { [CLOUD]: "- a\n- b\n" },
    message: /config file .* must hold a mapping/,
  },
  {
    name: "a key of the wrong type",
    files: { [CLOUD]: "organization:\n  nested: true\n" },
    message: /`organization` in \/home\/ci\/\.dagster_cloud_cli\/config must be a string, not a mapping/,
  },
  {
    name: "an organization that cannot be a host name",
    flags: { organization: "acme corp", apiToken: "tok-flag-123" },
    message: /organization "acme corp" from the --organization flag is not a valid name/,
  },
  {
    name: "a token with an inner space",
    flags: { organization: "acme", apiToken: "tok en-123" },
    message: /API token from the --api-token flag contains spaces/,
  },
  {
    name: "a URL with a bad scheme",
    flags: { url: "ftp://acme.dagster.cloud", apiToken: "tok-flag-123" },
    message: /Invalid URL in --url \/ DAGSTER_CLOUD_URL \("ftp:\/\/acme\.dagster\.cloud"\): the scheme must be https or http, not ftp/,
  },
];

describe("resolveConnection errors", () => {
  it.each(errorRows)("$name", async ({ flags = {}, env = {}, files = {}, message, hint }) => {
    const error = await resolveConnection(flags, deps(env, files)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    if (hint) expect((error as UsageError).hint).toMatch(hint);
    expect(String((error as Error).message)).not.toMatch(/tok-flag-123|tok-config-123/);
  });
});

describe("resolveConnection never opens a config file it does not need", () => {
  const broken = { [CLOUD]: "organization: [broken\nuser_token: tok-config-123\n", [DG]: "[cli.plus\n" };
  it.each<[string, Parameters<typeof resolveConnection>[2], ConnectionFlags, Record<string, string>]>([
    ["create-or-update with --url and --api-token", "organization", { url: "https://acme.dagster.cloud", apiToken: "tok-flag-123" }, {}],
    ["create-or-update with --organization and the env token", "organization", { organization: "acme" }, { DAGSTER_CLOUD_API_TOKEN: "tok-env-123" }],
    ["add-location with a deployment URL", "deployment", { url: "https://acme.dagster.cloud/prod", apiToken: "tok-flag-123" }, {}],
    ["add-location with --organization and --deployment", "deployment", { organization: "acme", deployment: "prod", apiToken: "tok-flag-123" }, {}],
    ["delete with --organization and the deployment", "target", { organization: "acme", deployment: "abc", apiToken: "tok-flag-123" }, {}],
    ["delete with env only", "target", {}, { DAGSTER_CLOUD_URL: "https://acme.dagster.cloud/abc", DAGSTER_CLOUD_DEPLOYMENT: "abc", DAGSTER_CLOUD_API_TOKEN: "tok-env-123" }],
  ])("%s", async (_name, scope, flags, env) => {
    const d = deps(env, broken);
    await resolveConnection(flags, d, scope);
    expect(d.read).toEqual([]);
  });
});

describe("resolveConnection: where each scope sends its requests", () => {
  it.each<[string, Parameters<typeof resolveConnection>[2], ConnectionFlags, string, Record<string, string>]>([
    ["create-or-update: the organization's URL", "organization", { organization: "acme" }, "https://acme.dagster.cloud", {}],
    ["add-location: the deployment's URL, with its header", "deployment", { organization: "acme", deployment: "bd1" }, "https://acme.dagster.cloud/bd1", { "dagster-cloud-deployment": "bd1" }],
    ["delete: the deployment's URL, no header (as the Python CLI)", "target", { organization: "acme", deployment: "bd1" }, "https://acme.dagster.cloud/bd1", {}],
    ["delete with --url: the URL as given", "target", { url: "https://dagster.cloud/acme/bd1", deployment: "bd1" }, "https://dagster.cloud/acme/bd1", {}],
  ])("%s", async (_name, scope, flags, baseUrl, headers) => {
    const connection = await resolveConnection({ apiToken: "tok-flag-123", ...flags }, deps(), scope);
    expect({ baseUrl: connection.baseUrl, headers: connection.headers }).toEqual({ baseUrl, headers });
  });

  it("a config with only `url:` explains that the organization is still needed", async () => {
    const error = await resolveConnection({ apiToken: "tok-flag-123" }, deps({}, { [CLOUD]: "url: https://eu.dagster.cloud\n" })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: 2,
      message: `No organization given: \`url\` in ${CLOUD} is a base URL, and the organization is still needed.`,
      hint: expect.stringMatching(/^Set `organization` in .* \(requests then go to <url>\/<organization>\)/),
    });
  });
});
