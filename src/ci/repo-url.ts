/**
 * Repository identity from a git remote URL: `owner/repo` (or `group/sub/repo` on GitLab) from the
 * https, ssh and scp-like forms CI systems and `git remote` give. Credentials are dropped (CI URLs
 * often carry a token: `https://x-access-token:…@github.com/…`), and callers never echo the input.
 */

export interface RepoLocation {
  /** Lower-cased host name, without port or credentials. */
  host: string;
  /** Path without leading/trailing slashes and without a final `.git`: `owner/repo`. */
  path: string;
}

/** Longer than any real remote URL; a bound on what we parse from the environment. */
const MAX_URL_LENGTH = 2048;
const SCHEMES = new Set(["https:", "http:", "ssh:", "git:", "git+ssh:", "ssh+git:"]);
/** `git@github.com:owner/repo.git`: user optional, no `//` after the colon (a URL), a host longer than a drive letter. */
const SCP_LIKE = /^(?:[^@/\s]+@)?([A-Za-z0-9.-]{2,}):(?!\/\/)([^\s]*)$/;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0020\u007f-\u009f]/;
const PUBLIC_FORGES = new Set(["github.com", "gitlab.com", "bitbucket.org"]);

/** The host and repository path of a remote URL, or undefined when it is not one we understand. */
export function parseRepoUrl(raw: string): RepoLocation | undefined {
  const text = raw.trim();
  if (text === "" || text.length > MAX_URL_LENGTH || UNSAFE.test(text)) return undefined;
  let host: string;
  let path: string;
  if (text.includes("://")) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return undefined;
    }
    if (!SCHEMES.has(url.protocol)) return undefined;
    host = url.hostname;
    path = url.pathname;
  } else {
    const match = SCP_LIKE.exec(text);
    if (match === null) return undefined;
    host = match[1] ?? "";
    path = match[2] ?? "";
  }
  host = host.toLowerCase();
  const segments = hostingSegments(host, path.split("/").filter((segment) => segment !== ""));
  const last = segments.pop()?.replace(/\.git$/, "");
  if (host === "" || last === undefined || last === "") return undefined;
  segments.push(last);
  if (segments.some((segment) => segment === "." || segment === "..")) return undefined;
  if (PUBLIC_FORGES.has(host) && segments.length < 2) return undefined;
  return { host, path: segments.join("/") };
}

/** `owner/repo` from a remote URL, or undefined. `git@github.com:acme/app.git` -> `acme/app`. */
export function repoFromUrl(raw: string): string | undefined {
  return parseRepoUrl(raw)?.path;
}

/** Path segments that are hosting plumbing rather than repository identity. */
function hostingSegments(host: string, segments: string[]): string[] {
  // CodeCommit: https://git-codecommit.<region>.amazonaws.com/v1/repos/<name>
  if (host.startsWith("git-codecommit.") && segments[0] === "v1" && segments[1] === "repos") return segments.slice(2);
  // Azure Repos: https://dev.azure.com/<org>/<project>/_git/<repo>, git@ssh.dev.azure.com:v3/<org>/<project>/<repo>
  if (host === "ssh.dev.azure.com" && segments[0] === "v3") return segments.slice(1);
  if (host === "dev.azure.com" || host.endsWith(".visualstudio.com")) return segments.filter((s) => s !== "_git");
  // Bitbucket Data Center over http: https://<host>/scm/<project>/<repo>.git
  if (!PUBLIC_FORGES.has(host) && segments[0] === "scm" && segments.length > 2) return segments.slice(1);
  return segments;
}

/** A branch name as URL path segments: slashes kept, everything else percent-encoded. */
export function encodeBranchPath(branch: string): string {
  return branch.split("/").map(encodeURIComponent).join("/");
}

/**
 * Web links for repositories on the public forges, whose URL layout is known; undefined elsewhere
 * (self-hosted servers may sit under a path prefix we cannot guess).
 */
export function forgeLinks(repo: RepoLocation): { tree(branch: string): string; change(number: string): string } | undefined {
  const base = `https://${repo.host}/${repo.path}`;
  switch (repo.host) {
    case "github.com":
      return { tree: (b) => `${base}/tree/${encodeBranchPath(b)}`, change: (n) => `${base}/pull/${n}` };
    case "gitlab.com":
      return { tree: (b) => `${base}/-/tree/${encodeBranchPath(b)}`, change: (n) => `${base}/-/merge_requests/${n}` };
    case "bitbucket.org":
      return { tree: (b) => `${base}/branch/${encodeBranchPath(b)}`, change: (n) => `${base}/pull-requests/${n}` };
    default:
      return undefined;
  }
}
