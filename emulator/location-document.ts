/**
 * Checks a code location document (the `GenericScalar` of `addOrUpdateLocationFromDocument`), with
 * messages in the style of the `dagster-cloud` pydantic checks. One string per problem.
 */

export type LocationDocument = Record<string, unknown> & { location_name: string };

export const CODE_SOURCE_KEYS = ["python_file", "package_name", "module_name", "autoload_defs_module_name"] as const;

const STRING_KEYS = ["working_directory", "image", "executable_path", "attribute", "agent_queue"] as const;
const OBJECT_KEYS = ["container_context", "git", "pex_metadata", "defs_state_info"] as const;
/** Sent by the newest `dagster-cloud` when set (`pex_bundle: true`). */
const BOOLEAN_KEYS = ["pex_bundle"] as const;

export const KNOWN_KEYS: readonly string[] = ["location_name", "code_source", ...STRING_KEYS, ...OBJECT_KEYS, ...BOOLEAN_KEYS];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function codeSourceProblems(source: unknown): string[] {
  if (source === undefined || source === null) {
    return ["one of package_name, module_name, python_file, or autoload_defs_module_name must be specified"];
  }
  if (!isObject(source)) return ["type_error at 'code_source': must be an object"];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    if (!(CODE_SOURCE_KEYS as readonly string[]).includes(key)) problems.push(`unexpected 'code_source.${key}': unknown field`);
    else if (value !== null && typeof value !== "string") problems.push(`type_error at 'code_source.${key}': must be a string`);
  }
  const given = CODE_SOURCE_KEYS.filter((key) => typeof source[key] === "string" && source[key] !== "");
  if (given.length === 0) {
    problems.push("one of package_name, module_name, python_file, or autoload_defs_module_name must be specified");
  } else if (given.length > 1) {
    problems.push(`only one of the following fields should be defined: ${given.join(", ")}`);
  }
  return problems;
}

/** Every problem of the document; an empty list means it is valid. */
export function locationDocumentProblems(document: unknown): string[] {
  if (!isObject(document)) return ["the document must be an object with location_name and code_source"];
  const problems: string[] = [];
  const name = document.location_name;
  if (name === undefined || name === null) problems.push("expected 'location_name': missing required field");
  else if (typeof name !== "string" || name.trim() === "") problems.push("type_error at 'location_name': must be a non-empty string");
  problems.push(...codeSourceProblems(document.code_source));
  for (const [key, value] of Object.entries(document)) {
    if (!KNOWN_KEYS.includes(key)) problems.push(`unexpected '${key}': unknown field`);
    else if (value === null || value === undefined) continue;
    else if ((STRING_KEYS as readonly string[]).includes(key) && typeof value !== "string") {
      problems.push(`type_error at '${key}': must be a string`);
    } else if ((OBJECT_KEYS as readonly string[]).includes(key) && !isObject(value)) {
      problems.push(`type_error at '${key}': must be an object`);
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key) && typeof value !== "boolean") {
      problems.push(`type_error at '${key}': must be a boolean`);
    }
  }
  return problems;
}

/** The code source's target, e.g. `my_pkg.defs` or `defs.py`, for messages. */
export function codeSourceTarget(document: LocationDocument): string {
  const source = isObject(document.code_source) ? document.code_source : {};
  const key = CODE_SOURCE_KEYS.find((k) => typeof source[k] === "string" && source[k] !== "");
  return key ? String(source[key]) : document.location_name;
}
