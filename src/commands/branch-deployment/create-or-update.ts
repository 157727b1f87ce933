import { Option, type Command } from "commander";
import { UsageError } from "../../errors.ts";
import { quote } from "../../text.ts";
import type { ConnectionFlags } from "../../settings/connection.ts";
import { dryRunOption, jsonOption } from "../output.ts";
import { aliasOption, connectionFlags, connectionOptions, examples, positionalsMustBeEmpty, text, verboseOption } from "../options.ts";

export type PullRequestStatus = "OPEN" | "CLOSED" | "MERGED";
export type SnapshotBaseCondition = "ON_CREATE" | "ON_UPDATE";

/** Everything `create-or-update` needs, parsed and checked; absent values are `undefined`. */
export interface CreateOrUpdateOptions {
  connection: ConnectionFlags;
  /** Absent: from the CI context or local git (then the rest of what is absent comes from there too). */
  repoName: string | undefined;
  branchName: string | undefined;
  commitHash: string | undefined;
  timestamp: number | undefined;
  branchUrl: string | undefined;
  pullRequestUrl: string | undefined;
  pullRequestStatus: PullRequestStatus | undefined;
  pullRequestNumber: string | undefined;
  commitMessage: string | undefined;
  authorName: string | undefined;
  authorEmail: string | undefined;
  authorAvatarUrl: string | undefined;
  readGitState: boolean;
  /** --git-safe-directory / DAGSTER_CLOUD_GIT_SAFE_DIRECTORY: the one foreign-owned checkout to read. */
  gitSafeDirectory: string | undefined;
  /** The git checkout to read; default the working directory (`ci branch-deployment PROJECT_DIR`). */
  projectDir?: string | undefined;
  baseDeploymentName: string | undefined;
  snapshotBaseCondition: SnapshotBaseCondition | undefined;
  json: boolean;
  dryRun: boolean;
  verbose: boolean;
}

export type CreateOrUpdateRunner = (options: CreateOrUpdateOptions) => Promise<void>;

/** The `create-or-update` command with every flag and alias of the Python CLI (reference §5.1). */
export function createOrUpdateCommand(parent: Command, run: CreateOrUpdateRunner): Command {
  const command = parent
    .command("create-or-update")
    .summary("Create or update a branch deployment and print its name.")
    .description(
      "Create a branch deployment for a branch of a git repository, or update the one that exists, " +
        "and print its name on stdout (and nothing else), for NAME=$(dagster-cloud ...).",
    );
  connectionOptions(command);
  command
    .optionsGroup("Branch and pull request (default: from the CI's variables, then local git):")
    .option("--git-repo-name <name>", "Repository name, e.g. owner/repo. Alias: --repo-name.")
    .option("--branch-name <name>", "Branch name (the source branch of the pull request).")
    .option("--commit-hash <sha>", "Commit hash (with both names given: required without --read-git-state).")
    .option("--timestamp <seconds>", "Commit time in unix seconds (same rule as --commit-hash).")
    .option("--branch-url <url>", "URL of the branch.")
    .option("--code-review-url <url>", "URL of the pull/merge request. Alias: --pull-request-url.")
    .option("--pull-request-status <status>", "OPEN, CLOSED or MERGED (any case).")
    .option("--code-review-id <id>", "Number of the pull/merge request. Alias: --pull-request-id.")
    .option("--commit-message <message>", "Commit message.")
    .option("--author-name <name>", "Commit author's name.")
    .option("--author-email <email>", "Commit author's e-mail.")
    .option("--author-avatar-url <url>", "URL of the author's avatar.")
    .option("--read-git-state", "Read hash, time, author and subject of HEAD from git; flags given win.")
    .addOption(new Option("--no-read-git-state").hideHelp())
    .option("--git-safe-directory <dir>", "Read this git checkout although another user owns it. Env: DAGSTER_CLOUD_GIT_SAFE_DIRECTORY.")
    .optionsGroup("Options:")
    .option("--base-deployment-name [name]", "Deployment to base the branch deployment on (default: prod).")
    .option(
      "--snapshot-base-condition <condition>",
      "on-create or on-update: when to snapshot the base deployment (default: compare with it live).",
    );
  aliasOption(command, "--repo-name <name>", "gitRepoName");
  aliasOption(command, "--pull-request-url <url>", "codeReviewUrl");
  aliasOption(command, "--pull-request-id <id>", "codeReviewId");
  jsonOption(command);
  dryRunOption(command, "the mutation");
  verboseOption(command);
  examples(command, [
    "# In CI: repository, branch, commit and pull request from the CI's variables",
    "NAME=$(dagster-cloud branch-deployment create-or-update)",
    "# Everything given, as with the Python CLI:",
    "NAME=$(dagster-cloud branch-deployment create-or-update -o acme \\",
    "    --git-repo-name acme/app --branch-name feature/x --read-git-state)",
    "# The URL of the branch deployment, for a pull-request comment:",
    "dagster-cloud branch-deployment create-or-update --json | jq -r .url",
  ]);
  command.allowExcessArguments(true).action(async (_flags: unknown, cmd: Command) => {
    await run(toCreateOrUpdateOptions(cmd.optsWithGlobals(), cmd.args));
  });
  return command;
}

/** Flags → options. Empty strings mean "not given"; bad values are usage errors. */
export function toCreateOrUpdateOptions(flags: Record<string, unknown>, args: readonly string[]): CreateOrUpdateOptions {
  positionalsMustBeEmpty(args, "branch-deployment create-or-update");
  const repoName = text(flags.gitRepoName);
  const branchName = text(flags.branchName);
  const readGitState = flags.readGitState === true;
  const commitHash = text(flags.commitHash);
  const timestamp = parseTimestamp(text(flags.timestamp));
  // Both names given is the Python CLI's command line: its rules, exactly. Otherwise the CI context
  // and local git fill in what is missing.
  if (repoName !== undefined && branchName !== undefined && !readGitState && (commitHash === undefined || timestamp === undefined)) {
    throw new UsageError("Missing --commit-hash and --timestamp: both are required without --read-git-state.", {
      hint: "Pass --commit-hash and --timestamp, or --read-git-state to read them from the git checkout.",
    });
  }
  return {
    connection: connectionFlags(flags),
    repoName,
    branchName,
    commitHash,
    timestamp,
    branchUrl: text(flags.branchUrl),
    pullRequestUrl: text(flags.codeReviewUrl),
    pullRequestStatus: parseStatus(text(flags.pullRequestStatus)),
    pullRequestNumber: text(flags.codeReviewId),
    commitMessage: text(flags.commitMessage),
    authorName: text(flags.authorName),
    authorEmail: text(flags.authorEmail),
    authorAvatarUrl: text(flags.authorAvatarUrl),
    readGitState,
    gitSafeDirectory: text(flags.gitSafeDirectory),
    baseDeploymentName: text(flags.baseDeploymentName),
    snapshotBaseCondition: parseCondition(text(flags.snapshotBaseCondition)),
    json: flags.json === true,
    dryRun: flags.dryRun === true,
    verbose: flags.verbose === true,
  };
}

const STATUSES: readonly PullRequestStatus[] = ["OPEN", "CLOSED", "MERGED"];

function parseStatus(value: string | undefined): PullRequestStatus | undefined {
  if (value === undefined) return undefined;
  const upper = value.trim().toUpperCase();
  if ((STATUSES as readonly string[]).includes(upper)) return upper as PullRequestStatus;
  throw new UsageError(`Invalid --pull-request-status ${quote(value)}.`, {
    hint: "Allowed values: OPEN, CLOSED, MERGED (any case), or an empty string for none.",
  });
}

export function parseCondition(value: string | undefined): SnapshotBaseCondition | undefined {
  if (value === undefined) return undefined;
  const normalised = value.trim().toLowerCase().replace(/_/g, "-");
  if (normalised === "on-create") return "ON_CREATE";
  if (normalised === "on-update") return "ON_UPDATE";
  throw new UsageError(`Invalid --snapshot-base-condition ${quote(value)}.`, {
    hint: "Allowed values: on-create, on-update.",
  });
}

function parseTimestamp(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\s*\d+(\.\d*)?\s*$|^\s*\.\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(seconds)) {
    throw new UsageError(`Invalid --timestamp ${quote(value)}: expected unix seconds, like 1700000000 or 1700000000.5.`, {
      hint: "In a shell: --timestamp \"$(git log -1 --format=%cd --date=unix)\".",
    });
  }
  return seconds;
}
