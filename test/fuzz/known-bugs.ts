/**
 * Where a bug the fuzzing finds waits for its fix: its effect is undone here, narrowly, as the fix
 * would, so that the property keeps checking everything else, and known-bugs.test.ts reproduces it
 * with `it.fails`. When the fix lands, delete the entry and turn `it.fails` into `it`.
 */
import type { Outcome, RunInput } from "./invariants.ts";

/** None open today: each bug found so far is fixed and has a regression test in known-bugs.test.ts. */
export type KnownBug = never;

interface Repair {
  id: KnownBug;
  /** The output as it would be with the bug fixed (the same text when the bug did not show). */
  repair(text: string, input: RunInput, stream: "stdout" | "stderr"): string;
}

const REPAIRS: Repair[] = [];

/** The outcome with every known bug's effect undone, and which bugs showed in it. */
export function repairKnownBugs(outcome: Outcome, input: RunInput): { outcome: Outcome; showed: KnownBug[] } {
  let { stdout, stderr } = outcome;
  const showed: KnownBug[] = [];
  for (const { id, repair } of REPAIRS) {
    const [out, err] = [repair(stdout, input, "stdout"), repair(stderr, input, "stderr")];
    if (out !== stdout || err !== stderr) showed.push(id);
    [stdout, stderr] = [out, err];
  }
  return { outcome: { ...outcome, stdout, stderr }, showed };
}
