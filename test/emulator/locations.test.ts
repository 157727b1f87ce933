import { describe, expect, it } from "vitest";
import { T0, useClockedEmulator } from "./clocked-emulator.ts";
import { gql } from "./client.ts";
import { locationDocument } from "./documents.ts";

const fixture = useClockedEmulator();
const { add, entries } = fixture;

describe("addOrUpdateLocationFromDocument and loading", () => {
  it("answers the WorkspaceEntry, then goes LOADING -> LOADED after the delay (default 300 ms)", async () => {
    expect((await add(locationDocument())).json).toEqual({
      data: { addOrUpdateLocationFromDocument: { __typename: "WorkspaceEntry", locationName: "analytics" } },
    });
    fixture.at(299);
    expect(await entries()).toEqual([
      {
        __typename: "WorkspaceLocationEntry",
        name: "analytics",
        loadStatus: "LOADING",
        updatedTimestamp: T0 / 1000,
        versionKey: expect.stringMatching(/^[0-9a-f]{16}$/),
        locationOrLoadError: null,
      },
    ]);
    fixture.at(5000);
    expect(await entries()).toEqual([
      expect.objectContaining({
        loadStatus: "LOADED",
        updatedTimestamp: (T0 + 300) / 1000,
        locationOrLoadError: { __typename: "RepositoryLocation", name: "analytics" },
      }),
    ]);
  });

  it("loads at once with loadDelayMs 0", async () => {
    fixture.emulator.configure({ loadDelayMs: 0 });
    await add(locationDocument());
    expect(await entries()).toEqual([expect.objectContaining({ loadStatus: "LOADED", updatedTimestamp: T0 / 1000 })]);
  });

  it("changes versionKey and updatedTimestamp on every update, replacing the document", async () => {
    await add(locationDocument());
    const [first] = await entries();
    fixture.at(10_000);
    await add(locationDocument({ image: "registry.example.com/analytics:def456" }));
    const [second, ...rest] = await entries();
    expect(rest).toEqual([]);
    expect(second).toMatchObject({ loadStatus: "LOADING", updatedTimestamp: (T0 + 10_000) / 1000 });
    expect(second?.versionKey).not.toBe(first?.versionKey);
    await add(locationDocument({ image: "registry.example.com/analytics:def456" }));
    expect((await entries())[0]?.versionKey).not.toBe(second?.versionKey);

    const listed = await gql(fixture.emulator.url, "{ workspace { workspaceEntries { locationName serializedDeploymentMetadata hasOutdatedData hasLoadError } } }");
    expect(listed.json).toEqual({
      data: {
        workspace: {
          workspaceEntries: [
            {
              locationName: "analytics",
              serializedDeploymentMetadata: JSON.stringify(locationDocument({ image: "registry.example.com/analytics:def456" })),
              hasOutdatedData: true,
              hasLoadError: false,
            },
          ],
        },
      },
    });
  });

  it("loads a broken image with an import error and a two-link error chain", async () => {
    await add(locationDocument({ location_name: "etl", code_source: { package_name: "etl_pkg" }, image: "acme/broken:1" }));
    fixture.at(300);
    const [entry] = await entries();
    expect(entry?.loadStatus).toBe("LOADED");
    const error = entry?.locationOrLoadError;
    if (error?.__typename !== "PythonError") throw new Error(`expected a PythonError, got ${JSON.stringify(error)}`);
    expect(error.message).toMatch(/^dagster\._core\.errors\.DagsterImportError: .*No module named 'broken_pkg'.*while importing module etl_pkg/);
    expect(error.stack.length).toBeGreaterThan(0);
    expect(error.stack.every((line) => typeof line === "string" && line.startsWith("  File "))).toBe(true);
    expect(error.errorChain).toEqual([
      { isExplicitLink: true, error: { message: "ModuleNotFoundError: No module named 'broken_pkg'\n", stack: expect.any(Array) } },
      { isExplicitLink: false, error: { message: "KeyError: 'broken_pkg'\n", stack: expect.any(Array) } },
    ]);
    const flags = await gql(fixture.emulator.url, "{ workspace { workspaceEntries { hasLoadError hasOutdatedData dataUpdatedTimestamp } } }");
    expect(flags.json).toEqual({
      data: { workspace: { workspaceEntries: [{ hasLoadError: true, hasOutdatedData: false, dataUpdatedTimestamp: (T0 + 300) / 1000 }] } },
    });
  });

  it("fails the images that match the configured rules instead", async () => {
    fixture.emulator.configure({ loadDelayMs: 0, failImages: ["bad-tag"] });
    await add(locationDocument({ location_name: "a", image: "acme/broken:1" }));
    await add(locationDocument({ location_name: "b", image: "acme/app:bad-tag" }));
    expect((await entries()).map((e) => e.locationOrLoadError?.__typename)).toEqual(["RepositoryLocation", "PythonError"]);
  });
});
