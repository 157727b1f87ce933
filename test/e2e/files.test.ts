import { execFileSync } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import { createSandbox, type Result, type Sandbox } from "../helpers/cli-process.ts";

/**
 * Files from the user are read safely (a device, a FIFO, a symlink to a device: an error at once),
 * never quoted into messages, and the location file reaches Dagster+ exactly as written.
 */
const TOKEN = "files-secret-token-9f8e7d";
const CONFIG_TOKEN = "config-secret-token-5c4b3a";

let emulator: Emulator;
let sandbox: Sandbox;

beforeAll(async () => {
  emulator = await startEmulator({ tokens: [TOKEN], loadDelayMs: 0 });
  sandbox = createSandbox();
  execFileSync("mkfifo", [join(sandbox.repo, "fifo.yaml")]);
  symlinkSync("/dev/zero", join(sandbox.repo, "zero.yaml"));
});
afterAll(async () => {
  await emulator.close();
  sandbox.cleanup();
});
beforeEach(() => emulator.reset());

const env = { NO_COLOR: "1", DAGSTER_CLOUD_API_TOKEN: TOKEN };

/**
 * The CLI under a guard: before the fix these read /dev/zero until memory ran out (10 GB) or
 * waited on a FIFO for ever, so memory is capped (1 GB) and the process killed after 10 s.
 */
function guarded(args: string, extraEnv: Record<string, string> = {}): Promise<Result> {
  return sandbox.sh(`ulimit -d 1048576; exec timeout -s KILL 10 dagster-cloud ${args}`, { env: { ...env, ...extraEnv } });
}

const addLocation = (file: string) => `deployment add-location app --location-file ${file} --url "${emulator.url}/prod" --no-wait`;

describe("a path that is not a regular file is refused at once, with one line naming it", () => {
  it.each([
    ["/dev/zero", "/dev/zero", "is a character device, not a regular file"],
    ["a symlink to /dev/zero", "zero.yaml", "is a character device, not a regular file"],
    ["a FIFO", "fifo.yaml", "is a FIFO (named pipe), not a regular file"],
    ["a directory", ".", "is a directory, not a regular file"],
  ])("--location-file %s", async (_title, file, reason) => {
    const started = Date.now();
    const result = await guarded(addLocation(file));
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: Cannot read location file ${file}: it ${reason}.\nPass the path of a YAML file to --location-file.\n`,
    });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(emulator.requests.filter((r) => r.operationName === "CliAddOrUpdateLocation")).toEqual([]);
  });

  it("a config file that is a symlink to /dev/zero", async () => {
    const config = join(sandbox.home, "zero-config");
    symlinkSync("/dev/zero", config);
    const result = await guarded("branch-deployment delete some-deployment", { DAGSTER_CLOUD_CLI_CONFIG: config });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(new RegExp(`^Error: Cannot read the config file ${config}: it is a character device, not a regular file\\.\\n`));
  });

  it("a location file larger than 4 MiB", async () => {
    writeFileSync(join(sandbox.repo, "huge.yaml"), `# ${"x".repeat(4 * 1024 * 1024)}\n`);
    const result = await guarded(addLocation("huge.yaml"));
    expect(result.stderr).toBe("Error: Cannot read location file huge.yaml: it is larger than 4 MiB: a config or location file is a few KB.\nPass the path of a YAML file to --location-file.\n");
  });
});

describe("a malformed config file is never quoted, even with --verbose", () => {
  it("the error names file:line:column; no line of the file, no token", async () => {
    const config = join(sandbox.home, "broken-config");
    writeFileSync(config, `organization: acme\nuser_token: ${CONFIG_TOKEN}\nurl: [https://acme.dagster.cloud\n`);
    const result = await sandbox.run(["branch-deployment", "delete", "some-deployment", "--verbose"], { env: { NO_COLOR: "1", DAGSTER_CLOUD_CLI_CONFIG: config } });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(new RegExp(`^Error: The config file ${config} is not valid YAML: .+ at ${config}:4:1\\.\\n`));
    expect(result.stderr).not.toMatch(/config-secret|user_token|acme\.dagster/);
  });
});

const K8S_LOCATION = `locations:
  - location_name: app
    code_source:
      package_name: app
    image: registry.example.com/app:1
    build:
      directory: .
    container_context:
      k8s:
        namespace: ""
        volumes:
          - name: scratch
            emptyDir: {}
        volume_mounts:
          - {name: scratch, mountPath: /scratch}
        labels:
          team: ""
          tier: null
        env_vars:
          - DATABASE_PASSWORD=hunter2-file-secret
          - EMPTY=
          - FROM_AGENT
        resources: {}
        run_k8s_config:
          pod_spec_config: {}
          container_config: {args: []}
    agent_queue: default
`;

describe("the location document reaches Dagster+ exactly as the file says", () => {
  it("empty mappings, empty strings, nulls, lists and key order survive; build: does not", async () => {
    writeFileSync(join(sandbox.repo, "k8s.yaml"), K8S_LOCATION);
    const result = await sandbox.run(["deployment", "add-location", "--location-file", "k8s.yaml", "--url", `${emulator.url}/prod`, "--no-wait", "--verbose"], { env });
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 0, stdout: "" });

    const { build: _build, ...expected } = (parse(K8S_LOCATION) as { locations: Record<string, unknown>[] }).locations[0] ?? {};
    const sent = emulator.requests.find((r) => r.operationName === "CliAddOrUpdateLocation")?.variables as { document: unknown };
    expect(JSON.stringify(sent.document)).toBe(JSON.stringify(expected));

    // --verbose shows the document, without the environment's values.
    expect(result.stderr).toContain('"env_vars":["DATABASE_PASSWORD=***","EMPTY=***","FROM_AGENT"]');
    expect(result.stderr).not.toContain("hunter2");
  });
});
