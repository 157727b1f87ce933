/**
 * Buildkite.
 * Variables: https://buildkite.com/docs/pipelines/configure/environment-variables
 *
 * BUILDKITE_PULL_REQUEST is the PR number, or "false" when the build is not for a pull request.
 * For a PR from a fork, the pipeline setting "prefix third-party fork branch names" (on by default)
 * makes BUILDKITE_BRANCH `<fork owner>:<branch>`. A colon cannot appear in a git branch name, so we
 * remove the prefix and report the real branch, as GitHub's own `head.ref` does, except when the
 * result would be the PR's base branch (a fork's `main` into `main`): then the prefixed name is kept,
 * so the deployment of the base branch is never touched.
 */
import { quote } from "../../text.ts";
import { forgeLinks, parseRepoUrl } from "../repo-url.ts";
import type { CiProvider, ProviderReading, Sourced } from "../types.ts";

export const buildkite: CiProvider = {
  id: "buildkite",
  name: "Buildkite",
  change: { word: "PR", sigil: "#" },
  detect: (env) => env.BUILDKITE === "true",
  read({ get, note }) {
    const location = repo(get("BUILDKITE_REPO"));
    const forkLocation = repo(get("BUILDKITE_PULL_REQUEST_REPO"));
    const prRaw = get("BUILDKITE_PULL_REQUEST");
    const pr = prRaw?.value === "false" ? undefined : prRaw;
    let branchName = get("BUILDKITE_BRANCH");
    // Where the branch lives: the pipeline's repository, the fork, or (prefixed name kept) nowhere.
    let branchRepo = location;
    let branchRepoSource = "BUILDKITE_REPO";
    if (pr !== undefined && branchName !== undefined && branchName.value.includes(":")) {
      const bare = branchName.value.slice(branchName.value.indexOf(":") + 1);
      if (bare !== "" && bare !== get("BUILDKITE_PULL_REQUEST_BASE_BRANCH")?.value) {
        branchName = { value: bare, source: "BUILDKITE_BRANCH (fork owner prefix removed)" };
        branchRepo = forkLocation;
        branchRepoSource = "BUILDKITE_PULL_REQUEST_REPO";
      } else {
        note(`Note: keeping the fork branch name ${quote(branchName.value)}: without its owner prefix it is the base branch.`);
        branchRepo = undefined;
      }
    }
    const reading: ProviderReading = {
      repoName: location && { value: location.path, source: "BUILDKITE_REPO" },
      branchName,
      commitHash: get("BUILDKITE_COMMIT"),
    };
    const branchLinks = branchRepo && forgeLinks(branchRepo);
    if (branchLinks !== undefined && branchName !== undefined) {
      reading.branchUrl = { value: branchLinks.tree(branchName.value), source: `${branchRepoSource}, ${branchName.source}` };
    }
    const links = location && forgeLinks(location);
    if (pr !== undefined) {
      reading.pullRequest = {
        number: pr,
        url: links && { value: links.change(pr.value), source: `BUILDKITE_REPO, ${pr.source}` },
        status: { value: "OPEN", source: "pull request build" },
      };
    }
    return reading;
  },
};

function repo(url: Sourced | undefined) {
  return url && parseRepoUrl(url.value);
}
