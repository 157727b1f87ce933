import type { Runners } from "../../src/cli.ts";

export type Recorded = { command: keyof Runners; options: unknown };

/** Runners that only record what they were asked to run (gh's `runF`), to test parsing alone. */
export function recordingRunners(seen: Recorded[] = []): Runners {
  const record =
    (command: keyof Runners) =>
    async (options: unknown): Promise<void> => {
      seen.push({ command, options });
    };
  return {
    createOrUpdate: record("createOrUpdate"),
    delete: record("delete"),
    get: record("get"),
    list: record("list"),
    close: record("close"),
    prune: record("prune"),
    ciBranchDeployment: record("ciBranchDeployment"),
    addLocation: record("addLocation"),
    deleteLocation: record("deleteLocation"),
  };
}
