import { describe, expect, it } from "vitest";
import { useClockedEmulator } from "./clocked-emulator.ts";
import { gql } from "./client.ts";
import { locationDocument } from "./documents.ts";

const fixture = useClockedEmulator();
const { add, entries } = fixture;

describe("location documents", () => {
  it("answers InvalidLocationError listing every problem, and stores nothing", async () => {
    const answer = await add({ code_source: { module_name: "a", python_file: "b.py", entry: "x" }, image: 3, extra: true });
    expect(answer.json).toEqual({
      data: {
        addOrUpdateLocationFromDocument: {
          __typename: "InvalidLocationError",
          errors: [
            "expected 'location_name': missing required field",
            "unexpected 'code_source.entry': unknown field",
            "only one of the following fields should be defined: python_file, module_name",
            "type_error at 'image': must be a string",
            "unexpected 'extra': unknown field",
          ],
        },
      },
    });
    expect(await entries()).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ["no code source", { location_name: "a" }, ["one of package_name, module_name, python_file, or autoload_defs_module_name must be specified"]],
    ["an empty code source", { location_name: "a", code_source: {} }, ["one of package_name, module_name, python_file, or autoload_defs_module_name must be specified"]],
    ["an empty name", { location_name: "", code_source: { python_file: "a.py" } }, ["type_error at 'location_name': must be a non-empty string"]],
    ["a non-object git", locationDocument({ git: "abc" }), ["type_error at 'git': must be an object"]],
    ["a list", [], ["the document must be an object with location_name and code_source"]],
  ])("rejects %s", async (_name, document, errors) => {
    const answer = await gql(fixture.emulator.url, `mutation M($d: GenericScalar!) { addOrUpdateLocationFromDocument(document: $d) { ... on InvalidLocationError { message errors } } }`, { d: document });
    expect(answer.json).toEqual({
      data: { addOrUpdateLocationFromDocument: { message: `Invalid location document: ${errors.length} problem${errors.length === 1 ? "" : "s"}`, errors } },
    });
  });

  it("accepts every known key and each kind of code source", async () => {
    const full = locationDocument({
      code_source: { autoload_defs_module_name: "a.defs" },
      working_directory: "/app",
      executable_path: "/venv/bin/python",
      attribute: "defs",
      container_context: { k8s: { env_vars: ["A=1"] } },
      agent_queue: "q",
      pex_metadata: { pex_tag: "deps.pex:source.pex", python_version: "3.11" },
      defs_state_info: {},
      pex_bundle: true,
    });
    expect((await add(full)).json).toMatchObject({ data: { addOrUpdateLocationFromDocument: { __typename: "WorkspaceEntry" } } });
    for (const source of [{ python_file: "a.py" }, { package_name: "a" }, { module_name: "a", python_file: null }]) {
      expect((await add(locationDocument({ code_source: source }))).json).toMatchObject({
        data: { addOrUpdateLocationFromDocument: { __typename: "WorkspaceEntry" } },
      });
    }
  });
});
