/**
 * The emulator's hand-written SDL must agree with the real Dagster+ schema for everything it
 * contains, so that a document the emulator accepts is one the service accepts, and vice versa.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { SDL } from "../../emulator/schema.ts";

const REAL_SCHEMA = fileURLToPath(new URL("../../../shared/dagster-plus/schema.graphql", import.meta.url));

const kind = (t: GraphQLNamedType): string =>
  isObjectType(t) ? "object" : isInterfaceType(t) ? "interface" : isUnionType(t) ? "union" : isEnumType(t) ? "enum" : isInputObjectType(t) ? "input" : "scalar";
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();
const argSignature = (a: GraphQLArgument): string => `${String(a.type)}${a.defaultValue === undefined ? "" : ` = ${JSON.stringify(a.defaultValue)}`}`;

/** Every disagreement between the subset and the real schema, one line each. */
function conformanceProblems(subset: GraphQLSchema, real: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const root of ["getQueryType", "getMutationType", "getSubscriptionType"] as const) {
    const mine = subset[root]();
    if (mine && mine.name !== real[root]()?.name) problems.push(`${root}: ${mine.name} is not the real root type`);
  }
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    const twin = real.getType(type.name);
    if (!twin) {
      problems.push(`${type.name}: no such type`);
      continue;
    }
    if (kind(type) !== kind(twin)) {
      problems.push(`${type.name}: is ${kind(type)}, real is ${kind(twin)}`);
      continue;
    }
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(twin) || isInterfaceType(twin))) {
      const realInterfaces = twin.getInterfaces().map((i) => i.name);
      for (const i of type.getInterfaces()) if (!realInterfaces.includes(i.name)) problems.push(`${type.name}: does not implement ${i.name}`);
      const realFields = twin.getFields();
      for (const field of Object.values(type.getFields())) {
        const realField = realFields[field.name];
        const where = `${type.name}.${field.name}`;
        if (!realField) {
          problems.push(`${where}: no such field`);
          continue;
        }
        if (String(field.type) !== String(realField.type)) problems.push(`${where}: ${String(field.type)}, real is ${String(realField.type)}`);
        for (const arg of field.args) {
          const realArg = realField.args.find((a) => a.name === arg.name);
          if (!realArg) problems.push(`${where}(${arg.name}): no such argument`);
          else if (argSignature(arg) !== argSignature(realArg)) problems.push(`${where}(${arg.name}): ${argSignature(arg)}, real is ${argSignature(realArg)}`);
        }
        for (const realArg of realField.args) {
          const required = String(realArg.type).endsWith("!") && realArg.defaultValue === undefined;
          if (required && !field.args.some((a) => a.name === realArg.name)) problems.push(`${where}(${realArg.name}): required argument missing`);
        }
      }
    } else if (isInputObjectType(type) && isInputObjectType(twin)) {
      const mine = Object.values(type.getFields()).map((f) => `${f.name}: ${String(f.type)}${f.defaultValue === undefined ? "" : ` = ${JSON.stringify(f.defaultValue)}`}`);
      const theirs = Object.values(twin.getFields()).map((f) => `${f.name}: ${String(f.type)}${f.defaultValue === undefined ? "" : ` = ${JSON.stringify(f.defaultValue)}`}`);
      if (!sameSet(mine, theirs)) problems.push(`${type.name}: fields {${mine.join(", ")}}, real {${theirs.join(", ")}}`);
    } else if (isEnumType(type) && isEnumType(twin)) {
      const mine = type.getValues().map((v) => v.name);
      const theirs = twin.getValues().map((v) => v.name);
      if (!sameSet(mine, theirs)) problems.push(`${type.name}: values ${mine.join("|")}, real ${theirs.join("|")}`);
    } else if (isUnionType(type) && isUnionType(twin)) {
      const mine = type.getTypes().map((t) => t.name);
      const theirs = twin.getTypes().map((t) => t.name);
      if (!sameSet(mine, theirs)) problems.push(`${type.name}: members ${mine.join("|")}, real ${theirs.join("|")}`);
    } else if (!isScalarType(type)) {
      problems.push(`${type.name}: unexpected kind`);
    }
  }
  return problems;
}

describe.skipIf(!existsSync(REAL_SCHEMA))("schema subset conformance", () => {
  let real: GraphQLSchema;
  beforeAll(() => {
    real = buildSchema(readFileSync(REAL_SCHEMA, "utf8"));
  });

  it("agrees with the real Dagster+ schema for every type, field, argument, enum value and union member", () => {
    expect(conformanceProblems(buildSchema(SDL), real)).toEqual([]);
  });

  it("contains what the CLI needs", () => {
    const subset = buildSchema(SDL);
    expect(Object.keys(subset.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(["getBranchDeploymentName", "deploymentByName", "currentDeployment", "fullDeployments"]),
    );
    expect(Object.keys(subset.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(["createOrUpdateBranchDeployment", "deleteDeployment"]),
    );
  });

  it("notices a disagreement", () => {
    const wrong = SDL.replace("getBranchDeploymentName(repoName: String!, branchName: String!): String!", "getBranchDeploymentName(repoName: String!, branchName: String): String")
      .replace("  MERGED\n", "")
      .replace("  pullRequestNumber: String\n}\n\ninput DeploymentCommitInput", "  pullRequestNumber: Int\n}\n\ninput DeploymentCommitInput")
      .replace("deploymentName: String!\n  deploymentStatus", "deploymentName: String!\n  deploymentUrl: String\n  deploymentStatus")
      .replace("| DuplicateDeploymentError | DeploymentLimitError", "| DuplicateDeploymentError");
    const problems = conformanceProblems(buildSchema(wrong), real);
    expect(problems).toHaveLength(6);
    expect(problems).toEqual(expect.arrayContaining([
      "PullRequestStatus: values OPEN|CLOSED, real OPEN|CLOSED|MERGED",
      "DagsterCloudDeployment.deploymentUrl: no such field",
      expect.stringMatching(/^CreateOrUpdateBranchDeploymentInput: fields \{.*pullRequestNumber: Int\}/),
      "CreateDeploymentResult: members DagsterCloudDeployment|DeploymentNotFoundError|UnauthorizedError|PythonError|DuplicateDeploymentError, real DagsterCloudDeployment|DeploymentNotFoundError|UnauthorizedError|PythonError|DuplicateDeploymentError|DeploymentLimitError",
      "CloudQuery.getBranchDeploymentName: String, real is String!",
      "CloudQuery.getBranchDeploymentName(branchName): String, real is String!",
    ]));
  });
});
