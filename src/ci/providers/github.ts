/**
 * GitHub Actions.
 * Variables: https://docs.github.com/en/actions/reference/variables-reference
 * Event payload (GITHUB_EVENT_PATH): https://docs.github.com/en/webhooks/webhook-events-and-payloads#pull_request
 *
 * In a `pull_request` run GITHUB_SHA is the merge commit GitHub made for the run and GITHUB_REF is
 * `refs/pull/N/merge`; in `pull_request_target` they are the *base* branch's. So for every
 * `pull_request*` event the head branch and commit come from the event file, never from those two.
 */
import { ConfigError } from "../../errors.ts";
import { quote } from "../../text.ts";
import { encodeBranchPath } from "../repo-url.ts";
import type { CiProvider, ProviderInput, ProviderReading, Sourced } from "../types.ts";

/** GitHub caps webhook payloads at 25 MB; the event file is one of them. */
export const MAX_EVENT_CHARS = 25 * 1024 * 1024;

interface EventPullRequest {
  ref?: Sourced;
  sha?: Sourced;
  headRepo?: Sourced;
  number?: Sourced;
  url?: Sourced;
  status?: Sourced & { value: "OPEN" | "CLOSED" | "MERGED" };
}

export const github: CiProvider = {
  id: "github",
  name: "GitHub Actions",
  change: { word: "PR", sigil: "#" },
  detect: (env) => env.GITHUB_ACTIONS === "true",
  async read(input) {
    const { get } = input;
    const eventName = get("GITHUB_EVENT_NAME")?.value ?? "";
    const prEvent = eventName.startsWith("pull_request");
    const pr = await readEventPullRequest(input, prEvent);
    const repoName = get("GITHUB_REPOSITORY");
    const ref = get("GITHUB_REF")?.value ?? "";
    const branchName = pr?.ref ?? get("GITHUB_HEAD_REF") ?? (ref.startsWith("refs/heads/") ? get("GITHUB_REF_NAME") : undefined);
    const reading: ProviderReading = {
      repoName,
      branchName,
      // Without a pull request in the event, GITHUB_SHA is what was pushed: the right commit.
      commitHash: pr?.sha ?? (prEvent ? undefined : get("GITHUB_SHA")),
    };
    const server = input.url("GITHUB_SERVER_URL");
    const urlRepo = pr?.headRepo ?? repoName; // a fork's branch lives in the fork
    if (server !== undefined && urlRepo !== undefined && branchName !== undefined) {
      reading.branchUrl = {
        value: `${server.value}/${urlRepo.value}/tree/${encodeBranchPath(branchName.value)}`,
        source: `${server.source}, ${urlRepo.source}, ${branchName.source}`,
      };
    }
    if (pr?.number !== undefined && pr.status !== undefined) {
      reading.pullRequest = { number: pr.number, url: pr.url, status: pr.status };
    }
    return reading;
  },
};

/**
 * The event's `pull_request`, or undefined when there is none (a push). In a `pull_request*` run an
 * unreadable event is an error: without it the PR's head commit is unknown, and every fallback
 * (GITHUB_SHA, the checkout's HEAD) is a merge commit. Elsewhere it is only a warning.
 */
async function readEventPullRequest(input: ProviderInput, prEvent: boolean): Promise<EventPullRequest | undefined> {
  const path = input.get("GITHUB_EVENT_PATH");
  const fail = (reason: string): undefined => {
    if (prEvent) {
      throw new ConfigError(`Cannot read the GitHub event file (GITHUB_EVENT_PATH): ${reason}.`, {
        hint: "Without it the pull request's head commit is unknown; pass --branch-name, --commit-hash and the --pull-request-* flags.",
      });
    }
    input.note(`Warning: ignoring the GitHub event file (GITHUB_EVENT_PATH): ${reason}.`);
    return undefined;
  };
  if (path === undefined) return prEvent ? fail("GITHUB_EVENT_PATH is not set") : undefined;
  let text: string | undefined;
  try {
    text = await input.readFile(path.value);
  } catch (error) {
    return fail(`cannot read ${quote(path.value)} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (text === undefined) return fail(`${quote(path.value)} does not exist`);
  if (text.length > MAX_EVENT_CHARS) return fail(`${quote(path.value)} is larger than 25 MB`);
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    return fail(`${quote(path.value)} is not valid JSON`);
  }
  const pr = field(event, "pull_request");
  if (typeof pr !== "object" || pr === null) return prEvent ? fail("it has no pull_request") : undefined;
  const head = field(pr, "head");
  const at = (name: string): string => `event pull_request.${name}`;
  return {
    ref: input.take(field(head, "ref"), at("head.ref")),
    sha: input.take(field(head, "sha"), at("head.sha")),
    headRepo: input.take(field(field(head, "repo"), "full_name"), at("head.repo.full_name")),
    number: input.take(field(event, "number") ?? field(pr, "number"), "event number"),
    url: input.take(field(pr, "html_url"), at("html_url")),
    status: status(field(pr, "merged"), field(pr, "state"), input),
  };
}

function status(merged: unknown, state: unknown, input: ProviderInput): EventPullRequest["status"] {
  if (merged === true) return { value: "MERGED", source: "event pull_request.merged" };
  if (state === "open" || state === "closed") return { value: state === "open" ? "OPEN" : "CLOSED", source: "event pull_request.state" };
  input.note("Warning: ignoring the event's pull request: its state is neither open nor closed.");
  return undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
