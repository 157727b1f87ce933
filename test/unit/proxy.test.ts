import { describe, expect, it } from "vitest";
import { proxyFor } from "../../src/api/proxy.ts";

describe("proxyFor follows Python requests", () => {
  it.each<[string, string, Record<string, string>, string | undefined]>([
    ["no proxy variables", "https://acme.dagster.cloud/graphql", {}, undefined],
    ["HTTPS_PROXY for https", "https://acme.dagster.cloud/graphql", { HTTPS_PROXY: "http://proxy:3128" }, "http://proxy:3128"],
    ["lower case wins", "https://a.dagster.cloud/", { HTTPS_PROXY: "http://upper:1", https_proxy: "http://lower:1" }, "http://lower:1"],
    ["https does not fall back to HTTP_PROXY", "https://a.dagster.cloud/", { HTTP_PROXY: "http://proxy:3128" }, undefined],
    ["http uses HTTP_PROXY", "http://gw.example.test/", { HTTP_PROXY: "http://proxy:3128" }, "http://proxy:3128"],
    ["ALL_PROXY as a fallback", "https://a.dagster.cloud/", { ALL_PROXY: "http://all:1" }, "http://all:1"],
    ["scheme-less proxy gets http://", "https://a.dagster.cloud/", { HTTPS_PROXY: "proxy:3128" }, "http://proxy:3128"],
    ["NO_PROXY exact host", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "acme.dagster.cloud" }, undefined],
    ["NO_PROXY domain suffix", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "dagster.cloud" }, undefined],
    ["NO_PROXY leading dot", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", NO_PROXY: ".dagster.cloud" }, undefined],
    ["NO_PROXY *.domain", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "*.dagster.cloud" }, undefined],
    ["NO_PROXY not a label suffix", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "ster.cloud" }, "http://p:1"],
    ["NO_PROXY list with spaces", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "localhost, dagster.cloud" }, undefined],
    ["NO_PROXY *", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "*" }, undefined],
    ["no_proxy lower case", "https://acme.dagster.cloud/", { HTTPS_PROXY: "http://p:1", no_proxy: "dagster.cloud" }, undefined],
    ["NO_PROXY host:port matches", "https://gw.example.test:8443/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "gw.example.test:8443" }, undefined],
    ["NO_PROXY host:port other port", "https://gw.example.test/", { HTTPS_PROXY: "http://p:1", NO_PROXY: "gw.example.test:8443" }, "http://p:1"],
    ["NO_PROXY IPv4 CIDR", "http://10.1.2.3:80/", { HTTP_PROXY: "http://p:1", NO_PROXY: "10.0.0.0/8" }, undefined],
    ["NO_PROXY IPv4 outside CIDR", "http://11.1.2.3/", { HTTP_PROXY: "http://p:1", NO_PROXY: "10.0.0.0/8" }, "http://p:1"],
    ["NO_PROXY exact IPv4", "http://127.0.0.1:4000/", { HTTP_PROXY: "http://p:1", NO_PROXY: "127.0.0.1" }, undefined],
    ["loopback is proxied unless listed (as requests does)", "http://127.0.0.1:4000/", { HTTP_PROXY: "http://p:1" }, "http://p:1"],
    ["empty HTTPS_PROXY means none", "https://a.dagster.cloud/", { HTTPS_PROXY: "" }, undefined],
  ])("%s", (_name, target, env, expected) => {
    expect(proxyFor(new URL(target), env)).toBe(expected);
  });
});
