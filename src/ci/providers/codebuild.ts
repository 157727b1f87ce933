/**
 * AWS CodeBuild (webhook builds from GitHub, GitHub Enterprise, GitLab or Bitbucket).
 * Variables: https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html
 * Webhook events: https://docs.aws.amazon.com/codebuild/latest/userguide/github-webhook.html
 *
 * CODEBUILD_SOURCE_VERSION is `pr/5` in a PR build: not a branch. The source branch is
 * CODEBUILD_WEBHOOK_HEAD_REF (`refs/heads/<branch>`; a tag ref is not a branch), the PR number is
 * in CODEBUILD_WEBHOOK_TRIGGER (`pr/5`; `branch/<name>` or `tag/<name>` otherwise), and
 * CODEBUILD_WEBHOOK_EVENT is PULL_REQUEST_MERGED or PULL_REQUEST_CLOSED when the PR was merged or
 * closed. A build started by hand has no webhook variables, hence no branch and no PR.
 */
import { forgeLinks, parseRepoUrl } from "../repo-url.ts";
import type { CiProvider, ProviderReading } from "../types.ts";

const HEADS = "refs/heads/";
const STATUS = { PULL_REQUEST_MERGED: "MERGED", PULL_REQUEST_CLOSED: "CLOSED" } as const;

export const codebuild: CiProvider = {
  id: "codebuild",
  name: "AWS CodeBuild",
  change: { word: "PR", sigil: "#" },
  detect: (env) => (env.CODEBUILD_BUILD_ID ?? "").trim() !== "",
  read({ get }) {
    const repoUrl = get("CODEBUILD_SOURCE_REPO_URL");
    const location = repoUrl && parseRepoUrl(repoUrl.value);
    const links = location && forgeLinks(location);
    const headRef = get("CODEBUILD_WEBHOOK_HEAD_REF");
    const branchName = headRef?.value.startsWith(HEADS) ? { value: headRef.value.slice(HEADS.length), source: headRef.source } : undefined;
    const reading: ProviderReading = {
      repoName: location && { value: location.path, source: "CODEBUILD_SOURCE_REPO_URL" },
      branchName,
      commitHash: get("CODEBUILD_RESOLVED_SOURCE_VERSION"),
    };
    if (links !== undefined && branchName !== undefined) {
      reading.branchUrl = { value: links.tree(branchName.value), source: `CODEBUILD_SOURCE_REPO_URL, ${branchName.source}` };
    }
    const trigger = get("CODEBUILD_WEBHOOK_TRIGGER");
    const number = trigger && /^pr\/(\d+)$/.exec(trigger.value)?.[1];
    if (trigger !== undefined && number) {
      const event = get("CODEBUILD_WEBHOOK_EVENT");
      const closed = event && STATUS[event.value as keyof typeof STATUS];
      reading.pullRequest = {
        number: { value: number, source: trigger.source },
        url: links && { value: links.change(number), source: `CODEBUILD_SOURCE_REPO_URL, ${trigger.source}` },
        status: closed ? { value: closed, source: event.source } : { value: "OPEN", source: event?.source ?? "pull request build" },
      };
    }
    return reading;
  },
};
