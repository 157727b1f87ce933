/**
 * The command-line grammar the fuzz tests generate from: each command of the program, what its
 * stdout must hold on success, its flags with plausible values, and a minimal argv tail that
 * succeeds against the fake Dagster+ (so the generators reach the success paths too).
 */

/** What stdout holds when the command succeeds (without --json, --help or --version). */
export type StdoutContract = "name" | "empty" | "rows" | "names" | "script";

export interface CommandSpec {
  path: readonly string[];
  stdout: StdoutContract;
  /** Flags taking a value, with plausible values. */
  valued: Readonly<Record<string, readonly string[]>>;
  bools: readonly string[];
  positionals: readonly string[];
  /** Tails that, with the token in the environment, succeed against the seeded fake server (or reach a given failure). */
  bases: readonly (readonly string[])[];
}

import { branchDeploymentName } from "../../emulator/state.ts";

/** The branch deployment seeded in the fake server (see fake-server.ts), and its name. */
export const SEEDED = { repoName: "acme/app", branchName: "feature/x" };
const SEEDED_NAME = branchDeploymentName(SEEDED.repoName, SEEDED.branchName);
export const LOCATION_FILE = "dagster_cloud.yaml";

const CONNECTION = {
  "--organization": ["acme", "Acme-Org", "bad org", "acme.evil.com"],
  "-o": ["acme"],
  "--url": ["https://acme.dagster.cloud", "https://dagster.cloud/acme", "http://acme.dagster.cloud/prod", "http://127.0.0.1:9", "ftp://x", "https://acme.dagster.cloud?token=abc", "not a url"],
};
const BRANCH = {
  "--git-repo-name": [SEEDED.repoName, "other/repo", "a"],
  "--repo-name": [SEEDED.repoName],
  "--branch-name": [SEEDED.branchName, "main", "feature/y"],
  "--git-safe-directory": ["/work/repo", "*", ""],
};
const OUTPUT = ["--json", "--verbose"];

export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ["branch-deployment", "create-or-update"],
    stdout: "name",
    valued: {
      ...CONNECTION,
      ...BRANCH,
      "--commit-hash": ["abc123def456", "f".repeat(40), ""],
      "--timestamp": ["1700000000", "0", "1.5", "-1", "17000000000000", "1e400", "abc", ""],
      "--branch-url": ["https://github.com/acme/app/tree/feature/x"],
      "--code-review-url": ["https://github.com/acme/app/pull/7"],
      "--pull-request-status": ["OPEN", "closed", "merged", "", "bogus"],
      "--code-review-id": ["7", "", "x"],
      "--commit-message": ["Fix things", ""],
      "--author-name": ["Ann Author"],
      "--author-email": ["ann@example.com"],
      "--snapshot-base-condition": ["on-create", "on-update", "never"],
      "--base-deployment-name": ["prod", "missing", ""],
    },
    bools: ["--read-git-state", "--no-read-git-state", "--dry-run", ...OUTPUT],
    positionals: [""],
    bases: [
      ["--organization", "acme", "--git-repo-name", SEEDED.repoName, "--branch-name", SEEDED.branchName, "--commit-hash", "abc123def456", "--timestamp", "1700000000"],
      ["-o", "acme", "--repo-name", "acme/new", "--branch-name", "feature/new", "--read-git-state", "--pull-request-status", "open"],
      ["--organization", "acme"],
    ],
  },
  {
    path: ["branch-deployment", "get"],
    stdout: "name",
    valued: { ...CONNECTION, ...BRANCH },
    bools: OUTPUT,
    positionals: [],
    bases: [
      ["--organization", "acme", "--git-repo-name", SEEDED.repoName, "--branch-name", SEEDED.branchName],
      ["--organization", "acme", "--git-repo-name", SEEDED.repoName, "--branch-name", "gone"],
    ],
  },
  {
    path: ["branch-deployment", "close"],
    stdout: "name",
    valued: { ...CONNECTION, ...BRANCH, "--status": ["closed", "merged", "open", "x"] },
    bools: ["--dry-run", ...OUTPUT],
    positionals: [],
    bases: [["-o", "acme", "--git-repo-name", SEEDED.repoName, "--branch-name", SEEDED.branchName]],
  },
  {
    path: ["branch-deployment", "list"],
    stdout: "rows",
    valued: { ...CONNECTION, "--status": ["open", "closed", "merged", "x"], "--limit": ["1", "1000", "0", "1001", "abc", "-5"] },
    bools: OUTPUT,
    positionals: [""],
    bases: [["--organization", "acme"]],
  },
  {
    path: ["branch-deployment", "prune"],
    stdout: "names",
    valued: { ...CONNECTION, "--status": ["closed,merged", "open", "closed", "x,y"], "--older-than": ["30d", "12h", "0m", "99999999w", "1y"] },
    bools: ["--dry-run", "--yes", "-y", ...OUTPUT],
    positionals: [],
    bases: [
      ["--organization", "acme", "--status", "open", "--yes"],
      ["--organization", "acme", "--older-than", "30d", "--dry-run"],
    ],
  },
  {
    path: ["branch-deployment", "delete"],
    stdout: "empty",
    valued: { ...CONNECTION, "--deployment": ["prod", "missing"], "-d": ["prod"] },
    bools: ["--if-exists", "--dry-run", ...OUTPUT],
    positionals: ["prod", "missing", "0123abcd"],
    bases: [
      ["--organization", "acme", SEEDED_NAME],
      ["--organization", "acme", "--if-exists", "missing"],
      ["--organization", "acme", "prod"],
    ],
  },
  {
    path: ["ci", "branch-deployment"],
    stdout: "name",
    valued: { ...CONNECTION, "--snapshot-base-condition": ["on-create", "x"], "--base-deployment-name": ["prod"], "--git-safe-directory": ["/work/repo"] },
    bools: ["--mark-closed", "--read-only", ...OUTPUT],
    positionals: [".", "/work/repo", "/nonexistent"],
    bases: [["--organization", "acme"]],
  },
  {
    path: ["deployment", "add-location"],
    stdout: "empty",
    valued: {
      ...CONNECTION,
      "--deployment": ["prod", "missing"],
      "-d": ["prod"],
      "--location-file": [LOCATION_FILE, "missing.yaml", "/dev/zero"],
      "--from": [LOCATION_FILE],
      "--location-name": ["loc", "other", ""],
      "--image": ["registry/img:1", "registry/broken:1", ""],
      "--module-name": ["pkg.defs"],
      "-m": ["pkg.defs"],
      "--python-file": ["defs.py"],
      "--package-name": ["pkg"],
      "--working-directory": ["/app"],
      "--commit-hash": ["abc123"],
      "--git-url": ["https://github.com/acme/app/tree/abc123"],
      "--location-load-timeout": ["0", "1", "30", "-1", "abc", "1e309"],
      "--agent-timeout": ["5"],
      "--agent-heartbeat-timeout": ["0", "10", "x"],
    },
    bools: ["--no-wait", "--dry-run", ...OUTPUT],
    positionals: ["loc", "other"],
    bases: [
      ["--organization", "acme", "-d", "prod", "--location-name", "loc", "--module-name", "pkg.defs", "--location-load-timeout", "60"],
      ["--organization", "acme", "-d", "prod", "--location-file", LOCATION_FILE, "--location-name", "loc"],
      ["--organization", "acme", "-d", "prod", "loc", "-m", "pkg.defs", "--image", "registry/broken:1", "--agent-timeout", "600"],
      ["--url", "https://acme.dagster.cloud/prod", "loc", "-m", "pkg.defs", "--no-wait"],
    ],
  },
  {
    path: ["deployment", "delete-location"],
    stdout: "empty",
    valued: { ...CONNECTION, "--deployment": ["prod", "missing"], "-d": ["prod"] },
    bools: ["--dry-run", ...OUTPUT],
    positionals: ["loc", "other"],
    bases: [["--organization", "acme", "-d", "prod", "seeded_loc"]],
  },
  {
    path: ["completion"],
    stdout: "script",
    valued: {},
    bools: [],
    positionals: ["bash", "zsh", "fish", "powershell"],
    bases: [["bash"]],
  },
];
