/**
 * The GitHub Action: on a pull request event, create or update the branch deployment and deploy
 * the location into it; on `closed`, mark it closed or merged. Each step is a CLI command run in
 * this process (./cli.ts), so the action behaves exactly as the CLI documented in the README.
 * This process's stdout is the job log: workflow commands (mask, error, warning) go there.
 */
import { appendFileSync } from "node:fs";
import { oneLine, quote } from "../text.ts";
import { runCli, type CliResult, type Sink } from "./cli.ts";
import { readEvent, type PullRequestEvent } from "./event.ts";
import { connectionArgs, readInputs, type ActionInputs } from "./inputs.ts";
import { addMask, error, outputEntry, warning } from "./workflow-commands.ts";

const EVENTS = ["pull_request", "pull_request_target"];

interface Context {
  env: Record<string, string | undefined>;
  inputs: ActionInputs;
  event: PullRequestEvent;
  out: Sink;
  cli(argv: string[]): Promise<CliResult>;
}

/** Runs the action; the process's exit code. */
export async function runAction(env: Record<string, string | undefined>, out: Sink, log: Sink): Promise<number> {
  const inputs = readInputs(env);
  // Before anything else is printed: the runner hides the token in every later line of the log.
  if (inputs.apiToken !== undefined) out.write(addMask(inputs.apiToken));
  const fail = (message: string): number => (out.write(error(message)), 1);
  if (inputs.apiToken === undefined) {
    return fail("The api-token input is empty. Pass a secret: `api-token: ${{ secrets.DAGSTER_CLOUD_API_TOKEN }}` (secrets are not given to pull requests from forks).");
  }
  if (inputs.organization === undefined && inputs.url === undefined) return fail("Set the organization input (or url, for a Dagster+ URL).");
  const event = readEvent(env);
  if (typeof event === "string") return fail(`Cannot read the GitHub event: ${event}.`);
  if (!EVENTS.includes(event.name)) {
    return fail(`This action handles pull_request events, not ${quote(event.name)}. Run it \`on: pull_request\` with types opened, synchronize, reopened, closed.`);
  }
  // The token travels in the environment, as DAGSTER_CLOUD_API_TOKEN: never on a command line.
  const cliEnv = { ...env, DAGSTER_CLOUD_API_TOKEN: inputs.apiToken };
  const context: Context = { env, inputs, event, out, cli: (argv) => runCli(argv, cliEnv, log) };
  return event.action === "closed" ? close(context) : deploy(context);
}

async function deploy({ env, inputs, event, out, cli }: Context): Promise<number> {
  const connection = connectionArgs(inputs);
  const base = inputs.baseDeploymentName === undefined ? [] : ["--base-deployment-name", inputs.baseDeploymentName];
  const created = await cli(["branch-deployment", "create-or-update", "--json", ...connection, ...base]);
  if (created.code !== 0) return failed(out, "create or update the branch deployment", created);
  const result = JSON.parse(created.stdout) as { name: string; url: string; commitHash: string };
  report(env, out, result);
  if (inputs.locationName === undefined && inputs.image === undefined) return 0;
  const args = ["deployment", "add-location", ...connection, "--deployment", result.name, "--location-file", inputs.locationFile];
  if (inputs.locationName !== undefined) args.push("--location-name", inputs.locationName);
  if (inputs.image !== undefined) args.push("--image", inputs.image);
  args.push("--commit-hash", result.commitHash);
  const server = env.GITHUB_SERVER_URL;
  if (server && /^https?:\/\/[^\s]+$/.test(server) && event.headRepo && event.headSha) args.push("--git-url", `${server}/${event.headRepo}/tree/${event.headSha}`);
  const added = await cli(args);
  return added.code === 0 ? 0 : failed(out, `deploy the location into branch deployment ${result.name}`, added);
}

async function close({ env, inputs, event, out, cli }: Context): Promise<number> {
  const status = event.merged ? "merged" : "closed";
  const closed = await cli(["branch-deployment", "close", "--status", status, "--json", ...connectionArgs(inputs)]);
  if (closed.code === 4) {
    out.write(warning("This pull request has no branch deployment: nothing to mark closed."));
    return 0;
  }
  if (closed.code !== 0) return failed(out, `mark the branch deployment ${status}`, closed);
  report(env, out, JSON.parse(closed.stdout) as { name: string; url: string });
  return 0;
}

function failed(out: Sink, what: string, result: CliResult): number {
  out.write(error(`Could not ${what}: ${result.error ?? `the CLI exited with code ${result.code}.`}`));
  return 1;
}

/** The outputs, and a line for the log. The name is checked by the CLI; the URL is built from inputs. */
function report(env: Record<string, string | undefined>, out: Sink, result: { name: string; url: string }): void {
  out.write(`Branch deployment ${result.name}: ${oneLine(result.url, 500)}\n`);
  const file = env.GITHUB_OUTPUT;
  if (!file) {
    out.write(warning("GITHUB_OUTPUT is not set: the deployment and url outputs are not set."));
    return;
  }
  appendFileSync(file, outputEntry("deployment", result.name) + outputEntry("url", result.url));
}
