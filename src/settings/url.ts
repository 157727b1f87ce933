import { UsageError } from "../errors.ts";

export interface BaseUrl {
  /** The URL without a trailing slash; the GraphQL endpoint is this plus `/graphql`. */
  base: string;
  /** Notes and warnings for stderr (an upgrade to https, a token about to travel unencrypted). */
  notes: string[];
}

const DAGSTER_HOST = /(^|\.)dagster\.cloud$/i;

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Accepts every URL form CI scripts pass (reference §1.1, real-world-usage.md): org subdomain,
 * `dagster.cloud/<org>` path style, a deployment suffix, a trailing slash, other hosts with extra
 * path segments. `source` names where the value came from (`--url`, `DAGSTER_CLOUD_URL`, ...).
 */
export function parseBaseUrl(raw: string, source: string): BaseUrl {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(source, raw, "it is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid(source, raw, `the scheme must be https or http, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.search || url.hash) throw invalid(source, raw, "it must not contain a query (?...) or fragment (#...)");
  if (url.username || url.password) throw invalid(source, raw, "it must not contain credentials");

  const notes: string[] = [];
  if (url.protocol === "http:" && DAGSTER_HOST.test(url.hostname)) {
    url.protocol = "https:";
    notes.push(`Note: using https for ${url.hostname} (${source} said http); Dagster+ is served over https only.`);
  } else if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    notes.push(
      `Warning: ${source} uses plain http to ${url.hostname}: the API token travels unencrypted. Use https unless this network is trusted.`,
    );
  }
  const path = url.pathname.replace(/\/+$/, "");
  return { base: `${url.origin}${path}`, notes };
}

function invalid(source: string, raw: string, why: string): UsageError {
  return new UsageError(`Invalid URL in ${source} (${JSON.stringify(raw)}): ${why}.`, {
    hint: "Expected a URL like https://<org>.dagster.cloud or https://dagster.cloud/<org>.",
  });
}
