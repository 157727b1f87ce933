/**
 * Bugs this fuzzing found in src/ that are reported and not fixed yet (src/ is not this test's to
 * change). Each one's effect is undone here, narrowly, as its fix would, so that the property keeps
 * checking everything else; each is reproduced in known-bugs.test.ts with `it.fails`. When a fix
 * lands, that test fails: delete the entry here and turn `it.fails` into `it`.
 */
import type { Outcome, RunInput } from "./invariants.ts";
import { SECRETS, secretForms } from "./strings.ts";

export type KnownBug = "cut-secret";

interface Repair {
  id: KnownBug;
  /** The output as it would be with the bug fixed (the same text when the bug did not show). */
  repair(text: string, input: RunInput, stream: "stdout" | "stderr"): string;
}

const REPAIRS: Repair[] = [
  {
    // io.ts masks whole secrets only; oneLine/safeLines cut a message first, so a secret echoed
    // where a message is cut shows as a prefix ending in "…" (`user:fuzz-toke…`).
    id: "cut-secret",
    repair: (text) => {
      let repaired = text;
      for (const form of SECRETS.flatMap(secretForms)) {
        for (let length = form.length - 1; length >= 4; length--) repaired = repaired.split(`${form.slice(0, length)}…`).join("****…");
      }
      return repaired;
    },
  },
];

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
