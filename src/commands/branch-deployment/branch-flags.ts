import type { Command } from "commander";
import { aliasOption, text } from "../options.ts";

export interface BranchIdentity {
  repoName: string;
  branchName: string;
}



/** As given on the command line: what is absent comes from the CI context or local git. */
export interface BranchFlags {
  repoName: string | undefined;
  branchName: string | undefined;
  gitSafeDirectory: string | undefined;
}

/** `--git-repo-name` (alias `--repo-name`), `--branch-name`, `--git-safe-directory`, as in create-or-update. */
export function branchIdentityOptions(command: Command): void {
  command
    .optionsGroup("Branch (default: from the CI's variables, then local git):")
    .option("--git-repo-name <name>", "Repository name, e.g. owner/repo. Alias: --repo-name.")
    .option("--branch-name <name>", "Branch name (the source branch of the pull request).")
    .option("--git-safe-directory <dir>", "Read this git checkout although another user owns it. Env: DAGSTER_CLOUD_GIT_SAFE_DIRECTORY.")
    .optionsGroup("Options:");
  aliasOption(command, "--repo-name <name>", "gitRepoName");
}

export function toBranchFlags(flags: Record<string, unknown>): BranchFlags {
  return { repoName: text(flags.gitRepoName), branchName: text(flags.branchName), gitSafeDirectory: text(flags.gitSafeDirectory) };
}
