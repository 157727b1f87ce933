/**
 * Command lines generated from the grammar in commands.ts: a command (sometimes mangled), often
 * its succeeding base, random flags with plausible, option-looking or hostile values, the token in
 * every form a user could type it (mistyped too), and the slips CI scripts make (an empty unquoted
 * variable leaving a flag without its value, a stray argument).
 */
import fc from "fast-check";
import { COMMANDS, type CommandSpec } from "./commands.ts";
import { argValue, hostileText, SECRETS, sometimes } from "./strings.ts";

export interface GeneratedArgv {
  /** The command generated from (its words joined): see `specOf`. */
  command: string;
  argv: string[];
  /** The command words are those of `spec` (not mangled): its stdout contract applies. */
  pathIntact: boolean;
}

/** The token on the command line, in the forms users type, right and wrong. */
export const tokenArgs: fc.Arbitrary<string[]> = fc.constantFrom(...SECRETS).chain((secret) =>
  fc.constantFrom(
    ["--api-token", secret],
    [`--api-token=${secret}`],
    ["-u", secret],
    [`-u${secret}`],
    ["--user-token", secret],
    [`--user-token=${secret}`],
    [`--api-tokn=${secret}`],
    [`-U${secret}`],
    [`--token=${secret}`],
    ["--api-tokn", secret],
    ["--token", secret],
    ["--author-name", "--api-token", secret],
    ["--image", "--api-token", secret],
    ["--organization", "--user-token", secret],
    ["--url", `https://user:${secret}@acme.dagster.cloud`],
    [`--url=https://acme.dagster.cloud/?token=${secret}`],
  ),
);

interface PathChoice {
  path: string[];
  intact: boolean;
}

export function specOf(command: string): CommandSpec {
  const spec = COMMANDS.find((candidate) => candidate.path.join(" ") === command);
  if (!spec) throw new Error(`no command ${command}`);
  return spec;
}

function pathArb(spec: CommandSpec): fc.Arbitrary<PathChoice> {
  const path = [...spec.path];
  const mangled = [[], path.slice(0, 1), [`${path[0]}x`, ...path.slice(1)], path.slice(1), [...path, ...path]].filter(
    (words) => words.join(" ") !== path.join(" "),
  );
  const alias = path[0] === "deployment" ? [["workspace", ...path.slice(1)]] : [];
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant<PathChoice>({ path, intact: true }) },
    { weight: 1, arbitrary: fc.constant<PathChoice>({ path: ["--verbose", ...path], intact: true }) },
    ...alias.map((words) => ({ weight: 1, arbitrary: fc.constant<PathChoice>({ path: words, intact: true }) })),
    { weight: 2, arbitrary: fc.constantFrom(...mangled).map((words): PathChoice => ({ path: words, intact: false })) },
  );
}

function flagItem(spec: CommandSpec, hostile: boolean): fc.Arbitrary<string[]> {
  const valued = Object.entries(spec.valued);
  const items: fc.Arbitrary<string[]>[] = [];
  if (valued.length > 0) {
    items.push(
      fc
        .tuple(fc.constantFrom(...valued), fc.boolean())
        .chain(([[flag, values], inline]) =>
          (hostile ? argValue(values) : fc.constantFrom(...values)).map((value) => (inline ? [`${flag}=${value}`] : [flag, value])),
        ),
    );
  }
  if (spec.bools.length > 0) items.push(fc.constantFrom(...spec.bools).map((flag) => [flag]));
  if (spec.positionals.length > 0 && hostile) items.push(argValue(spec.positionals).map((value) => [value]));
  return items.length > 0 ? fc.oneof(...items) : fc.constant([]);
}

/** A flag that lost its value to an empty unquoted variable: it now takes the next argument. */
function slipArb(spec: CommandSpec): fc.Arbitrary<string[]> {
  const flags = Object.keys(spec.valued);
  return flags.length > 0 ? fc.constantFrom(...flags).map((flag) => [flag]) : fc.constant([]);
}

/** A command line a careful user would type: a base and plausible flags. */
function cleanArgv(spec: CommandSpec): fc.Arbitrary<GeneratedArgv> {
  return fc
    .record({
      base: fc.constantFrom(...spec.bases),
      extra: fc.array(flagItem(spec, false), { maxLength: 2 }),
      token: sometimes(fc.constantFrom(...SECRETS).map((secret) => ["--api-token", secret]), 4),
    })
    .map(({ base, extra, token }) => ({ command: spec.path.join(" "), argv: [...spec.path, ...base, ...extra.flat(), ...(token ?? [])], pathIntact: true }));
}

/** Anything goes: mangled commands, hostile values, the token typed wrong, slips, strays. */
function messyArgv(spec: CommandSpec): fc.Arbitrary<GeneratedArgv> {
  return fc
    .record({
      path: pathArb(spec),
      base: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...spec.bases) }, { weight: 1, arbitrary: fc.constant([]) }),
      extra: fc.array(flagItem(spec, true), { maxLength: 4 }),
      token: sometimes(tokenArgs, 2),
      tokenFirst: fc.boolean(),
      slip: sometimes(slipArb(spec), 4),
      stray: sometimes(hostileText.map((text) => [text]), 6),
      help: sometimes(fc.constantFrom(["--help"], ["-h"], ["--version"], ["-v"]), 10),
    })
    .map(({ path, base, extra, token, tokenFirst, slip, stray, help }) => {
      const tail = [...base, ...extra.flat()];
      const withToken = token === undefined ? tail : tokenFirst ? [...(slip ?? []), ...token, ...tail] : [...tail, ...(slip ?? []), ...token];
      const argv = [...path.path, ...withToken, ...(token === undefined ? (slip ?? []) : []), ...(stray ?? []), ...(help ?? [])];
      return { command: spec.path.join(" "), argv, pathIntact: path.intact };
    });
}

/** The commands with the most paths (git, CI context, files, waiting) are drawn twice as often. */
const WEIGHTED = COMMANDS.flatMap((spec) => (["create-or-update", "add-location"].includes(spec.path[1] ?? "") ? [spec, spec] : [spec]));

export const argvArb: fc.Arbitrary<GeneratedArgv> = fc
  .constantFrom(...WEIGHTED)
  .chain((spec) =>
    fc.oneof(
      // A base alone: most of these reach the (misbehaving) server.
      { weight: 2, arbitrary: fc.constantFrom(...spec.bases).map((base) => ({ command: spec.path.join(" "), argv: [...spec.path, ...base], pathIntact: true })) },
      { weight: 2, arbitrary: cleanArgv(spec) },
      { weight: 2, arbitrary: messyArgv(spec) },
    ),
  );
