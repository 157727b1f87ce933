/**
 * CircleCI.
 * Variables: https://circleci.com/docs/reference/variables/
 *
 * CIRCLE_PULL_REQUEST, CIRCLE_PR_NUMBER and the CIRCLE_PROJECT_* variables exist only for GitHub
 * OAuth and Bitbucket Cloud projects; GitLab, GitHub App and Bitbucket Data Center projects do not
 * get them. There the repository comes from CIRCLE_REPOSITORY_URL, and PR fields must be passed as
 * flags from pipeline values. CIRCLE_PULL_REQUEST is set only when the PR existed when the build
 * started (CircleCI builds pushes, not pull requests).
 */
import { forgeLinks, parseRepoUrl } from "../repo-url.ts";
import type { CiProvider, ProviderReading, Sourced } from "../types.ts";

export const circleci: CiProvider = {
  id: "circleci",
  name: "CircleCI",
  change: { word: "PR", sigil: "#" },
  detect: (env) => env.CIRCLECI === "true",
  read({ get, url }) {
    const user = get("CIRCLE_PROJECT_USERNAME");
    const name = get("CIRCLE_PROJECT_REPONAME");
    const repoUrl = get("CIRCLE_REPOSITORY_URL");
    const location = repoUrl && parseRepoUrl(repoUrl.value);
    const links = location && forgeLinks(location);
    const branchName = get("CIRCLE_BRANCH");
    const reading: ProviderReading = {
      repoName:
        user && name
          ? { value: `${user.value}/${name.value}`, source: `${user.source}/${name.source}` }
          : location && { value: location.path, source: "CIRCLE_REPOSITORY_URL" },
      branchName,
      commitHash: get("CIRCLE_SHA1"),
    };
    if (links !== undefined && branchName !== undefined) {
      reading.branchUrl = { value: links.tree(branchName.value), source: `CIRCLE_REPOSITORY_URL, ${branchName.source}` };
    }
    const prUrl = url("CIRCLE_PULL_REQUEST");
    // The PR's URL ends in its number: .../pull/7 (GitHub), .../pull-requests/7 (Bitbucket).
    const fromUrl = prUrl && /\/(\d+)$/.exec(prUrl.value)?.[1];
    const number: Sourced | undefined = fromUrl ? { value: fromUrl, source: "CIRCLE_PULL_REQUEST" } : get("CIRCLE_PR_NUMBER");
    if (number !== undefined) {
      reading.pullRequest = {
        number,
        url: fromUrl ? prUrl : links && { value: links.change(number.value), source: `CIRCLE_REPOSITORY_URL, ${number.source}` },
        status: { value: "OPEN", source: "build of an open pull request" },
      };
    }
    return reading;
  },
};
