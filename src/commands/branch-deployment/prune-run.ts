import { BRANCH_DEPLOYMENTS } from "../../api/operations/branch-deployments.ts";
import type { Deps } from "../../deps.ts";
import { AuthError, CliError, InterruptedError, UsageError } from "../../errors.ts";
import { oneLine } from "../../text.ts";
import { safeJson } from "../output.ts";
import { openSession } from "../session.ts";
import { MAX_LIMIT } from "./list.ts";
import { deleteSelected, type Outcome } from "./prune-delete.ts";
import { describeCriteria, selectForPrune } from "./prune-select.ts";
import type { PruneOptions } from "./prune.ts";
import { branchRows, type DeploymentRow } from "./rows.ts";
import { formatTable } from "./table.ts";

/** A progress line on stderr every this many deletions, for long runs in CI logs. */
const PROGRESS_EVERY = 25;

export async function pruneRun(options: PruneOptions, deps: Deps): Promise<void> {
  const { io } = deps;
  const { client, verbose } = await openSession(options.connection, deps, "organization", options.verbose);
  const { nodes } = (await client(BRANCH_DEPLOYMENTS, { limit: MAX_LIMIT, pullRequestStatus: null })).branchDeployments;
  const ids = new Map(nodes.map((node) => [node.deploymentName, node.deploymentId]));
  const rows = branchRows(nodes, (line) => deps.io.err(`${line}\n`));
  const selected = selectForPrune(rows, options, deps.now());
  if (nodes.length >= MAX_LIMIT) {
    io.err(`${io.style.yellow("Note:")} Dagster+ gave ${MAX_LIMIT} branch deployments, the most one run looks at: run prune again for the rest.\n`);
  }
  const criteria = describeCriteria(options);
  verbose(`${rows.length} branch deployments; selecting those with ${criteria}.`);
  if (selected.length === 0) {
    if (options.json) io.out("[]\n");
    io.err(`No branch deployment to prune (${criteria}).\n`);
    return;
  }
  const what = `${selected.length} branch deployment${selected.length === 1 ? "" : "s"}`;
  io.err(`${options.dryRun ? "Would delete" : "Selected"} ${what} (${criteria}):\n${formatTable(selected, deps.now())}`);

  if (options.dryRun) {
    // On a terminal the table above shows them already; piped, the names are the result.
    if (options.json || !io.outIsTTY) io.out(options.json ? safeJson(selected) : selected.map((row) => `${oneLine(row.name)}\n`).join(""));
    return;
  }
  if (!options.yes) {
    if (!deps.confirm) {
      throw new UsageError(`Refusing to delete ${what} without --yes: there is no terminal to ask for confirmation.`, {
        hint: "Check the selection with --dry-run, then run again with --yes.",
      });
    }
    const question = selected.length === 1 ? "Delete this branch deployment? [y/N] " : `Delete these ${what}? [y/N] `;
    if (!(await deps.confirm(question))) throw new CliError("Nothing was deleted.", { hint: "Answer y to delete, or pass --yes." });
  }

  const outcomes = await deleteAll(selected, ids, options, deps, client);
  if (options.json) io.out(safeJson(selected.map((row, i) => ({ ...row, ...outcomes[i]! }))));
  const failed = outcomes.filter((o) => o.outcome === "failed").length;
  const deleted = outcomes.filter((o) => o.outcome === "deleted").length;
  io.err(`Deleted ${deleted} of ${what}${failed > 0 ? `; ${failed} failed` : ""}.\n`);
  if (failed > 0) {
    throw new CliError(`${failed} of ${what} could not be deleted.`, { hint: "The reasons are above; run the same command again to retry." });
  }
}

type Result = { outcome: Outcome; error: string | null };

/** One by one; a failure is reported and the others go on. Names go to stdout as they are deleted. */
async function deleteAll(
  selected: readonly DeploymentRow[],
  ids: ReadonlyMap<string, number>,
  options: PruneOptions,
  deps: Deps,
  client: Parameters<typeof deleteSelected>[0],
): Promise<Result[]> {
  const { io } = deps;
  const results: Result[] = [];
  for (const [i, row] of selected.entries()) {
    const name = oneLine(row.name);
    let result: Result;
    try {
      result = { outcome: await deleteSelected(client, row.name, ids.get(row.name)!), error: null };
    } catch (error) {
      // A rejected token or Ctrl-C would fail every other deletion the same way: stop.
      if (!(error instanceof CliError) || error instanceof AuthError || error instanceof InterruptedError) throw error;
      result = { outcome: "failed", error: error.message };
      io.err(`${io.style.red("✗")} ${name}: ${oneLine(error.message)}\n`);
    }
    if (result.outcome === "deleted" && !options.json) io.out(`${name}\n`);
    if (result.outcome === "already-gone") io.err(`${name} was already deleted.\n`);
    if (result.outcome === "skipped") io.err(`${name} was created again since the listing: kept.\n`);
    if ((i + 1) % PROGRESS_EVERY === 0 && i + 1 < selected.length) io.err(`${i + 1} of ${selected.length} done...\n`);
    results.push(result);
  }
  return results;
}
