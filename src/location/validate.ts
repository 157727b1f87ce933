/** Checks the final location document before it is sent, naming the file and line of any problem. */
import { ConfigError, UsageError } from "../errors.ts";
import { quote } from "../text.ts";
import { CODE_SOURCE_FLAG_LIST } from "./flags.ts";
import { CODE_SOURCE_KEYS } from "./select.ts";
import { describe, didYouMean, isMapping, type Mapping } from "./values.ts";

const LOCATION_KEYS = [
  "location_name", "code_source", "working_directory", "image", "executable_path", "attribute",
  "container_context", "agent_queue", "git", "build", "pex_metadata", "defs_state_info",
];
const STRING_KEYS = ["location_name", "working_directory", "image", "executable_path", "attribute", "agent_queue"];
const MAPPING_KEYS = ["code_source", "container_context", "git", "build", "pex_metadata", "defs_state_info"];
const GIT_KEYS = ["commit_hash", "url"];
const ONE_OF = "one of package_name, module_name, python_file, or autoload_defs_module_name must be specified";

export interface ValidationContext {
  /** "file:line" (or "file") for a path of the document; undefined when no file was given. */
  where(docPath: readonly string[]): string | undefined;
}

type Fail = (path: readonly string[], text: string, hint: string) => never;

export function validateLocation(doc: Mapping, ctx: ValidationContext): void {
  const fail: Fail = (path, text, hint) => {
    const where = ctx.where(path);
    throw new ConfigError(where === undefined ? text : `${where}: ${text}`, { hint });
  };
  const name = doc.location_name;
  if (name === undefined || name === null || name === "") {
    fail(["location_name"], "location_name is missing", "Add location_name: to the location, or pass LOCATION or --location-name.");
  }
  // ` in location "etl"` at the top level, ` in code_source of location "etl"` below it.
  const label = (path: readonly string[]) => {
    const of = typeof name === "string" ? ` location ${quote(name)}` : "";
    if (path.length === 0) return of === "" ? "" : ` in${of}`;
    return ` in ${path.join(".")}${of === "" ? "" : ` of${of}`}`;
  };

  checkKeys(doc, [], LOCATION_KEYS, label, fail);
  // A null is sent as written (the service reads it as "not set"), except for the name.
  for (const [key, value] of Object.entries(doc)) {
    if (value === null) continue;
    if (STRING_KEYS.includes(key)) checkString([key], value, label, fail);
    if (MAPPING_KEYS.includes(key) && !isMapping(value)) {
      fail([key], `"${key}"${label([])} must be a mapping, not ${describe(value)}`, `Write ${key}: followed by indented keys.`);
    }
  }
  for (const [key, known] of [["git", GIT_KEYS], ["code_source", CODE_SOURCE_KEYS]] as const) {
    const inner = (doc[key] ?? {}) as Mapping;
    checkKeys(inner, [key], known, label, fail);
    for (const [innerKey, value] of Object.entries(inner)) if (value !== null) checkString([key, innerKey], value, label, fail);
  }

  const source = (doc.code_source ?? {}) as Mapping;
  // Exactly one must be set, as the service counts: null and "" are not.
  const defined = CODE_SOURCE_KEYS.filter((key) => typeof source[key] === "string" && source[key] !== "");
  if (defined.length > 1) {
    const text = `only one of the following fields should be defined${label(["code_source"])}: ${defined.join(", ")}`;
    fail(["code_source", defined[1] as string], text, `Keep one of them, or replace them all with one of ${CODE_SOURCE_FLAG_LIST}.`);
  }
  if (defined.length === 0) {
    const where = ctx.where(["code_source"]);
    if (where === undefined) {
      throw new UsageError(`No code source${label([])}: ${ONE_OF}.`, {
        hint: `Pass ${CODE_SOURCE_FLAG_LIST}, or a --location-file that sets code_source.`,
      });
    }
    throw new ConfigError(`${where}: no code source${label([])}: ${ONE_OF}`, {
      hint: `Add code_source: with one of them, or pass ${CODE_SOURCE_FLAG_LIST}.`,
    });
  }
}

function checkKeys(value: Mapping, path: readonly string[], known: readonly string[], label: (path: readonly string[]) => string, fail: Fail): void {
  const scope = path.length === 0 ? "" : ` in ${path.join(".")}`;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    fail([...path, key], `unknown key ${quote(key)}${label(path)}${didYouMean(key, known)}`, `Allowed keys${scope}: ${known.join(", ")}.`);
  }
}

function checkString(path: readonly string[], value: unknown, label: (path: readonly string[]) => string, fail: Fail): void {
  if (typeof value === "string") return;
  const key = path[path.length - 1] ?? "";
  const hint =
    typeof value === "number" || typeof value === "boolean"
      ? `Quote the value: ${key}: ${quote(String(value))}.`
      : `Write a single value after ${key}:, in quotes if it looks like a number or true/false.`;
  fail(path, `"${path.join(".")}"${label([])} must be a string, not ${describe(value)}`, hint);
}
