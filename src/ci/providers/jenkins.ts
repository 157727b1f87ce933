/**
 * Jenkins (multibranch pipelines with a Git branch source).
 * Variables: https://www.jenkins.io/doc/book/pipeline/multibranch/ and `${JENKINS_URL}/env-vars.html`
 * (Branch API: BRANCH_NAME, CHANGE_ID, CHANGE_URL, CHANGE_BRANCH, CHANGE_TARGET, CHANGE_FORK) and
 * https://plugins.jenkins.io/git/#plugin-content-environment-variables (GIT_URL, GIT_COMMIT).
 *
 * For a pull request BRANCH_NAME is the job's name (`PR-5`), not a branch: the source branch is
 * CHANGE_BRANCH. GIT_COMMIT is the PR's head only with the "The current pull request revision"
 * discovery strategy; the default "Merging the pull request with the current target branch revision"
 * makes it a merge commit. Nothing in the environment tells which strategy ran, so the README recipe
 * requires the former.
 */
import { forgeLinks, parseRepoUrl } from "../repo-url.ts";
import type { CiProvider, ProviderReading } from "../types.ts";

export const jenkins: CiProvider = {
  id: "jenkins",
  name: "Jenkins",
  change: { word: "PR", sigil: "#" },
  detect: (env) => (env.JENKINS_URL ?? "").trim() !== "",
  read({ get, url }) {
    const gitUrl = get("GIT_URL");
    const location = gitUrl && parseRepoUrl(gitUrl.value);
    const links = location && forgeLinks(location);
    const changeId = get("CHANGE_ID");
    const branchName = get("CHANGE_BRANCH") ?? (changeId === undefined ? get("BRANCH_NAME") : undefined);
    const reading: ProviderReading = {
      repoName: location && { value: location.path, source: "GIT_URL" },
      branchName,
      commitHash: get("GIT_COMMIT"),
    };
    // A PR from a fork: the branch is in the fork, which we cannot link to.
    if (links !== undefined && branchName !== undefined && get("CHANGE_FORK") === undefined) {
      reading.branchUrl = { value: links.tree(branchName.value), source: `GIT_URL, ${branchName.source}` };
    }
    if (changeId !== undefined) {
      reading.pullRequest = { number: changeId, url: url("CHANGE_URL"), status: { value: "OPEN", source: "change request build" } };
    }
    return reading;
  },
};
