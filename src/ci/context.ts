/**
 * Which CI runs us, and what it says about the repository, source branch, head commit and pull
 * request. The providers are a table (./providers/index.ts); this module picks one, gives it checked
 * environment values, and validates what it returns, so a provider cannot leak a merge ref, `HEAD`
 * or a malformed hash into a mutation.
 */
import { oneLine, quote } from "../text.ts";
import { PROVIDERS } from "./providers/index.ts";
import { webUrl } from "./web-url.ts";
import type { CiContext, CiProvider, Env, ProviderInput, ProviderReading, Sourced } from "./types.ts";

/** Longer than any branch, repository or URL a CI sets; anything longer is not what it seems. */
export const MAX_VALUE_LENGTH = 1024;
// C0/C1 controls, DEL, line separators and bidi overrides: never part of a legitimate value.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const COMMIT = /^[0-9a-f]{7,64}$/i;
/** A PR or MR number as the forges show it; ten digits is far beyond any real one. */
const CHANGE_NUMBER = /^[1-9][0-9]{0,9}$/;

/**
 * The CI context, or undefined when no provider's marker is set (the caller then reads local git).
 * When markers of several providers are set, the first in table order wins, with a note: the table
 * puts CIs that host other CIs' runners (CodeBuild runs GitHub Actions and GitLab jobs) last.
 */
export async function detectCiContext(
  env: Env,
  readFile: (path: string) => Promise<string | undefined>,
): Promise<CiContext | undefined> {
  const detected = PROVIDERS.filter((provider) => provider.detect(env));
  const provider = detected[0];
  if (provider === undefined) return undefined;
  const notes: string[] = [];
  if (detected.length > 1) {
    notes.push(`Note: several CI providers detected (${detected.map((p) => p.name).join(", ")}); using ${provider.name}.`);
  }
  const get = (name: string): Sourced | undefined => checked(env[name], name, notes);
  const input: ProviderInput = {
    get,
    url(name, options) {
      const raw = get(name);
      if (raw === undefined) return undefined;
      const value = webUrl(raw.value, options);
      if (value === undefined) notes.push(`Warning: ignoring ${name}: not an http(s) URL.`);
      return value === undefined ? undefined : { value, source: name };
    },
    take(raw, source) {
      if (typeof raw === "number" && Number.isSafeInteger(raw)) return { value: String(raw), source };
      return typeof raw === "string" ? checked(raw, source, notes) : undefined;
    },
    readFile,
    note: (message) => notes.push(message),
  };
  return validate(provider, await provider.read(input), notes);
}

/** A value from outside, trimmed; undefined (with a note) when empty, too long or unsafe to print. */
export function checked(raw: string | undefined, source: string, notes: string[]): Sourced | undefined {
  const value = raw?.trim();
  if (value === undefined || value === "") return undefined;
  if (CONTROL.test(value)) {
    notes.push(`Warning: ignoring ${source}: it contains control characters.`);
    return undefined;
  }
  if (value.length > MAX_VALUE_LENGTH) {
    notes.push(`Warning: ignoring ${source}: it is longer than ${MAX_VALUE_LENGTH} characters.`);
    return undefined;
  }
  return { value, source };
}

function validate(provider: CiProvider, reading: ProviderReading, notes: string[]): CiContext {
  const context: CiContext = { provider: { id: provider.id, name: provider.name }, sources: {}, notes };
  const { repoName, branchName, commitHash, branchUrl, pullRequest } = reading;
  if (repoName !== undefined) {
    context.repoName = repoName.value;
    context.sources.repoName = repoName.source;
  }
  if (branchName !== undefined && isBranch(branchName, notes)) {
    context.branchName = branchName.value;
    context.sources.branchName = branchName.source;
    if (branchUrl !== undefined && /^https?:\/\//.test(branchUrl.value)) {
      context.branchUrl = branchUrl.value;
      context.sources.branchUrl = branchUrl.source;
    }
  }
  if (commitHash !== undefined) {
    if (COMMIT.test(commitHash.value)) {
      context.commitHash = commitHash.value.toLowerCase();
      context.sources.commitHash = commitHash.source;
    } else {
      notes.push(`Warning: ignoring ${commitHash.source} ${quote(commitHash.value)}: not a commit hash.`);
    }
  }
  if (pullRequest !== undefined) {
    const { number, url, status } = pullRequest;
    if (!CHANGE_NUMBER.test(number.value)) {
      notes.push(`Warning: ignoring ${number.source} ${quote(number.value)}: not a pull request number.`);
    } else {
      context.pullRequest = { number: number.value, status: status.value };
      context.sources.pullRequestNumber = number.source;
      context.sources.pullRequestStatus = status.source;
      if (url !== undefined && /^https?:\/\//.test(url.value)) {
        context.pullRequest.url = url.value;
        context.sources.pullRequestUrl = url.source;
      }
    }
  }
  return context;
}

/** Never `HEAD` (a detached checkout) and never a ref such as `refs/pull/5/merge` (a merge ref). */
function isBranch(branch: Sourced, notes: string[]): boolean {
  if (branch.value === "HEAD" || branch.value.startsWith("refs/")) {
    notes.push(`Warning: ignoring ${branch.source} ${quote(branch.value)}: not a branch name.`);
    return false;
  }
  return true;
}

/** The one stderr line: `GitLab CI: repo app, branch feature/x, MR !7 (OPEN), commit 3f2a9c1`. */
export function describeContext(context: CiContext): string {
  const provider = PROVIDERS.find((p) => p.id === context.provider.id);
  const change = provider?.change ?? { word: "PR", sigil: "#" };
  const parts: string[] = [];
  if (context.repoName !== undefined) parts.push(`repo ${oneLine(context.repoName, 100)}`);
  if (context.branchName !== undefined) parts.push(`branch ${oneLine(context.branchName, 100)}`);
  if (context.pullRequest !== undefined) {
    const { number, status } = context.pullRequest;
    parts.push(`${change.word} ${change.sigil}${number} (${status})`);
  }
  if (context.commitHash !== undefined) parts.push(`commit ${context.commitHash.slice(0, 7)}`);
  return `${context.provider.name}: ${parts.length > 0 ? parts.join(", ") : "no repository, branch or commit found"}`;
}
