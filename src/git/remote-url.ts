import { repoFromUrl } from "../ci/repo-url.ts";

/**
 * `owner/repo` from the local `origin` remote's URL: the same parser as for CI variables
 * (src/ci/repo-url.ts: credentials dropped, `.git` stripped, GitLab subgroups kept), and only
 * when the path has an owner: a local path, `file://` or a remote helper (`ext::`) names none.
 */
export function repoNameFromRemoteUrl(url: string): string | undefined {
  const repo = repoFromUrl(url);
  return repo !== undefined && repo.includes("/") && !repo.includes("@") ? repo : undefined;
}
