import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.ts";
import { FileRejected } from "../../src/files.ts";
import { loadConfig, type ConfigEnv } from "../../src/settings/config-file.ts";

const HOME = "/home/ci";
const CLOUD = `${HOME}/.dagster_cloud_cli/config`;
const DG = `${HOME}/.config/dg.toml`;
const TOKEN = "tok-config-secret-123";

type Files = Record<string, string | Error>;

function env(files: Files, extra: Partial<ConfigEnv> = {}): ConfigEnv & { secrets: string[] } {
  const secrets: string[] = [];
  return {
    env: {},
    homedir: HOME,
    readFile: async (path) => {
      const file = files[path];
      if (file instanceof Error) throw file;
      return file;
    },
    onSecret: (value) => secrets.push(value),
    secrets,
    ...extra,
  };
}

async function failure(deps: ConfigEnv): Promise<ConfigError> {
  const error = await loadConfig(deps).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

/** Everything --verbose would print about an error: message, hint and each cause's stack. */
function printed(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    parts.push(current.message, current.stack ?? "", (current as ConfigError).hint ?? "");
  }
  return parts.join("\n");
}

describe("a malformed config file: file:line:column and a short reason, never a line of the file", () => {
  it.each([
    ["YAML", CLOUD, `organization: acme\nuser_token: ${TOKEN}\nurl: [oops\n`, /^The config file \/home\/ci\/\.dagster_cloud_cli\/config is not valid YAML: .+ at \/home\/ci\/\.dagster_cloud_cli\/config:4:1\.$/],
    ["YAML, bad quoting on the token's line", CLOUD, `organization: acme\nuser_token: "${TOKEN}\n`, /^The config file .* is not valid YAML: .+ at \/home\/ci\/\.dagster_cloud_cli\/config:3:1\.$/],
    ["TOML", DG, `[cli.plus]\nuser_token = "${TOKEN}"\norganization = acme\n`, /^The config file \/home\/ci\/\.config\/dg\.toml is not valid TOML: invalid value at \/home\/ci\/\.config\/dg\.toml:3:\d+\.$/],
    ["TOML, unterminated string holding the token", DG, `[cli.plus]\nuser_token = "${TOKEN}\n`, /^The config file .* is not valid TOML: .+ at \/home\/ci\/\.config\/dg\.toml:2:\d+\.$/],
  ])("%s", async (_title, path, text, message) => {
    const error = await failure(env({ [path]: text }));
    expect(error.message).toMatch(message);
    expect(error.cause).toBeUndefined(); // the parser's error quotes the line, and --verbose prints causes
    expect(printed(error)).not.toMatch(/tok-config-secret|user_token/);
  });
});

describe("onSecret: the config's token is registered before anything can fail", () => {
  it("a later check fails (both files populated): the tokens of both were registered", async () => {
    const deps = env({ [CLOUD]: `user_token: ${TOKEN}\n`, [DG]: `[cli.plus]\nuser_token = "tok-dg-456"\n` });
    expect((await failure(deps)).message).toMatch(/^Found Dagster\+ config in both/);
    expect(deps.secrets).toEqual([TOKEN, "tok-dg-456"]);
  });

  it("dg.toml fails to parse after the cloud file was read: its token is registered", async () => {
    const deps = env({ [CLOUD]: `user_token: ${TOKEN}\n`, [DG]: "[cli.plus\n" });
    await failure(deps);
    expect(deps.secrets).toEqual([TOKEN]);
  });

  it("a bad value beside the token: registered, and the message does not show it", async () => {
    const deps = env({ [CLOUD]: `user_token: ${TOKEN}\norganization: [a]\n` });
    expect((await failure(deps)).message).toBe("`organization` in /home/ci/.dagster_cloud_cli/config must be a string, not a list.");
    expect(deps.secrets).toEqual([TOKEN]);
  });

  it("a numeric token is registered as text; an empty one is not", async () => {
    const numeric = env({ [CLOUD]: "user_token: 12345678\n" });
    expect((await loadConfig(numeric)).values.user_token).toBe("12345678");
    expect(numeric.secrets).toEqual(["12345678"]);
    const empty = env({ [CLOUD]: "user_token: ''\norganization: acme\n" });
    await loadConfig(empty);
    expect(empty.secrets).toEqual([]);
  });

  it("is optional", async () => {
    expect((await loadConfig(env({ [CLOUD]: `user_token: ${TOKEN}\n` }, { onSecret: undefined }))).values.user_token).toBe(TOKEN);
  });
});

describe("a config path that is not a regular file", () => {
  it.each([
    ["a device", new FileRejected(CLOUD, "is a character device, not a regular file"), "Cannot read the config file /home/ci/.dagster_cloud_cli/config: it is a character device, not a regular file."],
    ["too large", new FileRejected(CLOUD, "is larger than 4 MiB: a config or location file is a few KB"), "Cannot read the config file /home/ci/.dagster_cloud_cli/config: it is larger than 4 MiB: a config or location file is a few KB."],
    ["a permission error", Object.assign(new Error("denied"), { code: "EACCES" }), "Cannot read the config file /home/ci/.dagster_cloud_cli/config: EACCES."],
  ])("%s: one line naming the file", async (_title, thrown, message) => {
    const error = await failure(env({ [CLOUD]: thrown }));
    expect(error.message).toBe(message);
    expect(error.hint).toMatch(/DAGSTER_CLOUD_CLI_CONFIG/);
  });

  it("a path with control characters is shown escaped", async () => {
    const path = "/tmp/\u001b[31mred\nconfig";
    const deps = env({ [path]: new FileRejected(path, "is a FIFO (named pipe), not a regular file") }, { env: { DAGSTER_CLOUD_CLI_CONFIG: path } });
    expect((await failure(deps)).message).toBe("Cannot read the config file /tmp/\\e[31mred\\nconfig: it is a FIFO (named pipe), not a regular file.");
  });
});
