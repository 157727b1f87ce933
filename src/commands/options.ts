import { Option, type Command } from "commander";
import { UsageError } from "../errors.ts";
import type { ConnectionFlags } from "../settings/connection.ts";

/** A flag's value as text, or undefined when absent or empty ("" means "not given"). */
export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** `--organization/-o`, `--api-token/--user-token/-u`, `--url`, shared by every command. */
export function connectionOptions(command: Command): void {
  command
    .option("-o, --organization <organization>", "Dagster+ organization. Env: DAGSTER_CLOUD_ORGANIZATION.")
    .option(
      "-u, --api-token <token>",
      "Dagster+ API token. Env: DAGSTER_CLOUD_API_TOKEN (safer than a flag). Alias: --user-token.",
    )
    .option("--url <url>", "Dagster+ URL, e.g. https://<org>.dagster.cloud. Env: DAGSTER_CLOUD_URL.");
  aliasOption(command, "--user-token <token>", "apiToken");
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
export function deploymentOption(command: Command, description = "Deployment. Env: DAGSTER_CLOUD_DEPLOYMENT."): void {
  command.option("-d, --deployment <deployment>", description);
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
  command.option("--verbose", "Explain on stderr what happens; show stack traces of failures.");
}

/**
 * Scripts pass `"${EXTRA[@]:-}"`, which is one empty argument: ignore those; anything else is a
 * usage error, as in the Python CLI.
 */
export function positionalsMustBeEmpty(args: readonly string[], commandPath: string): void {
  const extra = args.filter((arg) => arg !== "");
  if (extra.length > 0) {
    throw new UsageError(`Unexpected argument ${JSON.stringify(extra[0])}.`, {
      hint: `Run 'dagster-cloud ${commandPath} --help' to see its options.`,
    });
  }
}
