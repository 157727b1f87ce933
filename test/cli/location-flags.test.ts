import { describe, expect, it } from "vitest";
import { main } from "../../src/main.ts";
import { fakeDeps } from "../helpers/fake-deps.ts";
import { recordingRunners, type Recorded } from "../helpers/runners.ts";

async function parse(argv: string[]) {
  const deps = fakeDeps();
  const seen: Recorded[] = [];
  const code = await main(argv, deps, recordingRunners(seen));
  return { code, seen, stdout: deps.stdout(), stderr: deps.stderr() };
}

describe("add-location / update-location flags", () => {
  it.each([["deployment", "add-location"], ["deployment", "update-location"], ["workspace", "add-location"], ["workspace", "update-location"]])(
    "%s %s takes every flag of the Python CLI",
    async (group, command) => {
      const { code, seen, stderr } = await parse([
        group, command, "loc",
        "-o", "acme", "-u", "tok", "--url", "https://x", "-d", "branch",
        "--from", "dagster_cloud.yaml", "--location-name", "loc", "--image", "img:1",
        "-f", "defs.py", "--working-directory", "src", "-p", "pkg", "-m", "mod", "--autoload-defs-module-name", "auto",
        "--executable-path", "/venv/bin/python", "-a", "defs", "--commit-hash", "abc", "--git-url", "https://g",
        "--agent-timeout", "600", "--agent-heartbeat-timeout=90",
      ]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(seen).toEqual([
        {
          command: "addLocation",
          options: {
            connection: { organization: "acme", apiToken: "tok", url: "https://x", deployment: "branch" },
            location: {
              location: "loc", locationFile: "dagster_cloud.yaml", locationName: "loc", image: "img:1", pythonFile: "defs.py",
              workingDirectory: "src", packageName: "pkg", moduleName: "mod", autoloadDefsModuleName: "auto",
              executablePath: "/venv/bin/python", attribute: "defs", commitHash: "abc", gitUrl: "https://g",
            },
            locationLoadTimeout: "600",
            agentHeartbeatTimeout: "90",
            wait: true,
            json: false,
            dryRun: false,
            verbose: false,
          },
        },
      ]);
    },
  );

  it("--no-wait and --location-load-timeout", async () => {
    const { seen } = await parse(["deployment", "add-location", "--location-file", "f.yaml", "--no-wait", "--location-load-timeout", "0"]);
    expect(seen[0]?.options).toMatchObject({ wait: false, locationLoadTimeout: "0", location: { locationFile: "f.yaml" } });
  });

  it("workspace is hidden from help; deployment is listed", async () => {
    const { stdout } = await parse(["--help"]);
    expect(stdout).toMatch(/\n {2}deployment /);
    expect(stdout).not.toMatch(/\n {2}workspace /);
  });
});

describe("delete-location and branch-deployment delete", () => {
  it("delete-location needs its LOCATION", async () => {
    const { code, stderr } = await parse(["deployment", "delete-location"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Error: missing required argument 'LOCATION'/);
  });

  it.each<[string[], string | undefined]>([
    [["branch-deployment", "delete", "abc"], "abc"],
    [["branch-deployment", "delete", "-d", "abc"], "abc"],
    [["branch-deployment", "delete", "--deployment=abc", "abc"], "abc"],
    [["branch-deployment", "delete"], undefined],
  ])("%j deletes %s", async (argv, deployment) => {
    const { code, seen } = await parse(argv);
    expect(code).toBe(0);
    expect(seen[0]).toMatchObject({ command: "delete", options: { connection: { deployment } } });
  });

  it("a positional name and a different --deployment are a usage error", async () => {
    const { code, stderr, seen } = await parse(["branch-deployment", "delete", "a", "-d", "b"]);
    expect({ code, seen }).toEqual({ code: 2, seen: [] });
    expect(stderr).toBe('Error: DEPLOYMENT "a" and --deployment "b" differ.\nName the branch deployment to delete once.\n');
  });
});
