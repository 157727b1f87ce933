/**
 * The values the fuzz tests feed in: the token, and text that is hostile to terminals, CI logs,
 * shells and parsers. Kept in one place so every generator draws from the same pool.
 */
import fc from "fast-check";

/** The API token of the fuzz tests: long enough to be masked (io.ts masks secrets of 6+ chars). */
export const TOKEN = "user:fuzz-token-8c1d2e3f4a5b";
/** A second token, given on the command line while TOKEN is in the environment. */
export const FLAG_TOKEN = "flagtok-5d4c3b2a1f0e";
/** Every secret the inputs can carry: none may reach stdout or stderr, in any of these forms. */
export const SECRETS = [TOKEN, FLAG_TOKEN];

/** What a secret may look like in output: as is, JSON-escaped, URL-encoded (also twice). */
export function secretForms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret))])];
}

/** Pieces of a secret long enough to matter: a prefix left by a cut (`user:fuzz-toke…`) is a leak too. */
export const PARTIAL_SECRET_CHARS = 10;

/** Text that a terminal, a CI log or a shell would take for something else. */
export const HOSTILE = [
  "\u001b[31mred\u001b[0m",
  "\u001b]0;title\u0007",
  "\u001b[2J\u001b[H",
  "line1\nline2",
  "carriage\rreturn",
  "::add-mask::secret",
  "::error file=x::boom",
  "x\n::set-output name=a::b",
  "##vso[task.setvariable variable=x]y",
  "##[group]g",
  "  ::warning::indented",
  "\u202eevil\u202c",
  "\u2028sep\u2029",
  "tab\there",
  "nul\u0000byte",
  "\u0085next-line",
  "\u009b31m",
  "$(touch /tmp/pwned)",
  "`id`",
  "%s%n%x",
  "../../etc/passwd",
  "ünïcödé 😀 中文",
  "\ud800lone-surrogate",
  "null",
  "{}",
  "[]",
  "true",
  "-1",
  "0",
  "1e309",
  "NaN",
];

/** Values that look like options: what an empty unquoted variable leaves behind. */
export const OPTION_LIKE = ["--api-token", "-u", "--verbose", "--help", "-h", "--json", "--", "-", "--url", "--organization", "-o", "--version", "-v"];

/** `arb` one time in `oneIn`, else undefined (fc.option's `freq` is the other way round). */
export function sometimes<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
}

/** `arb`, but undefined one time in `oneIn`. */
export function usually<T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: oneIn - 1, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(undefined) });
}

/** A hostile string: from the pool, generated, long, or a mix. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "  \t ") },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((n) => "x".repeat(n)) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE)).map(([a, b]) => `${a} ${b}`) },
);

/** A command-line value: a plausible one, an option-looking one, or hostile text. */
export function argValue(plausible: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...plausible) },
    { weight: 1, arbitrary: fc.constantFrom(...OPTION_LIKE) },
    { weight: 3, arbitrary: hostileText },
  );
}
