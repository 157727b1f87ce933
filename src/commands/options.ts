import { Option, type Command } from "commander";
import { UsageError } from "../errors.ts";
import { quote } from "../text.ts";
import type { ConnectionFlags } from "../settings/connection.ts";

/** A flag's value as text, or undefined when absent or empty ("" means "not given"). */
export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * `--organization/-o`, `--api-token/--user-token/-u`, `--url`, shared by every command, under their
 * own heading in help; options added after them fall under "Options:".
 */
export function connectionOptions(command: Command): void {
  command
    .optionsGroup("Connection (flag > environment > config file):")
    .option("-o, --organization <organization>", "Dagster+ organization. Env: DAGSTER_CLOUD_ORGANIZATION. Config: organization.")
    .option(
      "-u, --api-token <token>",
      "Dagster+ API token. Env: DAGSTER_CLOUD_API_TOKEN (safer than a flag). Config: user_token. Alias: --user-token.",
    )
    .option("--url <url>", "Dagster+ URL instead of the organization, e.g. https://<org>.dagster.cloud. Env: DAGSTER_CLOUD_URL. Config: url.");
  aliasOption(command, "--user-token <token>", "apiToken");
  command.optionsGroup("Options:");
}

/** The connection flags as given (empty means absent); `--deployment` only where the command has it. */
export function connectionFlags(flags: Record<string, unknown>): ConnectionFlags {
  return {
    organization: text(flags.organization),
    apiToken: text(flags.apiToken),
    url: text(flags.url),
    deployment: text(flags.deployment),
  };
}

/** `--deployment/-d` for deployment-scoped commands. */
export function deploymentOption(command: Command, description = "Deployment. Env: DAGSTER_CLOUD_DEPLOYMENT. Config: default_deployment."): void {
  command.addOption(new Option("-d, --deployment <deployment>", description).helpGroup("Connection (flag > environment > config file):"));
}

/**
 * A second long name for an option (commander has one per option): hidden from the option list,
 * and writing to the canonical option's value, so the last one given wins, as in Click.
 */
export function aliasOption(command: Command, flags: string, target: string): void {
  const option = new Option(flags).hideHelp();
  command.addOption(option);
  command.on(`option:${option.name()}`, (value: string) => command.setOptionValueWithSource(target, value, "cli"));
}

export function verboseOption(command: Command): void {
  command.addOption(new Option("--verbose", "Explain on stderr what happens; show stack traces of failures.").helpGroup(OUTPUT_GROUP));
}

export const OUTPUT_GROUP = "Output:";

/** An "Examples:" section at the end of a command's help. */
export function examples(command: Command, lines: readonly string[]): void {
  command.addHelpText("after", `\nExamples:\n${lines.map((line) => `  ${line}`).join("\n")}\n`);
}

/**
 * Scripts pass `"${EXTRA[@]:-}"`, which is one empty argument: ignore those; anything else is a
 * usage error, as in the Python CLI.
 */
export function positionalsMustBeEmpty(args: readonly string[], commandPath: string): void {
  const extra = args.filter((arg) => arg !== "");
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument ${describeArgument(extra[0] ?? "")}.`, {
      hint: `Run 'dagster-cloud ${commandPath} --help' to see its options.`,
    });
  }
}

/**
 * A stray argument, for a message: quoted when short; a long one (possibly a secret that lost its
 * flag) is shown by its first characters and length only.
 */
export function describeArgument(arg: string): string {
  return arg.length <= 24 ? quote(arg) : `${quote(`${arg.slice(0, 4)}…`)} (${arg.length} characters)`;
}
