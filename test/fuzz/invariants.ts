/**
 * The invariants every run must keep, whatever the input: documented exit codes, no stack trace
 * without --verbose, stdout holding exactly the result on success and nothing on failure, a short
 * error report, no secret in any form, and no escape sequence or CI workflow command from input.
 */
import type { CommandSpec } from "./commands.ts";
import { PARTIAL_SECRET_CHARS, SECRETS, secretForms } from "./strings.ts";

export const EXIT_CODES = [0, 1, 2, 3, 4, 5, 6, 130, 143];
/** The error report (from the `Error:` line on) is at most this many lines. */
export const MAX_REPORT_LINES = 8;
/** A load error's traceback (`details`, exit 6) may add up to safeLines' 200 lines and a "more" line. */
const MAX_DETAILS_LINES = 201;
/** No line of stderr is longer: messages are cut at 600 characters, details lines at 1000. */
export const MAX_LINE_CHARS = 4_200;
/** Progress, retries and maintenance lines are bounded too: a flood is a failure. */
export const MAX_STDERR_LINES = 3_000;

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunInput {
  argv: readonly string[];
  spec: CommandSpec;
  pathIntact: boolean;
  /** stderr may carry our own styling and live-line codes (a colour terminal, FORCE_COLOR). */
  styled: boolean;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
/** C0 controls but tab and newline, DEL, and C1 controls (0x9b is a one-byte CSI). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;
/** What a CI runner reads as a command: lines split as .NET's ReadLine does, leading space trimmed. */
const WORKFLOW_COMMAND = /^\s*(::|##)/;
/** Our own styling: colours, and the live progress line redrawn in place (read as line breaks). */
// eslint-disable-next-line no-control-regex
const COLOURS = /\u001b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const REDRAW = /\r\u001b\[2K/g;

/** Everything wrong with one run; empty when it kept every invariant. */
export function violations(outcome: Outcome, input: RunInput): string[] {
  const found: string[] = [];
  const { code, stdout } = outcome;
  const stderr = input.styled ? outcome.stderr.replace(REDRAW, "\n").replace(COLOURS, "") : outcome.stderr;
  const { argv } = input;
  const flags = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : argv.length);
  const verbose = argv.includes("--verbose");

  if (!EXIT_CODES.includes(code)) found.push(`exit code ${code} is not a documented one`);
  for (const secret of SECRETS) {
    for (const form of secretForms(secret)) {
      if (stdout.includes(form)) found.push(`a secret on stdout (${JSON.stringify(form)})`);
      if (outcome.stderr.includes(form)) found.push(`a secret on stderr (${JSON.stringify(form)})`);
    }
  }
  for (const [name, text] of [["stdout", stdout], ["stderr", outcome.stderr]] as const) {
    const piece = partialSecret(text);
    if (piece !== undefined) found.push(`part of a secret on ${name} (${JSON.stringify(piece)})`);
  }
  const errLines = stderr.split(/\r\n|\r|\n/);
  if (!verbose && errLines.some((line) => /^\s+at /.test(line))) found.push("a stack trace without --verbose");
  for (const [name, text] of [["stdout", stdout], ["stderr", stderr]] as const) {
    const bad = CONTROL.exec(text);
    if (bad) found.push(`a control character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")} on ${name}`);
    const command = text.split(/\r\n|\r|\n/).find((line) => WORKFLOW_COMMAND.test(line));
    if (command !== undefined) found.push(`a CI workflow command on ${name}: ${JSON.stringify(command.slice(0, 80))}`);
  }
  if (errLines.length > MAX_STDERR_LINES) found.push(`${errLines.length} lines on stderr`);
  const long = errLines.find((line) => line.length > MAX_LINE_CHARS);
  if (long !== undefined) found.push(`a stderr line of ${long.length} characters`);

  if (code === 0) found.push(...successViolations(stdout, input, flags));
  else found.push(...failureViolations(stdout, errLines, input, code, verbose));
  return found;
}

function successViolations(stdout: string, input: RunInput, flags: readonly string[]): string[] {
  if (stdout !== "" && !stdout.endsWith("\n")) return ["stdout does not end with a newline"];
  // Anywhere: `--branch-name -- --help` makes `--` a value, and commander then shows the help.
  const asked = (...names: string[]) => names.some((name) => input.argv.includes(name));
  if (asked("-h", "--help") && stdout.startsWith("Usage:")) return [];
  if (asked("-v", "--version") && /^Dagster Cloud version: \S+ \(TypeScript CLI\)\n$/.test(stdout)) return [];
  if (!input.pathIntact) return stdout === "" ? [] : [`exit 0 with output for a mangled command: ${JSON.stringify(stdout.slice(0, 80))}`];
  const json = flags.includes("--json");
  const dryRun = flags.includes("--dry-run");
  if (json && input.spec.stdout !== "script") return jsonViolations(stdout);
  const lines = stdout === "" ? [] : stdout.slice(0, -1).split("\n");
  switch (input.spec.stdout) {
    case "name":
      if (dryRun && stdout === "") return [];
      return lines.length === 1 && NAME.test(lines[0]!) ? [] : [`stdout is not one name line: ${JSON.stringify(stdout.slice(0, 120))}`];
    case "names":
      return lines.every((line) => NAME.test(line)) ? [] : [`stdout is not name lines: ${JSON.stringify(stdout.slice(0, 120))}`];
    case "rows":
      return lines.every((line) => line.split("\t").length === 8) ? [] : [`stdout is not rows of 8 fields: ${JSON.stringify(stdout.slice(0, 120))}`];
    case "empty":
      return stdout === "" ? [] : [`stdout should be empty: ${JSON.stringify(stdout.slice(0, 120))}`];
    case "script":
      return stdout.length > 0 ? [] : ["no completion script"];
  }
}

function jsonViolations(stdout: string): string[] {
  try {
    JSON.parse(stdout);
    return [];
  } catch {
    return [`--json output is not JSON: ${JSON.stringify(stdout.slice(0, 120))}`];
  }
}

function failureViolations(stdout: string, errLines: readonly string[], input: RunInput, code: number, verbose: boolean): string[] {
  const found: string[] = [];
  // prune reports each deletion as it happens, so its stdout may list some before a failure.
  const partial = input.spec.stdout === "names" && input.pathIntact;
  if (stdout !== "" && !(partial && (jsonViolations(stdout).length === 0 || successViolations(stdout, input, []).length === 0))) {
    found.push(`exit ${code} with output on stdout: ${JSON.stringify(stdout.slice(0, 120))}`);
  }
  // Every failure is one the CLI understood: main() calls anything else a bug.
  if (errLines.some((line) => line.startsWith("Error: unexpected failure"))) found.push(`an internal error: ${JSON.stringify(errLines.find((line) => line.startsWith("Error: unexpected")))}`);
  const start = errLines.findLastIndex((line) => line.startsWith("Error:"));
  if (start === -1) return [...found, `exit ${code} without an "Error:" line on stderr`];
  const report = errLines.slice(start).filter((line, i, all) => i < all.length - 1 || line !== "");
  const limit = MAX_REPORT_LINES + (code === 6 ? MAX_DETAILS_LINES : 0);
  if (!verbose && report.length > limit) found.push(`an error report of ${report.length} lines`);
  return found;
}

/** A piece of a secret (PARTIAL_SECRET_CHARS or more of it) that is not the masked whole. */
function partialSecret(text: string): string | undefined {
  for (const secret of SECRETS) {
    for (let start = 0; start + PARTIAL_SECRET_CHARS <= secret.length; start++) {
      const piece = secret.slice(start, start + PARTIAL_SECRET_CHARS);
      if (text.includes(piece)) return piece;
    }
  }
  return undefined;
}
