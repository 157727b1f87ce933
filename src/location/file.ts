/** Reads the --location-file and returns the chosen location, with `defaults:` applied. */
import { resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import { FileRejected } from "../files.ts";
import { oneLine, quote } from "../text.ts";
import { applyDefaults, withoutNulls } from "./defaults.ts";
import { selectLocation, type FileContext } from "./select.ts";
import { describe, didYouMean, isMapping, type Mapping } from "./values.ts";
import { parseLocationYaml, type YamlPath } from "./yaml-file.ts";

export const DEFAULTS_KEYS = ["build", "working_directory", "image", "executable_path", "container_context", "agent_queue"];

export interface FileDeps {
  cwd: string;
  readFile(path: string): Promise<string | undefined>;
}

export interface FileLocation {
  location: Mapping;
  /** "file:line" for a key of the final document (its line in the location entry or in defaults). */
  where(docPath: readonly string[]): string;
}

export async function loadLocationFile(path: string, name: string | undefined, deps: FileDeps): Promise<FileLocation> {
  const absolute = resolve(deps.cwd, path);
  // The name for messages: it comes from the command line, so it is bounded and neutralised.
  const file = oneLine(path, 200);
  let text: string | undefined;
  try {
    text = await deps.readFile(absolute);
  } catch (error) {
    const hint = "Pass the path of a YAML file to --location-file.";
    if (error instanceof FileRejected) throw new ConfigError(`Cannot read location file ${file}: it ${error.reason}.`, { hint });
    const code = (error as NodeJS.ErrnoException).code ?? "";
    throw new ConfigError(`Cannot read location file ${file}: ${code || oneLine(String(error), 200)}.`, { hint, cause: error });
  }
  if (text === undefined) {
    throw new ConfigError(`Location file ${file} not found.`, {
      hint: `Check the path given to --location-file (relative paths start at ${oneLine(deps.cwd, 200)}).`,
    });
  }
  const { data, lineOf } = await parseLocationYaml(text, file);
  const at = (path: YamlPath) => {
    const line = lineOf(path);
    return line === undefined ? file : `${file}:${line}`;
  };
  if (data === null || data === undefined) {
    throw new ConfigError(`Location file ${file} is blank.`, {
      hint: "Add a locations: list, each entry with a location_name and a code_source.",
    });
  }
  if (!isMapping(data)) {
    throw new ConfigError(`${at([])}: expected a mapping of keys to values, not ${describe(data)}`, {
      hint: "Start the file with locations: (a list of locations), or write one location's keys at the top level.",
    });
  }
  const ctx: FileContext = { file, at };
  const selected = selectLocation(data, name, ctx);
  const defaults = readDefaults(data.defaults, ctx);
  const location = defaults === undefined ? selected.location : applyDefaults(defaults, selected.location);

  const where = (docPath: readonly string[]): string => {
    const candidates: YamlPath[] = [[...selected.base, ...docPath]];
    if (selected.legacy && docPath[0] === "code_source" && docPath[1] !== undefined) candidates.push([...selected.base, docPath[1]]);
    if (defaults !== undefined) candidates.push(["defaults", ...docPath]);
    for (let length = docPath.length - 1; length >= 0; length--) candidates.push([...selected.base, ...docPath.slice(0, length)]);
    for (const path of candidates) {
      const line = lineOf(path);
      if (line !== undefined) return `${file}:${line}`;
    }
    return file;
  };
  return { location, where };
}

function readDefaults(defaults: unknown, ctx: FileContext): Mapping | undefined {
  if (defaults === undefined || defaults === null) return undefined;
  if (!isMapping(defaults)) {
    throw new ConfigError(`${ctx.at(["defaults"])}: "defaults" must be a mapping, not ${describe(defaults)}`, {
      hint: "Write defaults: followed by indented keys such as image: or container_context:.",
    });
  }
  for (const key of Object.keys(defaults)) {
    if (DEFAULTS_KEYS.includes(key)) continue;
    throw new ConfigError(`${ctx.at(["defaults", key])}: unknown key ${quote(key)} in defaults${didYouMean(key, DEFAULTS_KEYS)}`, {
      hint: `Allowed keys in defaults: ${DEFAULTS_KEYS.join(", ")}.`,
    });
  }
  return withoutNulls(defaults) as Mapping;
}
