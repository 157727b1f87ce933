import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { gql } from "./client.ts";
import { ADD_OR_UPDATE_LOCATION, DELETE_DEPLOYMENT, DELETE_LOCATION, locationDocument } from "./documents.ts";

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const addLocation = () => gql(emulator.url, ADD_OR_UPDATE_LOCATION, { document: locationDocument() });

describe("result faults on location and deletion mutations", () => {
  it("InvalidLocationError carries the given errors, or the message alone", async () => {
    emulator.injectFault(
      { kind: "result", typename: "InvalidLocationError", message: "bad", errors: ["first problem", "second problem"] },
      { kind: "result", typename: "InvalidLocationError", message: "only this" },
    );
    expect((await addLocation()).json).toEqual({
      data: { addOrUpdateLocationFromDocument: { __typename: "InvalidLocationError", errors: ["first problem", "second problem"] } },
    });
    expect((await addLocation()).json).toEqual({
      data: { addOrUpdateLocationFromDocument: { __typename: "InvalidLocationError", errors: ["only this"] } },
    });
    expect(emulator.state.workspace.list(1)).toEqual([]);
    expect((await addLocation()).json).toMatchObject({ data: { addOrUpdateLocationFromDocument: { __typename: "WorkspaceEntry" } } });
  });

  it.each([
    ["PythonError", { message: "boom", stack: [expect.any(String)] }],
    ["UnauthorizedError", { message: "boom" }],
  ] as const)("%s applies to addOrUpdateLocationFromDocument, deleteLocation and deleteDeployment", async (typename, fields) => {
    await addLocation();
    emulator.injectFault(...[1, 2, 3].map(() => ({ kind: "result" as const, typename, message: "boom" })));
    expect((await addLocation()).json).toEqual({ data: { addOrUpdateLocationFromDocument: { __typename: typename, ...fields } } });
    expect((await gql(emulator.url, DELETE_LOCATION, { locationName: "analytics" })).json).toEqual({
      data: { deleteLocation: { __typename: typename, ...fields } },
    });
    expect((await gql(emulator.url, DELETE_DEPLOYMENT, { deploymentId: 1 })).json).toEqual({
      data: { deleteDeployment: { __typename: typename, ...fields } },
    });
    expect(emulator.state.workspace.list(1)).toHaveLength(1);
  });

  it("InvalidLocationError cannot apply to deleteLocation", async () => {
    emulator.injectFault({ kind: "result", typename: "InvalidLocationError", message: "x" });
    const answer = await gql(emulator.url, DELETE_LOCATION, { locationName: "analytics" });
    expect(answer.json).toMatchObject({ data: null, errors: [{ message: expect.stringMatching(/cannot apply to deleteLocation/) }] });
  });

  it.each([
    [{ kind: "result", typename: "InvalidLocationError", message: "m", errors: [] }, 200],
    [{ kind: "result", typename: "InvalidLocationError", message: "m", errors: "e" }, 400],
    [{ kind: "result", typename: "InvalidLocationError", message: "m", errors: [1] }, 400],
  ])("the control API checks errors of %o", async (fault, status) => {
    const response = await fetch(`${emulator.url}/__emulator/faults`, { method: "POST", body: JSON.stringify(fault) });
    expect(response.status).toBe(status);
  });
});
