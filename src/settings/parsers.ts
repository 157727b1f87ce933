/**
 * Bounded parsing of config and location files (YAML via `yaml`, TOML via smol-toml). Loaded
 * through one dynamic import; the imports here are static because a bundled dynamic import of a
 * CommonJS package (yaml is one) exposes only `default`, not its named exports.
 *
 * Bounds: nesting depth (yaml's composer recurses, and a few thousand levels overflow the stack or
 * worse), alias expansion (a "billion laughs" file), and the number of values after expansion.
 * Duplicate keys are found with one Set per mapping: yaml's own uniqueKeys check compares every key
 * with every other one (40,000 keys: ~12 s).
 */
import { Composer, isMap, isScalar, isSeq, LineCounter, Parser, type CST, type Document, type ErrorCode } from "yaml";
import { parse as parseTomlText, TomlError } from "smol-toml";
import { quote } from "../text.ts";

export { isMap, isScalar, isSeq };

export const MAX_DEPTH = 64;
export const MAX_ALIAS_COUNT = 100;
export const MAX_VALUES = 1_000_000;

/**
 * Where a file fails to parse. `reason` is a fixed phrase that never quotes the file (a config
 * file holds the token); `detail` may quote it, for files whose text is not secret.
 */
export class ParseProblem extends Error {
  override name = "ParseProblem";
  constructor(
    readonly reason: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(reason);
  }
}

export interface ParsedYaml {
  data: unknown;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number) => lineCounter.linePos(offset);
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const deep = tooDeep(tokens);
  if (deep !== undefined) throw problem(`nesting deeper than ${MAX_DEPTH} levels`, undefined, at(deep));

  const docs = [...new Composer({ uniqueKeys: false, logLevel: "error" }).compose(tokens, true, text.length)];
  const doc = docs[0] as Document.Parsed;
  if (docs.length > 1) throw problem("more than one document", undefined, at(docs[1]?.range[0] ?? 0));
  const error = doc.errors[0];
  if (error !== undefined) throw problem(phrase(error.code), error.message, at(error.pos[0]));
  const duplicate = duplicateKey(doc, at);
  if (duplicate !== undefined) throw duplicate;

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const message = (cause as Error).message;
    if (/resource exhaustion/i.test(message)) throw problem("aliases expand to too much data");
    throw problem("unresolved alias", message); // "Unresolved alias (the anchor must be set before the alias): x"
  }
  checkValues(data);
  return { data, doc, lineCounter };
}

export function parseToml(text: string): unknown {
  let data: unknown;
  try {
    data = parseTomlText(text, { maxDepth: MAX_DEPTH });
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // "Invalid TOML document: <fixed phrase>\n\n<excerpt of the file>": keep the phrase only.
    const reason = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
    throw new ParseProblem(/^[a-z ,.:-]+$/i.test(reason) ? reason : "syntax error", reason, error.line, error.column);
  }
  checkValues(data);
  return data;
}

function problem(reason: string, detail = reason, pos?: { line: number; col: number }): ParseProblem {
  return new ParseProblem(reason, detail.split("\n")[0] ?? reason, pos?.line, pos?.col);
}

const PHRASES: Partial<Record<ErrorCode, string>> = {
  BAD_INDENT: "bad indentation",
  TAB_AS_INDENT: "a tab used for indentation",
  MISSING_CHAR: "a missing character (closing quote or bracket, comma, or space after a colon?)",
  BAD_DQ_ESCAPE: "an invalid escape sequence in a double-quoted string",
  MULTILINE_IMPLICIT_KEY: "a key spread over several lines",
  BLOCK_AS_IMPLICIT_KEY: "a nested block where a key was expected",
  RESOURCE_EXHAUSTION: `nesting deeper than ${MAX_DEPTH} levels`,
};

/** A fixed phrase for a yaml error code ("UNEXPECTED_TOKEN" -> "unexpected token"). */
function phrase(code: ErrorCode): string {
  return PHRASES[code] ?? code.toLowerCase().replace(/_/g, " ");
}

/** The offset of the first collection nested deeper than MAX_DEPTH, walking the CST without recursion. */
function tooDeep(tokens: readonly CST.Token[]): number | undefined {
  const stack: [CST.Token, number][] = [];
  for (const token of tokens) if (token.type === "document" && token.value) stack.push([token.value, 0]);
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [token, depth] = entry;
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") continue;
    if (depth >= MAX_DEPTH) return token.offset;
    for (const item of token.items) {
      if ("key" in item && item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/** The first key repeated in a mapping, with its line and the line of the first one. */
function duplicateKey(doc: Document.Parsed, at: (offset: number) => { line: number; col: number }): ParseProblem | undefined {
  const stack: unknown[] = [doc.contents];
  for (let node = stack.pop(); stack.length > 0 || node !== undefined; node = stack.pop()) {
    if (isSeq(node)) for (const item of node.items) stack.push(item); // no spread: a huge list overflows it
    if (!isMap(node)) continue;
    const seen = new Map<string, number>();
    for (const pair of node.items) {
      stack.push(pair.key, pair.value);
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const offset = pair.key.range?.[0] ?? 0;
      const first = seen.get(key);
      if (first !== undefined) {
        return problem("duplicate key", `duplicate key ${quote(key)} (first on line ${at(first).line})`, at(offset));
      }
      seen.set(key, offset);
    }
  }
  return undefined;
}

/** Aliases expand after the checks above: bound the depth and size of what they produced. */
function checkValues(data: unknown): void {
  const stack: [unknown, number][] = [[data, 0]];
  let count = 0;
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [value, depth] = entry;
    if (++count > MAX_VALUES) throw problem(`more than ${MAX_VALUES} values`);
    if (typeof value !== "object" || value === null || value instanceof Uint8Array) continue;
    if (depth >= MAX_DEPTH) throw problem(`nesting deeper than ${MAX_DEPTH} levels`);
    for (const item of Object.values(value as object)) stack.push([item, depth + 1]);
  }
}
