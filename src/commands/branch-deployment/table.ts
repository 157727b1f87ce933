import { oneLine } from "../../text.ts";
import { formatAge } from "./duration.ts";
import { isoTime, type DeploymentRow } from "./rows.ts";

/** Widest repository or branch cell in the table; the full value is in the piped and JSON forms. */
const CELL_MAX = 40;
/** Values in piped output are not cut (URLs must stay whole) beyond this sanity bound. */
const FIELD_MAX = 2000;
const NONE = "-";

const cell = (value: string | null, max: number): string => (value === null || value === "" ? NONE : oneLine(value, max));

/** `#42 merged`, `#42`, `open`, or `-`. */
function pullRequest(row: DeploymentRow): string {
  const number = row.pullRequestNumber ? `#${row.pullRequestNumber}` : "";
  const status = row.pullRequestStatus ? row.pullRequestStatus.toLowerCase() : "";
  return cell([number, status].filter(Boolean).join(" "), CELL_MAX);
}

/** Aligned columns with a header, for a terminal. `nowMs` dates the AGE column. */
export function formatTable(rows: readonly DeploymentRow[], nowMs: number): string {
  const lines = [
    ["NAME", "REPOSITORY", "BRANCH", "PR", "COMMIT", "AGE"],
    ...rows.map((row) => [
      cell(row.name, 64),
      cell(row.repoName, CELL_MAX),
      cell(row.branchName, CELL_MAX),
      pullRequest(row),
      cell(row.commitHash && row.commitHash.slice(0, 7), 7),
      row.timestamp === null ? NONE : formatAge(nowMs - row.timestamp * 1000),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((line) => [...line[i]!].length)));
  return lines
    .map((line) => line.map((value, i) => (i === line.length - 1 ? value : value + " ".repeat(widths[i]! - [...value].length))).join("  "))
    .join("\n")
    .concat("\n");
}

/**
 * One line per deployment, tab-separated, for scripts (`while IFS=$'\t' read -r name repo ...`):
 * name, repository, branch, PR number, PR status, commit hash, commit time (ISO 8601, UTC), PR URL.
 * A missing value is `-`, never empty (shell `read` merges adjacent tabs); a tab or newline inside
 * a value is escaped, so each deployment stays one line of exactly eight fields.
 */
export function formatLines(rows: readonly DeploymentRow[]): string {
  return rows
    .map((row) =>
      [row.name, row.repoName, row.branchName, row.pullRequestNumber, row.pullRequestStatus, row.commitHash, isoTime(row.timestamp) ?? null, row.pullRequestUrl]
        .map((value) => cell(value, FIELD_MAX))
        .join("\t")
        .concat("\n"),
    )
    .join("");
}
