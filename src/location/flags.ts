/** The location name and the partial location document given by command-line flags. */
import { UsageError } from "../errors.ts";
import { quote } from "../text.ts";
import type { LocationFlags } from "./document.ts";
import { pruneMapping, type Mapping } from "./values.ts";

/** Code-source fields and their flags, in the order the reference's messages list them. */
const CODE_SOURCE_FLAGS = [
  ["package_name", "--package-name", "packageName"],
  ["module_name", "--module-name", "moduleName"],
  ["python_file", "--python-file", "pythonFile"],
  ["autoload_defs_module_name", "--autoload-defs-module-name", "autoloadDefsModuleName"],
] as const;

export const CODE_SOURCE_FLAG_LIST = "--python-file, --package-name, --module-name or --autoload-defs-module-name";

/** "" counts as absent, like a missing flag. */
export function given(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

export function locationName(flags: LocationFlags): string | undefined {
  const positional = given(flags.location);
  const option = given(flags.locationName);
  if (positional !== undefined && option !== undefined && positional !== option) {
    throw new UsageError(`LOCATION ${quote(positional)} and --location-name ${quote(option)} differ.`, {
      hint: "Give the location name once, either as LOCATION or with --location-name.",
    });
  }
  return positional ?? option;
}

/** The flags as a location document, without absent or empty values. */
export function flagDocument(flags: LocationFlags, name: string | undefined): Mapping {
  const sources = CODE_SOURCE_FLAGS.filter(([, , property]) => given(flags[property]) !== undefined);
  if (sources.length > 1) {
    const fields = sources.map(([field]) => field).join(", ");
    const used = sources.map(([, flag]) => flag).join(" and ");
    throw new UsageError(`Only one of the following fields should be defined: ${fields} (given by ${used}).`, {
      hint: `Pass just one of ${CODE_SOURCE_FLAG_LIST}.`,
    });
  }
  return pruneMapping({
    location_name: name,
    code_source: Object.fromEntries(sources.map(([field, , property]) => [field, flags[property]])),
    git: { commit_hash: given(flags.commitHash), url: given(flags.gitUrl) },
    image: given(flags.image),
    working_directory: given(flags.workingDirectory),
    executable_path: given(flags.executablePath),
    attribute: given(flags.attribute),
  });
}
