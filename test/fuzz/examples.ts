/**
 * Hand-picked inputs that the fuzz property runs first (fast-check's `examples`): paths that random
 * generation reaches too rarely to count on, through the same invariants.
 */
import type { ServerPlan } from "./fake-server.ts";
import type { GeneratedArgv } from "./argv.ts";
import { CWD, type Surroundings } from "./inputs.ts";
import { FLAG_TOKEN, TOKEN } from "./strings.ts";

const world = (env: Record<string, string> = {}, files: Record<string, string> = {}): Surroundings => ({
  env: { DAGSTER_CLOUD_API_TOKEN: TOKEN, ...env },
  files,
  unreadable: {},
  headCommit: undefined,
  repoContext: undefined,
  isTTY: false,
});
const plan = (script: ServerPlan["script"], sticky = false, extraBranches: string[] = []): ServerPlan => ({ agent: "running", loadDelayMs: 300, script, sticky, extraBranches });
const argv = (command: string, ...rest: string[]): GeneratedArgv => ({ command, argv: [...command.split(" "), ...rest], pathIntact: true });
const CREATE = ["-o", "acme", "--git-repo-name", "acme/app", "--branch-name", "feature/x", "--commit-hash", "abc", "--timestamp", "1"];
const ADD = ["-o", "acme", "-d", "prod", "loc", "-m", "pkg.defs"];

export const EXAMPLES: [GeneratedArgv, Surroundings, ServerPlan][] = [
  // A load error whose message and traceback carry escapes and a workflow command on a line of its own.
  [argv("deployment add-location", ...ADD, "--image", "registry/broken:1"), world(), plan([{ kind: "rename", names: ["x\n::set-output name=a::b", "\u001b[2J\r##vso[task.setvariable]x"], texts: true }], true)],
  // The server echoes the token it was sent, whole and cut short, in each kind of error.
  [argv("branch-deployment create-or-update", ...CREATE), world(), plan([{ kind: "result", typename: "PythonError", message: `${"x".repeat(60)} {{token}} {{token-url}}` }])],
  [argv("branch-deployment create-or-update", ...CREATE, "--api-token", FLAG_TOKEN), world(), plan([{ kind: "http", status: 401, statusText: "{{token}}", headers: {}, body: '{"error":"{{token-json}}"}' }])],
  // Maintenance for ever with odd numbers: bounded by the hour-long cap.
  [argv("branch-deployment get", ...CREATE.slice(0, 6)), world(), plan([{ kind: "http", status: 200, statusText: "", headers: {}, body: '{"maintenance":{"message":"\\u001b[31m::add-mask::x","timeout":1e308,"retry_interval":-1}}' }], true)],
  // Hostile names in a listing, piped and as JSON.
  [argv("branch-deployment list", "-o", "acme"), world(), plan([], false, ["x\n::set-output name=a::b", "\u001b[31mred"])],
  [argv("branch-deployment list", "-o", "acme", "--json"), world(), plan([], false, ["\u202eevil", "\u009b31m"])],
  // A malformed config file holding the token, read because nothing else names the organization.
  [argv("branch-deployment list", "--verbose"), world({ DAGSTER_CLOUD_API_TOKEN: "" }, { "/home/ci/.dagster_cloud_cli/config": `organization: acme\nuser_token: "${TOKEN}\n` }), plan([])],
  // The location file from the working directory, its env_vars holding the token, shown with --dry-run and --verbose.
  [
    argv("deployment add-location", "-o", "acme", "-d", "prod", "--location-file", "dagster_cloud.yaml", "--dry-run", "--verbose"),
    world({}, { [`${CWD}/dagster_cloud.yaml`]: `locations:\n  - location_name: loc\n    code_source: {module_name: pkg}\n    container_context: {k8s: {env_vars: ["API_TOKEN=${TOKEN}"]}}\n` }),
    plan([]),
  ],
];
