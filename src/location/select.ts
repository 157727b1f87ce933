/** Picks one location out of a parsed location file, in any of its three forms. */
import { ConfigError, UsageError } from "../errors.ts";
import { oneLine, quote } from "../text.ts";
import { describe, isMapping, type Mapping } from "./values.ts";
import type { YamlPath } from "./yaml-file.ts";

export const CODE_SOURCE_KEYS = ["package_name", "module_name", "python_file", "autoload_defs_module_name"] as const;

export interface Selected {
  location: Mapping;
  /** Where the location sits in the file. */
  base: YamlPath;
  /** Legacy mapping form: code-source keys sit directly under the entry, not under code_source. */
  legacy: boolean;
}

export interface FileContext {
  file: string;
  /** "file:line" for a path in the file (or "file" when the line is unknown). */
  at(path: YamlPath): string;
}

const HOW = 'Write locations: followed by entries like "- location_name: my_location".';

export function selectLocation(top: Mapping, name: string | undefined, ctx: FileContext): Selected {
  if (!("locations" in top)) {
    // (c) No `locations` key: the whole file (less `defaults`) is one location.
    const { defaults: _defaults, ...location } = top;
    const own = location.location_name;
    if (typeof own === "string" && name !== undefined && own !== name) {
      throw new ConfigError(`${ctx.at(["location_name"])}: location_name ${quote(own)} does not match the name given, ${quote(name)}`, {
        hint: "Pass the name the file uses, or leave the name out to use the file's.",
      });
    }
    return { location, base: [], legacy: false };
  }
  const locations = top.locations;
  const empty = Array.isArray(locations) ? locations.length === 0 : isMapping(locations) && Object.keys(locations).length === 0;
  if (locations === null || empty) {
    throw new ConfigError(`${ctx.at(["locations"])}: "locations" holds no locations`, { hint: HOW });
  }
  if (Array.isArray(locations)) return fromList(locations, name, ctx);
  if (isMapping(locations)) return fromMapping(locations, name, ctx);
  throw new ConfigError(`${ctx.at(["locations"])}: "locations" must be a list of locations, not ${describe(locations)}`, { hint: HOW });
}

/** (a) `locations:` list of location documents. */
function fromList(entries: unknown[], name: string | undefined, ctx: FileContext): Selected {
  const names: (string | undefined)[] = [];
  entries.forEach((entry, index) => {
    if (!isMapping(entry)) {
      throw new ConfigError(`${ctx.at(["locations", index])}: entry ${index + 1} of "locations" must be a mapping, not ${describe(entry)}`, {
        hint: "Each entry holds keys like location_name: and code_source:.",
      });
    }
    const own = typeof entry.location_name === "string" ? entry.location_name : undefined;
    if (own !== undefined && names.includes(own)) {
      throw new ConfigError(`${ctx.at(["locations", index, "location_name"])}: duplicate location name ${quote(own)} in "locations"`, {
        hint: "Give each location a unique location_name.",
      });
    }
    names.push(own);
  });
  const index = pick(names, name, ctx);
  return { location: entries[index] as Mapping, base: ["locations", index], legacy: false };
}

/** (b) Legacy `locations:` mapping keyed by name (`workspace sync` form). */
function fromMapping(entries: Mapping, name: string | undefined, ctx: FileContext): Selected {
  const names = Object.keys(entries);
  const key = names[pick(names, name, ctx)] as string;
  const entry = entries[key] ?? {};
  if (!isMapping(entry)) {
    throw new ConfigError(`${ctx.at(["locations", key])}: location ${quote(key)} under "locations" must be a mapping, not ${describe(entry)}`, {
      hint: "Write its keys (python_file:, image:, ...) indented under the name.",
    });
  }
  const { location_name: own, ...rest } = entry;
  if (own !== undefined && own !== null && own !== key) {
    throw new ConfigError(`${ctx.at(["locations", key, "location_name"])}: location_name ${quote(typeof own === "string" ? own : JSON.stringify(own))} differs from its key ${quote(key)}`, {
      hint: "Remove location_name: in this form, the key under locations: is the location's name.",
    });
  }
  const sources: Mapping = {};
  for (const source of CODE_SOURCE_KEYS) {
    if (source in rest) sources[source] = rest[source];
    delete rest[source];
  }
  const existing = rest.code_source;
  const code_source = isMapping(existing) ? { ...existing, ...sources } : Object.keys(sources).length > 0 ? sources : existing;
  const location: Mapping = { location_name: key, ...rest };
  if (code_source !== undefined) location.code_source = code_source;
  return { location, base: ["locations", key], legacy: true };
}

function pick(names: readonly (string | undefined)[], name: string | undefined, ctx: FileContext): number {
  const known = names.filter((item): item is string => item !== undefined);
  if (name === undefined) {
    if (names.length === 1) return 0;
    throw new UsageError(`${ctx.file} defines ${names.length} locations (${oneLine(known.join(", "), 200)}): say which one to add.`, {
      hint: "Pass its name as LOCATION or with --location-name.",
    });
  }
  const index = names.indexOf(name);
  if (index >= 0) return index;
  const defined = known.length > 0 ? `it defines: ${oneLine(known.join(", "), 200)}` : "none of its locations has a location_name";
  throw new UsageError(`No location named ${quote(name)} in ${ctx.file}; ${defined}.`, {
    hint: `Pass one of the names defined there, or add ${quote(name)} to ${ctx.file}.`,
  });
}
