/**
 * Everything around the command line: the environment (connection variables, the token, colour,
 * CI providers' variables), the config files, the location file, a GitHub event file, files that
 * cannot be read, and what git says. Paths are those fakeDeps uses (HOME /home/ci, cwd /work/repo).
 */
import fc from "fast-check";
import { stringify } from "yaml";
import type { HeadCommit } from "../../src/git/head-commit.ts";
import type { RepoContext } from "../../src/git/repo-context.ts";
import { LOCATION_FILE, SEEDED } from "./commands.ts";
import { HOSTILE, hostileText, sometimes, TOKEN, usually } from "./strings.ts";

export const CWD = "/work/repo";
export const HOME = "/home/ci";
export const CLOUD_CONFIG = `${HOME}/.dagster_cloud_cli/config`;
export const DG_CONFIG = `${HOME}/.config/dg.toml`;
const EVENT_FILE = `${CWD}/event.json`;

export interface Surroundings {
  env: Record<string, string>;
  files: Record<string, string>;
  /** Paths whose reading fails: the error thrown (a FIFO, a device, EACCES...). */
  unreadable: Record<string, "fifo" | "EACCES" | "EISDIR">;
  headCommit: HeadCommit | undefined;
  repoContext: RepoContext | undefined;
  isTTY: boolean;
}

const oddOr = (plausible: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...plausible) }, { weight: 1, arbitrary: hostileText });

const ciEnv: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 2,
    arbitrary: fc.record({
      GITHUB_ACTIONS: fc.constant("true"),
      GITHUB_REPOSITORY: oddOr([SEEDED.repoName]),
      GITHUB_REF: oddOr([`refs/heads/${SEEDED.branchName}`, "refs/pull/7/merge"]),
      GITHUB_REF_NAME: oddOr([SEEDED.branchName]),
      GITHUB_SHA: oddOr(["f".repeat(40)]),
      GITHUB_EVENT_NAME: oddOr(["push", "pull_request"]),
      GITHUB_EVENT_PATH: fc.constantFrom(EVENT_FILE, "/missing/event.json"),
      GITHUB_SERVER_URL: oddOr(["https://github.com"]),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      GITLAB_CI: fc.constant("true"),
      CI_PROJECT_NAME: oddOr(["app"]),
      CI_PROJECT_URL: oddOr(["https://gitlab.com/acme/app"]),
      CI_COMMIT_REF_NAME: oddOr([SEEDED.branchName]),
      CI_COMMIT_SHA: oddOr(["e".repeat(40)]),
      CI_MERGE_REQUEST_IID: oddOr(["7", ""]),
    }),
  },
);

const envArb: fc.Arbitrary<Record<string, string>> = fc
  .record({
    token: fc.oneof(
      { weight: 8, arbitrary: fc.constant<string | undefined>(TOKEN) },
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom(` ${TOKEN}\n`, "", "short", `${TOKEN} ${TOKEN}`, `${TOKEN}\u200b`) },
    ),
    organization: sometimes(oddOr(["acme", ""]), 3),
    url: sometimes(oddOr(["https://acme.dagster.cloud", "https://dagster.cloud/acme", `https://u:${TOKEN}@acme.dagster.cloud`, "http://[::1"]), 6),
    deployment: sometimes(oddOr(["prod", "missing"]), 4),
    proxy: sometimes(fc.constant(`http://proxyuser:${TOKEN}@proxy.internal:3128`), 6),
    colour: fc.constantFrom<Record<string, string>>({}, {}, { NO_COLOR: "1" }, { FORCE_COLOR: "1" }, { FORCE_COLOR: "3" }, { TERM: "dumb" }),
    timeouts: sometimes(fc.constantFrom("5", "0", "x", "-1").map((value): Record<string, string> => ({ DAGSTER_CLOUD_LOCATION_LOAD_TIMEOUT: value })), 6),
    ci: ciEnv,
  })
  .map(({ token, organization, url, deployment, proxy, colour, timeouts, ci }) => {
    const env: Record<string, string> = { ...colour, ...timeouts, ...ci };
    if (token !== undefined) env.DAGSTER_CLOUD_API_TOKEN = token;
    if (organization !== undefined) env.DAGSTER_CLOUD_ORGANIZATION = organization;
    if (url !== undefined) env.DAGSTER_CLOUD_URL = url;
    if (deployment !== undefined) env.DAGSTER_CLOUD_DEPLOYMENT = deployment;
    if (proxy !== undefined) env.HTTPS_PROXY = proxy;
    return env;
  });

const q = (text: string) => JSON.stringify(text);
/** Lines of a YAML config: right, wrong, and the token in places a parser may quote. */
const CONFIG_LINES = [
  "organization: acme",
  `user_token: ${TOKEN}`,
  `user_token: ${q(TOKEN)}`,
  `user_token: "${TOKEN}`,
  `  user_token: ${TOKEN}`,
  `user_token: [${TOKEN}`,
  `user_token: ${TOKEN}\n\t- x`,
  `user_token: ${TOKEN}\nuser_token: ${TOKEN}`,
  `${TOKEN}: x`,
  "url: https://eu.dagster.cloud",
  "default_deployment: prod",
  "agent_timeout: 5",
  "agent_timeout: forever",
  "organization: [a, b]",
  "a: &x [*x]",
  `${"[".repeat(100)}`,
  "--- \n---",
  ...HOSTILE.map((text) => `organization: ${q(text)}`),
  ...HOSTILE.map((text) => `default_deployment: ${q(text)}`),
  ...HOSTILE.slice(0, 8),
];
const yamlConfig = fc.array(fc.constantFrom(...CONFIG_LINES), { maxLength: 5 }).map((lines) => lines.join("\n"));
const tomlConfig = fc.constantFrom(
  `[cli.plus]\norganization = "acme"\nuser_token = ${q(TOKEN)}\n`,
  `[cli.plus]\nuser_token = ${TOKEN}\n`,
  `[cli.plus]\nuser_token = "${TOKEN}\n`,
  `[cli]\nplus = 1\n`,
  `[cli.plus]\norganization = "\\u001b[31m"\n`,
  "[[[",
);

/** A location entry with plausible or hostile values, and the token where secrets go (env_vars). */
const locationEntry = fc.record(
  {
    location_name: oddOr(["loc", "seeded_loc"]),
    code_source: fc.oneof(
      fc.constant({ module_name: "pkg.defs" }),
      fc.constant({ python_file: "defs.py", package_name: "pkg" }),
      fc.constant({}),
      hostileText.map((text) => ({ module_name: text })),
    ),
    image: oddOr(["registry/img:1", "registry/broken:1"]),
    imag: hostileText,
    container_context: fc.constant({ k8s: { env_vars: [`DAGSTER_CLOUD_API_TOKEN=${TOKEN}`], secrets: { api_key: TOKEN } } }),
    working_directory: hostileText,
  },
  { requiredKeys: ["location_name"] },
);
const locationFile = fc.oneof(
  { weight: 4, arbitrary: fc.array(locationEntry, { minLength: 1, maxLength: 2 }).map((locations) => stringify({ locations })) },
  { weight: 1, arbitrary: locationEntry.map((entry) => stringify(entry)) },
  // A broken file: a stray line (never the token: a location file's text is not secret, errors may
  // quote it), or the token's own line broken (an unterminated quote in env_vars).
  { weight: 1, arbitrary: fc.tuple(locationEntry, fc.constantFrom(...CONFIG_LINES.filter((line) => !line.includes(TOKEN)))).map(([entry, line]) => `${stringify({ locations: [entry] })}${line}\n`) },
  { weight: 1, arbitrary: fc.constant(`locations:\n  - location_name: loc\n    code_source: {module_name: pkg}\n    container_context:\n      env_vars:\n        - "API_TOKEN=${TOKEN}\n`) },
  { weight: 1, arbitrary: hostileText },
);

const eventFile = fc.oneof(
  fc.constant(JSON.stringify({ pull_request: { number: 7, state: "open", merged: false, html_url: "https://github.com/acme/app/pull/7", head: { ref: SEEDED.branchName, sha: "f".repeat(40), repo: { full_name: SEEDED.repoName } } } })),
  hostileText.map((text) => JSON.stringify({ pull_request: { number: text, state: text, head: { ref: text, sha: text } } })),
  hostileText,
);

/** What src/git reads: the hash and time are checked there (hex, integer); the rest is anyone's text. */
const commitArb: fc.Arbitrary<HeadCommit> = fc.record({
  commitHash: fc.constantFrom("f".repeat(40), "0123456789abcdef".repeat(4)),
  authorEmail: oddOr(["ann@example.com"]),
  authorName: oddOr(["Ann Author"]),
  timestamp: fc.constantFrom(1700000000, 0, 4102444800),
  commitMessage: oddOr(["Fix things"]),
});

export const surroundingsArb: fc.Arbitrary<Surroundings> = fc
  .record({
    env: envArb,
    cloudConfig: sometimes(yamlConfig, 2),
    dgConfig: sometimes(tomlConfig, 5),
    locationFile: usually(locationFile, 5),
    eventFile: eventFile,
    unreadable: sometimes(fc.constantFrom<[string, Surroundings["unreadable"][string]]>([CLOUD_CONFIG, "fifo"], [CLOUD_CONFIG, "EACCES"], [`${CWD}/${LOCATION_FILE}`, "fifo"], [`${CWD}/${LOCATION_FILE}`, "EISDIR"], ["/dev/zero", "fifo"]), 6),
    headCommit: usually(commitArb, 3),
    repoContext: usually(fc.record({ repoName: oddOr([SEEDED.repoName]), branchName: oddOr([SEEDED.branchName]), headCommit: commitArb }, { requiredKeys: [] }), 2),
    isTTY: fc.boolean(),
  })
  .map(({ env, cloudConfig, dgConfig, locationFile, eventFile, unreadable, headCommit, repoContext, isTTY }) => {
    const files: Record<string, string> = { [EVENT_FILE]: eventFile };
    if (cloudConfig !== undefined) files[CLOUD_CONFIG] = cloudConfig;
    if (dgConfig !== undefined) files[DG_CONFIG] = dgConfig;
    if (locationFile !== undefined) files[`${CWD}/${LOCATION_FILE}`] = locationFile;
    return { env, files, unreadable: unreadable ? { [unreadable[0]]: unreadable[1] } : {}, headCommit, repoContext, isTTY };
  });
