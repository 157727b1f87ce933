import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { buildLocationDocument } from "../../src/location/document.ts";
import { loadConfig } from "../../src/settings/config-file.ts";
import { MAX_DEPTH, ParseProblem, parseToml, parseYaml } from "../../src/settings/parsers.ts";

const F = "/repo/loc.yaml";
const HEAD = "location_name: big\ncode_source: {module_name: m}\n";

/** The error buildLocationDocument throws for a location file holding `text`. */
async function locationError(text: string): Promise<ConfigError> {
  const error: unknown = await buildLocationDocument({ locationFile: "loc.yaml" }, { cwd: "/repo", readFile: async (path) => (path === F ? text : undefined) }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

function problem(parse: () => unknown): ParseProblem {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseProblem);
    return error as ParseProblem;
  }
  throw new Error("parsed without a problem");
}

const manyKeys = (count: number) => Array.from({ length: count }, (_, i) => `    key${i}: v${i}\n`).join("");

describe("duplicate keys: one pass, with the line of each", () => {
  // yaml's own check compares every key with every other one: 40,000 keys took 18 s (and more on
  // a loaded machine). A linear check takes well under a second on a quiet machine.
  it("40,000 keys parse in a few seconds, and a duplicate at the end is found with its line", async () => {
    const big = `${HEAD}container_context:\n  env:\n${manyKeys(40_000)}`;
    let started = performance.now();
    const doc = await buildLocationDocument({ locationFile: "loc.yaml" }, { cwd: "/repo", readFile: async () => big });
    expect(Object.keys((doc.container_context as { env: object }).env)).toHaveLength(40_000);
    expect(performance.now() - started).toBeLessThan(10_000);

    started = performance.now();
    const error = await locationError(`${big}    key7: again\n`);
    expect(error.message).toBe('loc.yaml:40005: invalid YAML: duplicate key "key7" (first on line 12)');
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 40_000);

  it.each([
    ["nested mapping", "a:\n  b: 1\n  c: 2\n  b: 3\n", 4, 'duplicate key "b" (first on line 2)'],
    ["mapping inside a list", "- x: 1\n- y: 1\n  y: 2\n", 3, 'duplicate key "y" (first on line 2)'],
    ["flow mapping", "{a: 1, a: 2}\n", 1, 'duplicate key "a" (first on line 1)'],
    ["a number and a string that read the same", '1: a\n"1": b\n', 2, 'duplicate key "1" (first on line 1)'],
    ["a quoted key is the key itself", 'a: 1\n"a": 2\n', 2, 'duplicate key "a" (first on line 1)'],
  ])("%s", (_title, text, line, detail) => {
    const found = problem(() => parseYaml(text));
    expect({ line: found.line, detail: found.detail, reason: found.reason }).toEqual({ line, detail, reason: "duplicate key" });
  });

  it("the same key in different mappings is fine", () => {
    expect(parseYaml("a: {x: 1}\nb: {x: 2}\nc: [{x: 3}, {x: 4}]\n").data).toEqual({ a: { x: 1 }, b: { x: 2 }, c: [{ x: 3 }, { x: 4 }] });
  });
});

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}\n`;
const blockNested = (depth: number) => Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " v\n";

describe("nesting depth is bounded before the YAML is composed", () => {
  it(`${MAX_DEPTH} levels are fine`, () => {
    expect(() => parseYaml(nested(MAX_DEPTH))).not.toThrow();
    expect(() => parseYaml(blockNested(MAX_DEPTH))).not.toThrow();
  });

  it.each([
    ["flow, one level too deep", nested(MAX_DEPTH + 1), 1],
    ["block, one level too deep", blockNested(MAX_DEPTH + 1), MAX_DEPTH + 1],
    // yaml's composer recurses: this overflowed the stack, or aborted the process on a V8 OOM.
    ["flow, 100,000 levels", nested(100_000), 1],
    ["block sequences on one line", `${"- ".repeat(20_000)}x\n`, 1],
  ])("%s", (_title, text, line) => {
    const found = problem(() => parseYaml(text));
    expect({ reason: found.reason, line: found.line }).toEqual({ reason: `nesting deeper than ${MAX_DEPTH} levels`, line });
  });

  it("a location file names the line", async () => {
    const error = await locationError(`${HEAD}container_context: ${nested(100_000)}`);
    expect(error.message).toBe(`loc.yaml:3: invalid YAML: nesting deeper than ${MAX_DEPTH} levels`);
  });

  it("aliases cannot build what the file could not write", () => {
    // Each part is 60 levels deep; the alias puts one inside the other.
    const text = `a: &a ${"[".repeat(60)}x${"]".repeat(60)}\nb: ${"[".repeat(10)}*a${"]".repeat(10)}\n`;
    expect(problem(() => parseYaml(text)).reason).toBe(`nesting deeper than ${MAX_DEPTH} levels`);
  });
});

describe("alias expansion is bounded", () => {
  it("a billion laughs", () => {
    const laughs = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ..."bcdefgh".split("").map((name, i) => `${name}: &${name} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");
    expect(problem(() => parseYaml(laughs)).reason).toBe("aliases expand to too much data");
  });

  it("a few aliases are fine", () => {
    expect(parseYaml("base: &b {image: i}\none: *b\ntwo: *b\n").data).toEqual({ base: { image: "i" }, one: { image: "i" }, two: { image: "i" } });
  });
});

describe("syntax errors: a position and a phrase that never quotes the file", () => {
  it.each([
    ["user_token: abc\nurl: [x\n", 3],
    ['user_token: "abc\n', 2],
    ["user_token: abc\n\tx: y\n", 2],
  ])("YAML %j", (text, line) => {
    const found = problem(() => parseYaml(text));
    expect(found.line).toBe(line);
    expect(found.reason).not.toMatch(/abc|user_token/);
  });

  it.each([
    ['[cli.plus]\nuser_token = "abc\n', 2],
    ["[cli.plus]\nuser_token = abc\n", 2],
    ['[cli.plus\nuser_token = "abc"\n', 1],
  ])("TOML %j", (text, line) => {
    const found = problem(() => parseToml(text));
    expect(found.line).toBe(line);
    expect(found.reason).not.toMatch(/abc|user_token|\n/);
  });

  it("TOML nesting is bounded too: inline and dotted", () => {
    expect(problem(() => parseToml(`x = ${nested(1000)}`)).reason).toMatch(/nested/);
    expect(problem(() => parseToml(`[${Array(200).fill("a").join(".")}]\n`)).reason).toBe(`nesting deeper than ${MAX_DEPTH} levels`);
  });
});

describe("config files go through the same bounds", () => {
  it("a config file with a duplicate key names the file, line and column", async () => {
    const files: Record<string, string> = { "/home/ci/.dagster_cloud_cli/config": "organization: a\nuser_token: tok-dup-123\norganization: b\n" };
    const error = await loadConfig({ env: {}, homedir: "/home/ci", readFile: async (path) => files[path] }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "The config file /home/ci/.dagster_cloud_cli/config is not valid YAML: duplicate key at /home/ci/.dagster_cloud_cli/config:3:1.",
    );
  });
});
