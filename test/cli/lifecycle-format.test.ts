import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { BranchDeploymentNode } from "../../src/api/operations/branch-deployments.ts";
import { createConfirm } from "../../src/commands/branch-deployment/confirm.ts";
import { formatAge } from "../../src/commands/branch-deployment/duration.ts";
import { describeCriteria, selectForPrune } from "../../src/commands/branch-deployment/prune-select.ts";
import { branchRows, type DeploymentRow } from "../../src/commands/branch-deployment/rows.ts";
import { safeJson } from "../../src/commands/output.ts";
import { formatLines, formatTable } from "../../src/commands/branch-deployment/table.ts";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const DAY = 86_400_000;
const row = (name: string, status: string | null, daysAgo: number | null): DeploymentRow => ({
  name,
  repoName: "o/r",
  branchName: name,
  pullRequestNumber: status ? "1" : null,
  pullRequestStatus: status,
  pullRequestUrl: null,
  commitHash: daysAgo === null ? null : "abcdef0123456789",
  timestamp: daysAgo === null ? null : (NOW - daysAgo * DAY) / 1000,
});

describe("formatAge", () => {
  it.each([
    [-5_000, "now"],
    [59_999, "now"],
    [60_000, "1m"],
    [59 * 60_000, "59m"],
    [3_600_000, "1h"],
    [DAY - 1, "23h"],
    [DAY, "1d"],
    [55 * DAY, "55d"],
    [56 * DAY, "8w"],
    [400 * DAY, "57w"],
  ])("%i ms → %s", (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe("selectForPrune: status in the list OR latest commit older than the duration", () => {
  const ROWS = [row("open-new", "OPEN", 1), row("open-old", "OPEN", 40), row("closed-new", "CLOSED", 1), row("merged-old", "MERGED", 90), row("no-pr-old", null, 40), row("no-pr-new", null, 2), row("no-commit-closed", "CLOSED", null), row("no-commit", null, null)];
  it.each([
    [["CLOSED", "MERGED"], undefined, ["closed-new", "merged-old", "no-commit-closed"]],
    [[], 30, ["open-old", "merged-old", "no-pr-old"]],
    [["CLOSED"], 30, ["open-old", "closed-new", "merged-old", "no-pr-old", "no-commit-closed"]],
    [["OPEN"], undefined, ["open-new", "open-old"]],
    [[], 365, []],
    [[], 40, ["merged-old"]],
  ] as const)("statuses %j, older than %s days: %j", (statuses, days, names) => {
    const olderThan = days === undefined ? undefined : { ms: days * DAY, text: `${days}d` };
    expect(selectForPrune(ROWS, { statuses, olderThan }, NOW).map((r) => r.name)).toEqual(names);
  });

  it.each([
    [{ statuses: ["CLOSED", "MERGED"], olderThan: undefined }, "pull request closed or merged"],
    [{ statuses: [], olderThan: { ms: 1, text: "12h" } }, "latest commit older than 12h"],
    [{ statuses: ["OPEN"], olderThan: { ms: 1, text: "8w" } }, "pull request open, or latest commit older than 8w"],
  ] as const)("describes %j", (criteria, text) => expect(describeCriteria(criteria)).toBe(text));
});

describe("branchRows", () => {
  const node = (name: string, type: string, timestamp: number | null): BranchDeploymentNode => ({
    __typename: "DagsterCloudDeployment",
    deploymentId: 1,
    deploymentName: name,
    deploymentType: type,
    branchDeploymentGitMetadata: null,
    latestCommit: timestamp === null ? null : { commitHash: "c", timestamp, commitMessage: null, commitUrl: null, authorName: null, authorEmail: null, authorAvatarUrl: null },
    parentDeployment: null,
  });
  it("keeps BRANCH deployments only, newest commit first, ties by name, no commit last", () => {
    const rows = branchRows([node("b", "BRANCH", 5), node("prod", "PRODUCTION", 9), node("none", "BRANCH", null), node("a", "BRANCH", 5), node("c", "BRANCH", 7), node("x", "FULL", 8)]);
    expect(rows.map((r) => r.name)).toEqual(["c", "a", "b", "none"]);
  });
});

describe("output forms", () => {
  it("table: aligned columns, `-` for what is absent, long values cut", () => {
    const long = { ...row("n1", "MERGED", 3), branchName: "b".repeat(60) };
    expect(formatTable([long, row("name-2", null, null)], NOW)).toBe(
      [
        "NAME    REPOSITORY  BRANCH                                    PR         COMMIT   AGE",
        `n1      o/r         ${"b".repeat(39)}…  #1 merged  abcdef0  3d`,
        "name-2  o/r         name-2                                    -          -        -",
        "",
      ].join("\n"),
    );
  });

  it("lines: eight tab-separated fields, whatever the values hold", () => {
    const evil = { ...row("n", "OPEN", 0), repoName: "a\tb", branchName: "x\ny", pullRequestUrl: "::warning::hi", timestamp: 1e20 };
    // Every value is neutralised alike: one starting like a workflow command gets a zero-width space.
    expect(formatLines([evil])).toBe("n\ta\\tb\tx\\ny\t1\tOPEN\tabcdef0123456789\t-\t:\u200b:warning::hi\n");
  });

  it("lines: a name cannot start a CI workflow command", () => {
    expect(formatLines([{ ...row("::add-mask::x", null, null) }]).startsWith("::")).toBe(false);
  });

  it("JSON: indented, C1 controls and bidi overrides escaped, still the same value", () => {
    const value = [{ name: "a\u009b31m\u202eb", n: null }];
    const json = safeJson(value);
    expect(json).toBe('[\n  {\n    "name": "a\\u009b31m\\u202eb",\n    "n": null\n  }\n]\n');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe("createConfirm", () => {
  it.each([
    ["y\n", true],
    ["YES\n", true],
    [" yes \n", true],
    ["\n", false],
    ["n\n", false],
    ["yep\n", false],
    ["", false],
  ])("answer %j → %s; the question goes to the output", async (answer, expected) => {
    const input = new PassThrough();
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk: Buffer) => (written += chunk.toString()));
    const confirm = createConfirm(input, output);
    const result = confirm("Delete? [y/N] ");
    input.end(answer);
    expect(await result).toBe(expected);
    expect(written).toBe("Delete? [y/N] ");
  });
});
