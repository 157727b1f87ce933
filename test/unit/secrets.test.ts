import { describe, expect, it } from "vitest";
import { collectSecrets, redactUrl, urlCredentials } from "../../src/secrets.ts";

describe("collectSecrets: what could be a token, before anything parses argv", () => {
  it.each<[string[], Record<string, string>, string[]]>([
    [["--api-token", "tok-a"], {}, ["tok-a"]],
    [["--user-token=tok-b"], {}, ["tok-b"]],
    [["-u", "tok-c"], {}, ["tok-c"]],
    [["-utok-d"], {}, ["tok-d"]],
    [["-Utok-e"], {}, ["tok-e"]],
    [["--api-tokn=tok-f"], {}, ["tok-f"]],
    [["--token", "tok-g"], {}, ["tok-g"]],
    [["--password", "pw-h"], {}, ["pw-h"]],
    // An author's name is not a secret, though "author" contains "auth".
    [["--author-name", "Ann", "--author-email=ann@example.com"], {}, []],
    [["--", "--api-token", "after-the-end"], {}, []],
    [[], { DAGSTER_CLOUD_API_TOKEN: " tok-env \n" }, ["tok-env"]],
    [[], { HTTPS_PROXY: "http://user:p%40ss@proxy:3128" }, ["user:p%40ss", "p%40ss", "p@ss"]],
  ])("%j %j", (argv, env, secrets) => {
    expect(collectSecrets(argv, env)).toEqual(secrets);
  });
});

describe("URLs", () => {
  it("credentials of a URL, and the URL with them masked", () => {
    expect(urlCredentials("https://ci:s3cret@host/x")).toEqual(["ci:s3cret", "s3cret", "s3cret"]);
    expect(urlCredentials("https://host/x")).toEqual([]);
    expect(redactUrl("https://ci:s3cret@host/x?token=t#f")).toBe("https://***@host/x?***#***");
  });
});
