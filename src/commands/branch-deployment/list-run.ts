import { BRANCH_DEPLOYMENTS } from "../../api/operations/branch-deployments.ts";
import type { Deps } from "../../deps.ts";
import { safeJson } from "../output.ts";
import { openSession } from "../session.ts";
import { MAX_LIMIT, type ListOptions } from "./list.ts";
import { branchRows } from "./rows.ts";
import { formatLines, formatTable } from "./table.ts";

/** One query, no mutation; the listing is written to stdout once, after the answer. */
export async function listRun(options: ListOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const { client, verbose } = await openSession(options.connection, deps, "organization", options.verbose);
  verbose(`Listing up to ${options.limit} branch deployments${options.status ? ` with ${options.status} pull requests` : ""}.`);
  const { nodes } = (await client(BRANCH_DEPLOYMENTS, { limit: options.limit, pullRequestStatus: options.status ?? null })).branchDeployments;
  // Dagster+ filters by status already; filtering again costs nothing and does not trust it to.
  const rows = branchRows(nodes, (line) => deps.io.err(`${line}\n`)).filter((row) => !options.status || row.pullRequestStatus === options.status);

  if (options.json) io.out(safeJson(rows));
  else if (options.stdoutIsTTY) io.out(rows.length > 0 ? formatTable(rows, deps.now()) : "");
  else io.out(formatLines(rows));

  if (rows.length === 0 && !options.json) io.err(`No branch deployments${options.status ? ` with ${options.status.toLowerCase()} pull requests` : ""}.\n`);
  if (nodes.length >= options.limit) {
    const how = options.limit < MAX_LIMIT ? `raise --limit (up to ${MAX_LIMIT})` : "narrow it with --status";
    io.err(`${io.style.yellow("Note:")} Dagster+ gave the ${options.limit} asked for; there may be more: ${how}.\n`);
  }
}
