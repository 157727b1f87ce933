import { describe, expect, it } from "vitest";
import { ConfigError, UsageError } from "../../src/errors.ts";
import { FileRejected } from "../../src/files.ts";
import { buildLocationDocument, type LocationFlags } from "../../src/location/document.ts";
import { redactDocument } from "../../src/location/redact.ts";

type Files = Record<string, string>;

/** Files are keyed by absolute path; cwd is /repo. A value of "EISDIR" makes the read throw. */
function build(flags: LocationFlags, files: Files = {}) {
  return buildLocationDocument(flags, {
    cwd: "/repo",
    readFile: async (path) => {
      if (files[path] === "EISDIR") throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      return files[path];
    },
  });
}

const lines = (...rows: string[]) => `${rows.join("\n")}\n`;
const F = "/repo/dagster_cloud.yaml";
const file = { locationFile: "dagster_cloud.yaml" };

const TWO = lines(
  "locations:",
  "  - location_name: a",
  "    code_source:",
  "      package_name: a",
  "  - location_name: b",
  "    code_source:",
  "      module_name: b",
  "    build:",
  "      directory: b",
  "      registry: example.com/image-registry",
);

describe("buildLocationDocument: documents", () => {
  it.each<[string, LocationFlags, Files, Record<string, unknown>]>([
    [
      "flags only (T:ci docker deploy)",
      { location: "b", moduleName: "b", commitHash: "hash-4354", image: "example.com/image-registry:dep-b-hash-4354" },
      {},
      { location_name: "b", code_source: { module_name: "b" }, git: { commit_hash: "hash-4354" }, image: "example.com/image-registry:dep-b-hash-4354" },
    ],
    [
      "file + flags (T:ci docker deploy): list entry picked by name, build dropped",
      { ...file, locationName: "b", commitHash: "hash-4354", image: "example.com/image-registry:dep-b-hash-4354" },
      { [F]: TWO },
      { location_name: "b", code_source: { module_name: "b" }, git: { commit_hash: "hash-4354" }, image: "example.com/image-registry:dep-b-hash-4354" },
    ],
    ["list: picked by positional LOCATION", { ...file, location: "a" }, { [F]: TWO }, { location_name: "a", code_source: { package_name: "a" } }],
    [
      "list: a single entry needs no name",
      file,
      { [F]: lines("locations:", "  - location_name: only", "    code_source: {python_file: only.py}", "    image: img") },
      { location_name: "only", code_source: { python_file: "only.py" }, image: "img" },
    ],
    [
      "legacy mapping form: source keys move under code_source",
      { ...file, location: "etl" },
      { [F]: lines("locations:", "  etl:", "    python_file: etl.py", "    image: img", "    working_directory: /w", "  web:", "    package_name: web") },
      { location_name: "etl", code_source: { python_file: "etl.py" }, image: "img", working_directory: "/w" },
    ],
    [
      "legacy mapping form: single entry, autoload_defs_module_name",
      file,
      { [F]: lines("locations:", "  defs:", "    autoload_defs_module_name: my.defs", "    attribute: repo") },
      { location_name: "defs", code_source: { autoload_defs_module_name: "my.defs" }, attribute: "repo" },
    ],
    [
      "whole-file form, name from the file",
      file,
      { [F]: lines("location_name: solo", "code_source:", "  module_name: solo", "container_context:", "  k8s: {namespace: ns}") },
      { location_name: "solo", code_source: { module_name: "solo" }, container_context: { k8s: { namespace: "ns" } } },
    ],
    [
      "whole-file form, name from the flag when the file has none",
      { ...file, locationName: "named" },
      { [F]: lines("code_source:", "  module_name: m") },
      { location_name: "named", code_source: { module_name: "m" } },
    ],
    [
      "whole-file form, same name in both (and in LOCATION and --location-name)",
      { ...file, location: "solo", locationName: "solo", executablePath: "/venv/bin/python" },
      { [F]: lines("location_name: solo", "code_source: {module_name: solo}", "executable_path: /usr/bin/python") },
      { location_name: "solo", code_source: { module_name: "solo" }, executable_path: "/venv/bin/python" },
    ],
    [
      "flags win; a code-source flag replaces the file's code_source; git mappings merge",
      { ...file, location: "a", moduleName: "a.defs", image: "new", commitHash: "abc", workingDirectory: "/src" },
      { [F]: lines("locations:", "  - location_name: a", "    code_source: {package_name: a}", "    image: old", "    git: {url: https://git/x, commit_hash: old}") },
      { location_name: "a", code_source: { module_name: "a.defs" }, image: "new", working_directory: "/src", git: { url: "https://git/x", commit_hash: "abc" } },
    ],
    [
      "all flags without a file",
      { locationName: "x", pythonFile: "x.py", workingDirectory: "/w", executablePath: "/py", attribute: "defs", commitHash: "c", gitUrl: "https://g", image: "i" },
      {},
      { location_name: "x", code_source: { python_file: "x.py" }, working_directory: "/w", executable_path: "/py", attribute: "defs", git: { commit_hash: "c", url: "https://g" }, image: "i" },
    ],
    [
      'empty-string flags count as absent (LOCATION "" and --image "")',
      { location: "", locationName: "x", moduleName: "x", image: "", packageName: "", locationFile: "" },
      {},
      { location_name: "x", code_source: { module_name: "x" } },
    ],
    [
      "values are sent as written (nulls, empty strings, lists and mappings); only an empty git: or code_source: is left out",
      file,
      {
        [F]: lines(
          "location_name: e",
          "code_source: {python_file: e.py, module_name: null, package_name: ''}",
          'image: ""',
          "git: {}",
          "agent_queue:",
          "container_context: {k8s: {env_vars: []}, ecs: {}}",
          "pex_metadata: {pex_tag: null}",
        ),
      },
      {
        location_name: "e",
        code_source: { python_file: "e.py", module_name: null, package_name: "" },
        image: "",
        agent_queue: null,
        container_context: { k8s: { env_vars: [] }, ecs: {} },
        pex_metadata: { pex_tag: null },
      },
    ],
    ["a null git: and code_source: are left out too", { ...file, moduleName: "m" }, { [F]: lines("location_name: n", "code_source:", "git:") }, { location_name: "n", code_source: { module_name: "m" } }],
    [
      "relative paths resolve against cwd",
      { locationFile: "conf/../deploy/loc.yaml", locationName: "r" },
      { "/repo/deploy/loc.yaml": lines("location_name: r", "code_source: {module_name: r}") },
      { location_name: "r", code_source: { module_name: "r" } },
    ],
    [
      "absolute paths are used as given",
      { locationFile: "/etc/loc.yaml" },
      { "/etc/loc.yaml": lines("location_name: r", "code_source: {module_name: r}") },
      { location_name: "r", code_source: { module_name: "r" } },
    ],
    [
      "deploy-time keys from the file are kept",
      file,
      { [F]: lines("location_name: p", "code_source: {module_name: p}", "pex_metadata: {pex_tag: 'deps-123.pex:source-456.pex', python_version: '3.11'}", "defs_state_info: {k: v}") },
      { location_name: "p", code_source: { module_name: "p" }, pex_metadata: { pex_tag: "deps-123.pex:source-456.pex", python_version: "3.11" }, defs_state_info: { k: "v" } },
    ],
  ])("%s", async (_title, flags, files, expected) => {
    const doc = await build(flags, files);
    expect(doc).toEqual(expected);
    expect(Object.keys(doc)[0]).toBe("location_name");
  });
});

describe("buildLocationDocument: defaults: block is applied (the Python CLI ignored it, quirk 24)", () => {
  const DEFAULTS = lines(
    "defaults:",
    "  image: default-image",
    "  working_directory: /default",
    "  build: {directory: ., registry: reg}",
    "  container_context:",
    "    k8s:",
    "      namespace: default-ns",
    "      env_vars: [A=1, B=2]",
    "      volumes: [{name: v1, size: 1}, {name: v2}]",
    "      labels: [x, y]",
    "      run_k8s_config: {container_config: {args: [--a, --b]}}",
  );
  it.each<[string, string, Record<string, unknown>]>([
    [
      "location values win; mappings merge",
      lines("locations:", "  - location_name: d", "    code_source: {module_name: d}", "    image: own-image", "    container_context: {k8s: {namespace: own-ns}}"),
      {
        location_name: "d",
        code_source: { module_name: "d" },
        image: "own-image",
        working_directory: "/default",
        container_context: {
          k8s: { namespace: "own-ns", env_vars: ["A=1", "B=2"], volumes: [{ name: "v1", size: 1 }, { name: "v2" }], labels: ["x", "y"], run_k8s_config: { container_config: { args: ["--a", "--b"] } } },
        },
      },
    ],
    [
      "lists merge as in the Python merger: env_vars by KEY, volumes by name, args replaced, others de-duplicated",
      lines(
        "locations:",
        "  - location_name: d",
        "    code_source: {module_name: d}",
        "    image:",
        "    container_context:",
        "      k8s:",
        "        env_vars: [B=3, C]",
        "        volumes: [{name: v1, size: 9}]",
        "        labels: [y, z]",
        "        run_k8s_config: {container_config: {args: [--c]}}",
      ),
      {
        location_name: "d",
        code_source: { module_name: "d" },
        image: "default-image",
        working_directory: "/default",
        container_context: {
          k8s: { namespace: "default-ns", env_vars: ["A=1", "B=3", "C"], volumes: [{ name: "v1", size: 9 }, { name: "v2" }], labels: ["x", "y", "z"], run_k8s_config: { container_config: { args: ["--c"] } } },
        },
      },
    ],
  ])("%s", async (_title, locations, expected) => {
    expect(await build(file, { [F]: DEFAULTS + locations })).toEqual(expected);
  });

  it("applies to the whole-file form too, and flags still win", async () => {
    const text = lines("defaults: {image: d, agent_queue: q}", "location_name: w", "code_source: {module_name: w}");
    expect(await build({ ...file, image: "flag" }, { [F]: text })).toEqual({ location_name: "w", code_source: { module_name: "w" }, image: "flag", agent_queue: "q" });
  });
});

describe("buildLocationDocument: a type error in the file is fine when a flag replaces the value", () => {
  it("--image over image: [a, b]", async () => {
    const text = lines("location_name: a", "code_source: {module_name: a}", "image: [a, b]");
    expect(await build({ ...file, image: "i" }, { [F]: text })).toEqual({ location_name: "a", code_source: { module_name: "a" }, image: "i" });
  });
});

const ONE_OF = "one of package_name, module_name, python_file, or autoload_defs_module_name must be specified";
const SOURCE_FLAGS = "--python-file, --package-name, --module-name or --autoload-defs-module-name";
const LIST_HINT = 'Write locations: followed by entries like "- location_name: my_location".';
const KEYS_HINT =
  "Allowed keys: location_name, code_source, working_directory, image, executable_path, attribute, container_context, agent_queue, git, build, pex_metadata, defs_state_info.";
const SINGLE = lines("location_name: a", "code_source: {module_name: a}");

type ErrorCase = [title: string, flags: LocationFlags, files: Files, type: typeof UsageError | typeof ConfigError, message: string, hint: string];

describe("buildLocationDocument: errors", () => {
  it.each<ErrorCase>([
    // Flags
    [
      "LOCATION and --location-name differ",
      { location: "a", locationName: "b", moduleName: "a" },
      {},
      UsageError,
      'LOCATION "a" and --location-name "b" differ.',
      "Give the location name once, either as LOCATION or with --location-name.",
    ],
    [
      "no name and no file",
      { moduleName: "x", image: "i" },
      {},
      UsageError,
      "No location name given: pass LOCATION, --location-name or --location-file (with --location-name when the file holds several locations).",
      "For example: dagster-cloud deployment add-location my_location --module-name my_package",
    ],
    [
      "two code-source flags",
      { location: "x", pythonFile: "x.py", moduleName: "x" },
      {},
      UsageError,
      "Only one of the following fields should be defined: module_name, python_file (given by --module-name and --python-file).",
      `Pass just one of ${SOURCE_FLAGS}.`,
    ],
    [
      "two code-source flags, even with a file",
      { ...file, packageName: "p", autoloadDefsModuleName: "d" },
      { [F]: SINGLE },
      UsageError,
      "Only one of the following fields should be defined: package_name, autoload_defs_module_name (given by --package-name and --autoload-defs-module-name).",
      `Pass just one of ${SOURCE_FLAGS}.`,
    ],
    [
      "no code source, no file",
      { location: "x", image: "i" },
      {},
      UsageError,
      `No code source in location "x": ${ONE_OF}.`,
      `Pass ${SOURCE_FLAGS}, or a --location-file that sets code_source.`,
    ],
    // Reading and parsing the file
    [
      "file not found",
      { locationFile: "./x.yaml" },
      {},
      ConfigError,
      "Location file ./x.yaml not found.",
      "Check the path given to --location-file (relative paths start at /repo).",
    ],
    ["file unreadable", file, { [F]: "EISDIR" }, ConfigError, "Cannot read location file dagster_cloud.yaml: EISDIR.", "Pass the path of a YAML file to --location-file."],
    [
      "invalid YAML",
      file,
      { [F]: lines("locations:", "  - location_name: a", "    code_source: [") },
      ConfigError,
      "dagster_cloud.yaml:4: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "Fix the YAML syntax of dagster_cloud.yaml.",
    ],
    [
      "duplicate YAML key",
      file,
      { [F]: lines("location_name: a", "location_name: b") },
      ConfigError,
      'dagster_cloud.yaml:2: invalid YAML: duplicate key "location_name" (first on line 1)',
      "Fix the YAML syntax of dagster_cloud.yaml.",
    ],
    ...["", "# nothing yet\n", "---\n"].map(
      (text): ErrorCase => [
          `blank file ${JSON.stringify(text)}`,
          file,
          { [F]: text },
          ConfigError,
          "Location file dagster_cloud.yaml is blank.",
          "Add a locations: list, each entry with a location_name and a code_source.",
        ],
    ),
    [
      "top level is a list",
      file,
      { [F]: lines("- location_name: a") },
      ConfigError,
      "dagster_cloud.yaml:1: expected a mapping of keys to values, not a list",
      "Start the file with locations: (a list of locations), or write one location's keys at the top level.",
    ],
    // The locations key
    ["locations is a string", file, { [F]: lines("# comment", "locations: a") }, ConfigError, 'dagster_cloud.yaml:2: "locations" must be a list of locations, not a string', LIST_HINT],
    ["locations is an empty list", file, { [F]: lines("locations: []") }, ConfigError, 'dagster_cloud.yaml:1: "locations" holds no locations', LIST_HINT],
    ["locations is null", file, { [F]: lines("locations:") }, ConfigError, 'dagster_cloud.yaml:1: "locations" holds no locations', LIST_HINT],
    [
      "a list entry is not a mapping",
      file,
      { [F]: lines("locations:", "  - location_name: a", "    code_source: {module_name: a}", "  - b") },
      ConfigError,
      'dagster_cloud.yaml:4: entry 2 of "locations" must be a mapping, not a string',
      "Each entry holds keys like location_name: and code_source:.",
    ],
    [
      "duplicate location names",
      { ...file, location: "a" },
      { [F]: lines("locations:", "  - location_name: a", "    code_source: {module_name: a}", "  - code_source: {module_name: b}", "    location_name: a") },
      ConfigError,
      'dagster_cloud.yaml:5: duplicate location name "a" in "locations"',
      "Give each location a unique location_name.",
    ],
    ["several locations, no name", file, { [F]: TWO }, UsageError, "dagster_cloud.yaml defines 2 locations (a, b): say which one to add.", "Pass its name as LOCATION or with --location-name."],
    [
      "unknown name in a list",
      { ...file, location: "c" },
      { [F]: TWO },
      UsageError,
      'No location named "c" in dagster_cloud.yaml; it defines: a, b.',
      'Pass one of the names defined there, or add "c" to dagster_cloud.yaml.',
    ],
    [
      "unknown name in a legacy mapping",
      { locationFile: "/etc/w.yaml", locationName: "c" },
      { "/etc/w.yaml": lines("locations:", "  a: {python_file: a.py}", "  b: {python_file: b.py}") },
      UsageError,
      'No location named "c" in /etc/w.yaml; it defines: a, b.',
      'Pass one of the names defined there, or add "c" to /etc/w.yaml.',
    ],
    [
      "unknown name, only unnamed entries",
      { ...file, location: "c" },
      { [F]: lines("locations:", "  - code_source: {module_name: a}") },
      UsageError,
      'No location named "c" in dagster_cloud.yaml; none of its locations has a location_name.',
      'Pass one of the names defined there, or add "c" to dagster_cloud.yaml.',
    ],
    [
      "whole-file name differs from the name given",
      { ...file, location: "b" },
      { [F]: lines("# one location", "location_name: a", "code_source: {module_name: a}") },
      ConfigError,
      'dagster_cloud.yaml:2: location_name "a" does not match the name given, "b"',
      "Pass the name the file uses, or leave the name out to use the file's.",
    ],
    [
      "legacy entry is not a mapping",
      file,
      { [F]: lines("locations:", "  etl: etl.py") },
      ConfigError,
      'dagster_cloud.yaml:2: location "etl" under "locations" must be a mapping, not a string',
      "Write its keys (python_file:, image:, ...) indented under the name.",
    ],
    [
      "legacy entry with a different location_name",
      file,
      { [F]: lines("locations:", "  etl:", "    python_file: x.py", "    location_name: other") },
      ConfigError,
      'dagster_cloud.yaml:4: location_name "other" differs from its key "etl"',
      "Remove location_name: in this form, the key under locations: is the location's name.",
    ],
    // defaults
    [
      "defaults is not a mapping",
      file,
      { [F]: "defaults: [a]\n" + lines("locations:", "  - location_name: a", "    code_source: {module_name: a}") },
      ConfigError,
      'dagster_cloud.yaml:1: "defaults" must be a mapping, not a list',
      "Write defaults: followed by indented keys such as image: or container_context:.",
    ],
    [
      "unknown key in defaults",
      file,
      { [F]: lines("defaults:", "  image: i", "  imag: x") + SINGLE },
      ConfigError,
      'dagster_cloud.yaml:3: unknown key "imag" in defaults (did you mean "image"?)',
      "Allowed keys in defaults: build, working_directory, image, executable_path, container_context, agent_queue.",
    ],
    [
      "a bad value from defaults is reported at its line in defaults",
      file,
      { [F]: lines("defaults:", "  container_context: oops") + SINGLE },
      ConfigError,
      'dagster_cloud.yaml:2: "container_context" in location "a" must be a mapping, not a string',
      "Write container_context: followed by indented keys.",
    ],
    // The location itself
    [
      "location_name missing",
      file,
      { [F]: lines("locations:", "  - code_source: {module_name: a}", "    image: i") },
      ConfigError,
      "dagster_cloud.yaml:2: location_name is missing",
      "Add location_name: to the location, or pass LOCATION or --location-name.",
    ],
    [
      "location_name not a string",
      file,
      { [F]: lines("location_name: 123", "code_source: {module_name: a}") },
      ConfigError,
      'dagster_cloud.yaml:1: "location_name" must be a string, not a number (123)',
      'Quote the value: location_name: "123".',
    ],
    [
      "unknown key, with a suggestion",
      { ...file, location: "etl" },
      {
        [F]: lines(
          "locations:",
          "  - location_name: other",
          "    code_source: {module_name: other}",
          "  - location_name: etl",
          "    code_source:",
          "      module_name: etl",
          "    imag: x",
        ),
      },
      ConfigError,
      'dagster_cloud.yaml:7: unknown key "imag" in location "etl" (did you mean "image"?)',
      KEYS_HINT,
    ],
    [
      "unknown key, no suggestion",
      file,
      { [F]: SINGLE + "replicas: 3\n" },
      ConfigError,
      'dagster_cloud.yaml:3: unknown key "replicas" in location "a"',
      KEYS_HINT,
    ],
    [
      "unknown key in a legacy entry",
      file,
      { [F]: lines("locations:", "  etl:", "    python_file: x.py", "    location-name: etl") },
      ConfigError,
      'dagster_cloud.yaml:4: unknown key "location-name" in location "etl" (did you mean "location_name"?)',
      KEYS_HINT,
    ],
    [
      "a string field holds a list",
      file,
      { [F]: SINGLE + lines("image:", "  - a") },
      ConfigError,
      'dagster_cloud.yaml:3: "image" in location "a" must be a string, not a list',
      "Write a single value after image:, in quotes if it looks like a number or true/false.",
    ],
    [
      "a string field holds a boolean",
      file,
      { [F]: SINGLE + "agent_queue: true\n" },
      ConfigError,
      'dagster_cloud.yaml:3: "agent_queue" in location "a" must be a string, not a boolean (true)',
      'Quote the value: agent_queue: "true".',
    ],
    [
      "container_context is not a mapping",
      file,
      { [F]: SINGLE + "container_context: [a]\n" },
      ConfigError,
      'dagster_cloud.yaml:3: "container_context" in location "a" must be a mapping, not a list',
      "Write container_context: followed by indented keys.",
    ],
    [
      "a mapping field holds !!binary data",
      file,
      { [F]: lines("location_name: a", "code_source: !!binary aGk=") },
      ConfigError,
      'dagster_cloud.yaml:2: "code_source" in location "a" must be a mapping, not binary data',
      "Write code_source: followed by indented keys.",
    ],
    [
      "unresolved YAML alias",
      file,
      { [F]: lines("location_name: *x", "code_source: {module_name: a}") },
      ConfigError,
      "dagster_cloud.yaml: invalid YAML: Unresolved alias (the anchor must be set before the alias): x",
      "Fix the YAML syntax of dagster_cloud.yaml.",
    ],
    [
      "unknown key in code_source",
      file,
      { [F]: lines("location_name: a", "code_source:", "  pythonfile: a.py") },
      ConfigError,
      'dagster_cloud.yaml:3: unknown key "pythonfile" in code_source of location "a" (did you mean "python_file"?)',
      "Allowed keys in code_source: package_name, module_name, python_file, autoload_defs_module_name.",
    ],
    [
      "unknown key in git",
      file,
      { [F]: SINGLE + lines("git:", "  url: u", "  commitHash: abc") },
      ConfigError,
      'dagster_cloud.yaml:5: unknown key "commitHash" in git of location "a" (did you mean "commit_hash"?)',
      "Allowed keys in git: commit_hash, url.",
    ],
    [
      "git value not a string",
      file,
      { [F]: SINGLE + "git: {commit_hash: 12345}\n" },
      ConfigError,
      'dagster_cloud.yaml:3: "git.commit_hash" in location "a" must be a string, not a number (12345)',
      'Quote the value: commit_hash: "12345".',
    ],
    [
      "two code sources in the file",
      file,
      { [F]: lines("location_name: a", "code_source:", "  module_name: m", "  package_name: p") },
      ConfigError,
      'dagster_cloud.yaml:3: only one of the following fields should be defined in code_source of location "a": package_name, module_name',
      `Keep one of them, or replace them all with one of ${SOURCE_FLAGS}.`,
    ],
    [
      "two code sources in a legacy entry",
      file,
      { [F]: lines("locations:", "  etl:", "    python_file: x.py", "    image: i", "    module_name: m") },
      ConfigError,
      'dagster_cloud.yaml:3: only one of the following fields should be defined in code_source of location "etl": module_name, python_file',
      `Keep one of them, or replace them all with one of ${SOURCE_FLAGS}.`,
    ],
    [
      "no code source in the file",
      file,
      { [F]: lines("locations:", "  - location_name: a", "    image: i") },
      ConfigError,
      `dagster_cloud.yaml:2: no code source in location "a": ${ONE_OF}`,
      `Add code_source: with one of them, or pass ${SOURCE_FLAGS}.`,
    ],
    [
      "a code source emptied by blank values",
      file,
      { [F]: lines("location_name: a", "code_source:", "  python_file: ''") },
      ConfigError,
      `dagster_cloud.yaml:2: no code source in location "a": ${ONE_OF}`,
      `Add code_source: with one of them, or pass ${SOURCE_FLAGS}.`,
    ],
  ])("%s", async (_title, flags, files, type, message, hint) => {
    const error: unknown = await build(flags, files).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(type);
    expect({ message: (error as Error).message, hint: (error as UsageError).hint }).toEqual({ message, hint });
  });
});

describe("buildLocationDocument: the file's location reaches Dagster+ as written", () => {
  // JSON text, not toEqual: key order counts, and toEqual would not see a lost `{}` inside a list.
  const sent = async (flags: LocationFlags, text: string) => JSON.stringify(await build(flags, { [F]: text }));

  const K8S = lines(
    "locations:",
    "  - location_name: k",
    "    code_source:",
    "      package_name: k",
    "    image: old",
    "    build: {directory: .}",
    "    container_context:",
    "      k8s:",
    "        volumes:",
    "          - name: scratch",
    "            emptyDir: {}",
    "        volume_mounts:",
    "          - {name: scratch, mountPath: /scratch, readOnly: false}",
    "        labels:",
    '          team: ""',
    "          tier: null",
    "        env_vars:",
    "          - FOO=bar",
    "          - EMPTY=",
    "          - FROM_AGENT",
    "        resources: {}",
    "        run_k8s_config:",
    "          pod_spec_config: {}",
    "          container_config: {args: [], command: null}",
    "    agent_queue: q",
  );

  it("a Kubernetes emptyDir volume, empty labels, env_vars and nulls, with flags merged over the file", async () => {
    const expected = {
      location_name: "k",
      code_source: { package_name: "k" },
      image: "new",
      container_context: {
        k8s: {
          volumes: [{ name: "scratch", emptyDir: {} }],
          volume_mounts: [{ name: "scratch", mountPath: "/scratch", readOnly: false }],
          labels: { team: "", tier: null },
          env_vars: ["FOO=bar", "EMPTY=", "FROM_AGENT"],
          resources: {},
          run_k8s_config: { pod_spec_config: {}, container_config: { args: [], command: null } },
        },
      },
      agent_queue: "q",
      git: { commit_hash: "abc" },
    };
    expect(await sent({ ...file, image: "new", commitHash: "abc" }, K8S)).toBe(JSON.stringify(expected));
  });

  it("keeps the file's key order (location_name first, as the Python CLI sends it)", async () => {
    const text = lines(
      "image: i",
      "container_context:",
      "  ecs: {task_role_arn: r, env_vars: [B=2, A=1]}",
      "  docker: {networks: [], env_vars: []}",
      "code_source: {module_name: m}",
      "location_name: o",
      "working_directory: /w",
    );
    const expected = {
      location_name: "o",
      image: "i",
      container_context: { ecs: { task_role_arn: "r", env_vars: ["B=2", "A=1"] }, docker: { networks: [], env_vars: [] } },
      code_source: { module_name: "m" },
      working_directory: "/w",
    };
    expect(await sent(file, text)).toBe(JSON.stringify(expected));
  });

  it("defaults: the location's empty values win, its nulls take the default, null defaults set nothing", async () => {
    const text = lines(
      "defaults:",
      "  image: default-image",
      "  agent_queue: default-queue",
      "  working_directory: null",
      "  container_context:",
      "    k8s:",
      "      labels: {owner: data, team: default}",
      "      volumes: [{name: cache, emptyDir: {}}]",
      "locations:",
      "  - location_name: d",
      "    code_source: {module_name: d}",
      "    image: ''",
      "    agent_queue:",
      "    container_context:",
      "      k8s:",
      '        labels: {team: ""}',
      "        volumes: [{name: scratch, emptyDir: {}}]",
      "        resources: {}",
    );
    const expected = {
      location_name: "d",
      code_source: { module_name: "d" },
      image: "",
      agent_queue: "default-queue",
      container_context: {
        k8s: { labels: { team: "", owner: "data" }, volumes: [{ name: "cache", emptyDir: {} }, { name: "scratch", emptyDir: {} }], resources: {} },
      },
    };
    expect(await sent(file, text)).toBe(JSON.stringify(expected));
  });

  it("a legacy mapping entry keeps its other values as written", async () => {
    const text = lines("locations:", "  etl:", "    python_file: etl.py", "    container_context: {docker: {env_vars: [], networks: [null]}}");
    expect(await sent(file, text)).toBe(JSON.stringify({ location_name: "etl", container_context: { docker: { env_vars: [], networks: [null] } }, code_source: { python_file: "etl.py" } }));
  });
});

describe("buildLocationDocument: a --location-file that is not a regular file", () => {
  it.each([
    ["a device", "is a character device, not a regular file"],
    ["a FIFO", "is a FIFO (named pipe), not a regular file"],
    ["too large", "is larger than 4 MiB: a config or location file is a few KB"],
  ])("%s: one line naming the file", async (_title, reason) => {
    const error: unknown = await buildLocationDocument(file, {
      cwd: "/repo",
      readFile: (path) => Promise.reject(new FileRejected(path, reason)),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`Cannot read location file dagster_cloud.yaml: it ${reason}.`);
    expect((error as ConfigError).hint).toBe("Pass the path of a YAML file to --location-file.");
  });

  it("file names from the command line are shown escaped in messages", async () => {
    const error: unknown = await build({ locationFile: "x\u001b]0;title\u0007.yaml" }).catch((caught: unknown) => caught);
    expect((error as ConfigError).message).toBe("Location file x\\e]0;title\\u0007.yaml not found.");
  });
});

describe("redactDocument: --verbose shows the document without secrets", () => {
  it("hides env_vars values and values under secret-looking keys; keeps keys, shape and everything else", () => {
    const doc = {
      location_name: "l",
      code_source: { module_name: "m" },
      image: "img",
      container_context: {
        k8s: {
          env_vars: ["DB_PASSWORD=hunter2", "EMPTY=", "FROM_AGENT", "A=b=c"],
          env: [{ name: "X", value: "x-value" }, { name: "Y", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }],
          image_pull_secrets: [{ name: "regcred" }],
          labels: { team: "data", api_key: "k-123", "auth-header": "Bearer t", empty_token: "", null_token: null },
          volumes: [{ name: "scratch", emptyDir: {} }],
        },
        ecs: { env_vars: ["K=v"], secrets: [{ name: "S", valueFrom: "arn:aws:secretsmanager:x" }], task_role_arn: "arn:role" },
        docker: { env_vars: { MAPPED: "m-value" } },
      },
      git: { commit_hash: "abc", url: "https://github.com/acme/app" },
    };
    const before = JSON.stringify(doc);
    expect(redactDocument(doc)).toEqual({
      location_name: "l",
      code_source: { module_name: "m" },
      image: "img",
      container_context: {
        k8s: {
          env_vars: ["DB_PASSWORD=***", "EMPTY=***", "FROM_AGENT", "A=***"],
          env: [{ name: "X", value: "***" }, { name: "Y", valueFrom: { secretKeyRef: "***" } }],
          image_pull_secrets: "***",
          labels: { team: "data", api_key: "***", "auth-header": "***", empty_token: "", null_token: null },
          volumes: [{ name: "scratch", emptyDir: {} }],
        },
        ecs: { env_vars: ["K=***"], secrets: "***", task_role_arn: "arn:role" },
        docker: { env_vars: { MAPPED: "***" } },
      },
      git: { commit_hash: "abc", url: "https://github.com/acme/app" },
    });
    expect(JSON.stringify(doc)).toBe(before); // the document itself is not changed
  });

  it("{name, value} entries of env_vars have their value hidden", () => {
    expect(redactDocument({ location_name: "l", container_context: { k8s: { env_vars: [{ name: "T", value: "v" }, { name: "U" }] } } })).toEqual({
      location_name: "l",
      container_context: { k8s: { env_vars: [{ name: "T", value: "***" }, { name: "U" }] } },
    });
  });
});
