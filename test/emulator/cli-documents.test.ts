/**
 * The CLI's location, agent and deletion documents validate against the emulator's schema and,
 * when the file is there, against the real Dagster+ schema.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, parse, validate, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { SDL } from "../../emulator/schema.ts";
import { CLI_DOCUMENTS } from "./documents.ts";

const REAL_SCHEMA = fileURLToPath(new URL("../../../shared/dagster-plus/schema.graphql", import.meta.url));
const entries = Object.entries(CLI_DOCUMENTS);
const problems = (schema: GraphQLSchema, document: string): string[] => validate(schema, parse(document)).map((e) => e.message);
const emulatorSchema = buildSchema(SDL);
let real: GraphQLSchema | undefined;
const realSchema = (): GraphQLSchema => (real ??= buildSchema(readFileSync(REAL_SCHEMA, "utf8")));

describe("CLI documents", () => {
  it.each(entries)("%s validates against the emulator's schema", (_name, document) => {
    expect(problems(emulatorSchema, document)).toEqual([]);
  });

  it.skipIf(!existsSync(REAL_SCHEMA)).each(entries)("%s validates against the real schema", (_name, document) => {
    expect(problems(realSchema(), document)).toEqual([]);
  });

  it("the emulator serves their root fields", () => {
    const schema = emulatorSchema;
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(["agents", "workspaceOrError", "workspace", "deploymentByName"]),
    );
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(["addOrUpdateLocationFromDocument", "deleteLocation", "deleteDeployment"]),
    );
  });

  it("a field the schema lacks is caught", () => {
    expect(problems(emulatorSchema, CLI_DOCUMENTS.AGENT_STATUS.replace("status", "state"))).toEqual([
      'Cannot query field "state" on type "Agent". Did you mean "status"?',
    ]);
  });
});
