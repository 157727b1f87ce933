/**
 * GitLab CI.
 * Variables: https://docs.gitlab.com/ci/variables/predefined_variables/
 * (the "merge request pipelines" section; CI_MERGE_REQUEST_SOURCE_BRANCH_SHA is set only in
 * merged-results pipelines and merge trains, where CI_COMMIT_SHA is a merge commit:
 * https://gitlab.com/gitlab-org/gitlab/-/issues/330964).
 *
 * The repository name is the bare CI_PROJECT_NAME, as Dagster's GitLab templates and
 * `dagster-cloud ci` send it: the deployment's identity depends on it, so no namespace is added.
 * The MR number is CI_MERGE_REQUEST_IID (per project), never CI_MERGE_REQUEST_ID (instance-wide).
 */
import { encodeBranchPath } from "../repo-url.ts";
import type { CiProvider, ProviderReading } from "../types.ts";

export const gitlab: CiProvider = {
  id: "gitlab",
  name: "GitLab CI",
  change: { word: "MR", sigil: "!" },
  detect: (env) => env.GITLAB_CI === "true",
  read({ get, url }) {
    // In a tag pipeline CI_COMMIT_REF_NAME is the tag: not a branch.
    const tagPipeline = get("CI_COMMIT_TAG") !== undefined;
    const branchName = get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") ?? (tagPipeline ? undefined : get("CI_COMMIT_REF_NAME"));
    const reading: ProviderReading = {
      repoName: get("CI_PROJECT_NAME"),
      branchName,
      commitHash: get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA") ?? get("CI_COMMIT_SHA"),
    };
    // An MR from a fork: the branch lives in the source project, the MR in the target project.
    const branchProject = url("CI_MERGE_REQUEST_SOURCE_PROJECT_URL") ?? url("CI_PROJECT_URL");
    if (branchProject !== undefined && branchName !== undefined) {
      reading.branchUrl = {
        value: `${branchProject.value}/-/tree/${encodeBranchPath(branchName.value)}`,
        source: `${branchProject.source}, ${branchName.source}`,
      };
    }
    const iid = get("CI_MERGE_REQUEST_IID");
    if (iid !== undefined) {
      const mrProject = url("CI_MERGE_REQUEST_PROJECT_URL") ?? url("CI_PROJECT_URL");
      reading.pullRequest = {
        number: iid,
        url: mrProject && { value: `${mrProject.value}/-/merge_requests/${iid.value}`, source: `${mrProject.source}, ${iid.source}` },
        // GitLab runs no pipeline for a closed or merged MR.
        status: { value: "OPEN", source: "open merge request pipeline" },
      };
    }
    return reading;
  },
};
