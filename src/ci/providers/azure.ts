/**
 * Azure Pipelines.
 * Variables: https://learn.microsoft.com/en-us/azure/devops/pipelines/build/variables
 *
 * In a PR build BUILD_SOURCEBRANCH is `refs/pull/5/merge` and BUILD_SOURCEVERSION the merge commit:
 * neither is used then. SYSTEM_PULLREQUEST_SOURCEBRANCH comes with `refs/heads/` for Azure Repos and
 * without it for GitHub. SYSTEM_PULLREQUEST_PULLREQUESTNUMBER is set only for GitHub repositories
 * (whose PR id and number differ); Azure Repos have only SYSTEM_PULLREQUEST_PULLREQUESTID.
 */
import { encodeBranchPath } from "../repo-url.ts";
import type { CiProvider, ProviderReading, Sourced } from "../types.ts";

const HEADS = "refs/heads/";

export const azure: CiProvider = {
  id: "azure",
  name: "Azure Pipelines",
  change: { word: "PR", sigil: "#" },
  detect: (env) => (env.TF_BUILD ?? "").toLowerCase() === "true",
  read({ get, url, note }) {
    const sourceBranch = get("BUILD_SOURCEBRANCH");
    const number = get("SYSTEM_PULLREQUEST_PULLREQUESTNUMBER") ?? get("SYSTEM_PULLREQUEST_PULLREQUESTID");
    const prBuild = number !== undefined || sourceBranch?.value.startsWith("refs/pull/") === true;
    const prBranch = get("SYSTEM_PULLREQUEST_SOURCEBRANCH");
    const branchName = prBranch
      ? stripHeads(prBranch)
      : sourceBranch?.value.startsWith(HEADS) && !prBuild
        ? stripHeads(sourceBranch)
        : undefined;
    const commitHash = get("SYSTEM_PULLREQUEST_SOURCECOMMITID") ?? (prBuild ? undefined : get("BUILD_SOURCEVERSION"));
    if (prBuild && commitHash === undefined) {
      note("Warning: no SYSTEM_PULLREQUEST_SOURCECOMMITID in this PR build; BUILD_SOURCEVERSION is a merge commit, so it is not used.");
    }
    const reading: ProviderReading = { repoName: get("BUILD_REPOSITORY_NAME"), branchName, commitHash };
    const links = webLinks(get("BUILD_REPOSITORY_PROVIDER")?.value, url("BUILD_REPOSITORY_URI"));
    if (links !== undefined && branchName !== undefined) {
      reading.branchUrl = { value: links.tree(branchName.value), source: `BUILD_REPOSITORY_URI, ${branchName.source}` };
    }
    if (number !== undefined) {
      reading.pullRequest = {
        number,
        url: links && { value: links.change(number.value), source: `BUILD_REPOSITORY_URI, ${number.source}` },
        status: { value: "OPEN", source: "pull request build" },
      };
    }
    return reading;
  },
};

function stripHeads(branch: Sourced): Sourced {
  return branch.value.startsWith(HEADS) ? { value: branch.value.slice(HEADS.length), source: branch.source } : branch;
}

/** Links for the two repository types whose web layout is known: Azure Repos and GitHub. */
function webLinks(provider: string | undefined, uri: Sourced | undefined) {
  if (uri === undefined) return undefined;
  const base = uri.value.replace(/\.git$/, "");
  if (provider === "TfsGit") {
    return { tree: (b: string) => `${base}?version=GB${encodeURIComponent(b)}`, change: (n: string) => `${base}/pullrequest/${n}` };
  }
  if (provider === "GitHub") {
    return { tree: (b: string) => `${base}/tree/${encodeBranchPath(b)}`, change: (n: string) => `${base}/pull/${n}` };
  }
  return undefined;
}
