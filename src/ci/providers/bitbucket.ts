/**
 * Bitbucket Pipelines.
 * Variables: https://support.atlassian.com/bitbucket-cloud/docs/variables-and-secrets/
 *
 * BITBUCKET_BRANCH is the source branch and BITBUCKET_COMMIT its commit, in pull-request pipelines
 * too (Bitbucket merges the destination into the clone, but does not report that merge as the commit).
 * BITBUCKET_GIT_HTTP_ORIGIN is given as `http://bitbucket.org/<workspace>/<repo>`: links use https.
 */
import { encodeBranchPath } from "../repo-url.ts";
import type { CiProvider, ProviderReading } from "../types.ts";

export const bitbucket: CiProvider = {
  id: "bitbucket",
  name: "Bitbucket Pipelines",
  change: { word: "PR", sigil: "#" },
  detect: (env) => (env.BITBUCKET_BUILD_NUMBER ?? "").trim() !== "",
  read({ get, url }) {
    const branchName = get("BITBUCKET_BRANCH");
    const reading: ProviderReading = {
      repoName: get("BITBUCKET_REPO_FULL_NAME"),
      branchName,
      commitHash: get("BITBUCKET_COMMIT"),
    };
    const origin = url("BITBUCKET_GIT_HTTP_ORIGIN", { upgradeHttp: true });
    if (origin !== undefined && branchName !== undefined) {
      reading.branchUrl = { value: `${origin.value}/branch/${encodeBranchPath(branchName.value)}`, source: `${origin.source}, ${branchName.source}` };
    }
    const id = get("BITBUCKET_PR_ID");
    if (id !== undefined) {
      reading.pullRequest = {
        number: id,
        url: origin && { value: `${origin.value}/pull-requests/${id.value}`, source: `${origin.source}, ${id.source}` },
        status: { value: "OPEN", source: "pull-request pipeline" },
      };
    }
    return reading;
  },
};
