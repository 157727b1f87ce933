/**
 * The location document that `deployment add-location` sends (reference §3.2): built from a
 * --location-file entry and the location flags, with the Python CLI's quirks fixed (see below).
 */
import { UsageError } from "../errors.ts";
import { loadLocationFile, type FileLocation } from "./file.ts";
import { flagDocument, given, locationName } from "./flags.ts";
import { validateLocation } from "./validate.ts";
import { isEmpty, mergeDeep, type Mapping } from "./values.ts";

export interface LocationFlags {
  location?: string; // positional LOCATION argument
  locationFile?: string; // --location-file / --from
  locationName?: string; // --location-name
  image?: string;
  pythonFile?: string;
  workingDirectory?: string;
  packageName?: string;
  moduleName?: string;
  autoloadDefsModuleName?: string;
  executablePath?: string;
  attribute?: string;
  commitHash?: string;
  gitUrl?: string;
}

export type LocationDocument = { location_name: string } & Record<string, unknown>;

export interface LocationDeps {
  cwd: string;
  /** undefined when the file does not exist. */
  readFile(path: string): Promise<string | undefined>;
}

export async function buildLocationDocument(flags: LocationFlags, deps: LocationDeps): Promise<LocationDocument> {
  const name = locationName(flags);
  const locationFile = given(flags.locationFile);
  if (locationFile === undefined && name === undefined) {
    throw new UsageError(
      "No location name given: pass LOCATION, --location-name or --location-file (with --location-name when the file holds several locations).",
      { hint: "For example: dagster-cloud deployment add-location my_location --module-name my_package" },
    );
  }
  const fromFlags = flagDocument(flags, name);
  const file: FileLocation | undefined = locationFile === undefined ? undefined : await loadLocationFile(locationFile, name, deps);

  // The file's location reaches Dagster+ as written (empty values, nulls and key order included),
  // as the Python CLI sends it; only the documented changes below are made.
  let base: Mapping = file?.location ?? {};
  if (fromFlags.code_source !== undefined) {
    // A code-source flag replaces the file's whole code_source instead of merging into it:
    // `--module-name x` over a file with `package_name: y` means "load module x", and merging would
    // send two code sources, which the server rejects.
    const { code_source: _replaced, ...rest } = base;
    base = rest;
  }
  // Flags win over the file; mappings (e.g. git: url from the file, commit_hash from a flag) merge.
  const doc = mergeDeep(base, fromFlags);
  // `build` (directory, registry) is for building images; it is not part of the document sent.
  delete doc.build;
  // Unlike the Python CLI, no `git: {}` or `code_source: {}` (quirk 25); anything else is kept.
  for (const key of ["git", "code_source"]) if (isEmpty(doc[key])) delete doc[key];

  validateLocation(doc, { where: (path) => file?.where(path) });
  // location_name first, as the reference sends it; validateLocation checked it is a string.
  const { location_name, ...rest } = doc;
  return { location_name: location_name as string, ...rest };
}
