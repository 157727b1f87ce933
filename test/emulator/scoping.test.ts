import { beforeEach, describe, expect, it } from "vitest";
import { useClockedEmulator } from "./clocked-emulator.ts";
import { CREATE_OR_UPDATE, createVariables, gql } from "./client.ts";
import { DELETE_LOCATION, LOCATIONS_QUERY, locationDocument } from "./documents.ts";

const fixture = useClockedEmulator();
const { add, entries } = fixture;

describe("deleteLocation", () => {
  it("removes the location, and answers PythonError for an unknown name", async () => {
    await add(locationDocument());
    await add(locationDocument({ location_name: "other" }));
    expect((await gql(fixture.emulator.url, DELETE_LOCATION, { locationName: "analytics" })).json).toEqual({
      data: { deleteLocation: { __typename: "DeleteLocationSuccess", locationName: "analytics" } },
    });
    expect((await entries()).map((e) => e.name)).toEqual(["other"]);
    const again = await gql(fixture.emulator.url, DELETE_LOCATION, { locationName: "analytics" });
    expect(again.json).toEqual({
      data: {
        deleteLocation: {
          __typename: "PythonError",
          message: 'Location "analytics" does not exist in deployment "prod"',
          stack: [expect.any(String)],
        },
      },
    });
  });
});

describe("deployment scoping", () => {
  let branch: string;
  beforeEach(async () => {
    const created = await gql(fixture.emulator.url, CREATE_OR_UPDATE, createVariables());
    branch = (created.json as { data: { createOrUpdateBranchDeployment: { deploymentName: string } } }).data.createOrUpdateBranchDeployment.deploymentName;
  });
  const names = async (headers: Record<string, string>, path = ""): Promise<string[]> =>
    (await entries(headers, `${fixture.emulator.url}${path}`)).map((e) => e.name);

  it("keeps each deployment's locations apart, by header or by path", async () => {
    await add(locationDocument({ location_name: "in-prod" }));
    await add(locationDocument({ location_name: "by-header" }), { "dagster-cloud-deployment": branch });
    await add(locationDocument({ location_name: "by-path" }), {}, `${fixture.emulator.url}/acme/${branch}`);

    expect(await names({})).toEqual(["in-prod"]);
    expect(await names({}, "/extra/path/prod")).toEqual(["in-prod"]);
    expect(await names({}, "/acme")).toEqual(["in-prod"]);
    expect(await names({ "dagster-cloud-deployment": branch })).toEqual(["by-header", "by-path"]);
    expect(await names({}, `/${branch}`)).toEqual(["by-header", "by-path"]);
    expect(await names({ "dagster-cloud-deployment": "prod" }, `/acme/${branch}`)).toEqual(["in-prod"]);
    expect(fixture.emulator.state.workspace.list(2).map((l) => l.locationName)).toEqual(["by-header", "by-path"]);
  });

  it("deletes a location only in its own deployment", async () => {
    await add(locationDocument());
    await add(locationDocument(), { "dagster-cloud-deployment": branch });
    await gql(fixture.emulator.url, DELETE_LOCATION, { locationName: "analytics" }, { "dagster-cloud-deployment": branch });
    expect(await names({ "dagster-cloud-deployment": branch })).toEqual([]);
    expect(await names({})).toEqual(["analytics"]);
  });

  it("answers 404 with a JSON error for a deployment that does not exist", async () => {
    const answer = await gql(fixture.emulator.url, LOCATIONS_QUERY, {}, { "dagster-cloud-deployment": "staging" });
    expect([answer.status, answer.json]).toEqual([404, { error: 'Deployment "staging" not found' }]);
    expect(fixture.emulator.requests.at(-1)?.status).toBe(404);
  });

  it("lists a deployment's locations on the control API", async () => {
    await add(locationDocument(), { "dagster-cloud-deployment": branch });
    const get = async (query: string): Promise<[number, unknown]> => {
      const response = await fetch(`${fixture.emulator.url}/__emulator/locations${query}`);
      return [response.status, await response.json()];
    };
    expect(await get("")).toEqual([200, []]);
    expect(await get(`?deployment=${branch}`)).toEqual([
      200,
      [expect.objectContaining({ deploymentName: branch, locationName: "analytics", loadStatus: "LOADING", document: locationDocument() })],
    ]);
    expect(await get("?deployment=nope")).toEqual([404, { error: 'Deployment "nope" not found' }]);
  });
});
