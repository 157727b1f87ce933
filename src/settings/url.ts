import { UsageError } from "../errors.ts";
import { redactUrl } from "../secrets.ts";
import { quote } from "../text.ts";

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
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    // `127.0.0.1:4000` or `acme.dagster.cloud`: guessing https would send the token to a port that
    // may speak plain http; say what to write instead.
    throw invalid(source, raw, "it has no scheme", `Write it in full: https://${text.replace(/^\/+/, "")} (or http:// for a local server).`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(source, raw, "it is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid(source, raw, `the scheme must be https or http, not ${url.protocol.slice(0, -1)}`);
  }
  if (url.username || url.password) throw invalid(source, raw, "it must not contain credentials", "Pass the token with --api-token or DAGSTER_CLOUD_API_TOKEN, never in the URL.");
  if (url.search || url.hash) throw invalid(source, raw, "it must not contain a query (?...) or fragment (#...)");

  const notes: string[] = [];
  if (url.protocol === "http:" && DAGSTER_HOST.test(url.hostname)) {
    url.protocol = "https:";
    notes.push(`Note: using https for ${url.hostname} (${source} said http); Dagster+ is served over https only.`);
  } else if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    notes.push(
      `Warning: ${source} uses plain http to ${url.hostname}: the API token travels unencrypted. Use https unless this network is trusted.`,
    );
  }
  let path = url.pathname.replace(/\/+$/, "");
  if (/\/graphql$/i.test(path)) {
    // The endpoint itself was given: requests go to `<base>/graphql`, so take the base.
    path = path.replace(/\/graphql$/i, "");
    notes.push(`Note: ${source} ends in /graphql; using ${url.origin}${path} as the base URL (requests go to ${url.origin}${path}/graphql).`);
  }
  return { base: `${url.origin}${path}`, notes };
}

/** The URL is shown with any credentials, query and fragment masked: they may hold a token. */
function invalid(source: string, raw: string, why: string, hint = "Expected a URL like https://<org>.dagster.cloud or https://dagster.cloud/<org>."): UsageError {
  const names = source === "--url" || source === "DAGSTER_CLOUD_URL" ? "--url / DAGSTER_CLOUD_URL" : source;
  return new UsageError(`Invalid URL in ${names} (${quote(redactUrl(raw), 120)}): ${why}.`, { hint });
}
