import { describe, expect, it } from "vitest";
import { parseBaseUrl } from "../../src/settings/url.ts";

describe("parseBaseUrl: every URL form of real-world-usage.md", () => {
  it.each([
    ["https://acme.dagster.cloud", "https://acme.dagster.cloud", []],
    ["https://acme.dagster.cloud/prod", "https://acme.dagster.cloud/prod", []],
    ["https://acme.dagster.cloud/prod/", "https://acme.dagster.cloud/prod", []],
    ["https://dagster.cloud/acme", "https://dagster.cloud/acme", []],
    ["https://dagster.cloud/acme/prod", "https://dagster.cloud/acme/prod", []],
    ["https://acme.eu.dagster.cloud", "https://acme.eu.dagster.cloud", []],
    ["https://host.example.test/extra/path/prod", "https://host.example.test/extra/path/prod", []],
    ["  https://acme.dagster.cloud//  ", "https://acme.dagster.cloud", []],
    ["HTTPS://ACME.Dagster.Cloud/Prod", "https://acme.dagster.cloud/Prod", []],
    ["http://127.0.0.1:3000", "http://127.0.0.1:3000", []],
    ["http://localhost:3000/acme/", "http://localhost:3000/acme", []],
    ["http://[::1]:3000", "http://[::1]:3000", []],
  ])("%s -> %s", (raw, base, notes) => {
    expect(parseBaseUrl(raw, "--url")).toEqual({ base, notes });
  });

  it("upgrades http on a dagster.cloud host to https, with a note", () => {
    const { base, notes } = parseBaseUrl("http://acme.dagster.cloud/prod", "--url");
    expect(base).toBe("https://acme.dagster.cloud/prod");
    expect(notes).toEqual(["Note: using https for acme.dagster.cloud (--url said http); Dagster+ is served over https only."]);
  });

  it("warns that plain http to another host sends the token unencrypted", () => {
    const { base, notes } = parseBaseUrl("http://gateway.internal/dagster", "DAGSTER_CLOUD_URL");
    expect(base).toBe("http://gateway.internal/dagster");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^Warning: DAGSTER_CLOUD_URL uses plain http to gateway\.internal: the API token travels unencrypted/);
  });

  it.each([
    ["https://", /not a valid URL/],
    ["ftp://acme.dagster.cloud", /scheme must be https or http, not ftp/],
    ["https://acme.dagster.cloud/?x=1", /must not contain a query/],
    ["https://user:pw@acme.dagster.cloud", /must not contain credentials/],
    ["acme.dagster.cloud", /--url \/ DAGSTER_CLOUD_URL \("acme\.dagster\.cloud"\): it has no scheme/],
    ["127.0.0.1:4000", /it has no scheme/],
  ])("rejects %s", (raw, message) => {
    expect(() => parseBaseUrl(raw, "--url")).toThrow(message);
  });

  it.each([
    ["https://user:s3cret-pass@acme.dagster.cloud/prod", "https://***@acme.dagster.cloud/prod"],
    ["https://acme.dagster.cloud/prod?token=s3cret-pass", "https://acme.dagster.cloud/prod?***"],
    ["https://acme.dagster.cloud/prod#s3cret-pass", "https://acme.dagster.cloud/prod#***"],
  ])("never quotes the credentials or query of %s", (raw, shown) => {
    let message = "";
    try {
      parseBaseUrl(raw, "--url");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain(`"${shown}"`);
    expect(message).not.toContain("s3cret-pass");
  });

  it("a scheme-less URL names where it came from and what to write", () => {
    expect(() => parseBaseUrl("127.0.0.1:4000", "DAGSTER_CLOUD_URL")).toThrow(expect.objectContaining({ exitCode: 2, hint: expect.stringContaining("https://127.0.0.1:4000") }));
  });

  it.each([
    ["https://acme.dagster.cloud/graphql", "https://acme.dagster.cloud"],
    ["https://acme.dagster.cloud/prod/graphql/", "https://acme.dagster.cloud/prod"],
  ])("takes the base of an endpoint URL %s, with a note", (raw, base) => {
    const parsed = parseBaseUrl(raw, "--url");
    expect(parsed.base).toBe(base);
    expect(parsed.notes).toEqual([expect.stringMatching(/^Note: --url ends in \/graphql; using .* as the base URL/)]);
  });
});
