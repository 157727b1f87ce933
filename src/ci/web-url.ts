/**
 * Web URLs read from CI variables (a project URL, a PR link) before we build links on them: http(s)
 * only, credentials, query and fragment dropped, no trailing slash.
 */

/**
 * The cleaned URL, or undefined when `raw` is not an http(s) URL. `upgradeHttp` turns `http://` into
 * `https://`, for providers that are known to serve https but hand out http (Bitbucket's
 * `BITBUCKET_GIT_HTTP_ORIGIN`).
 */
export function webUrl(raw: string, options: { upgradeHttp?: boolean } = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.hostname === "") return undefined;
  if (options.upgradeHttp === true) url.protocol = "https:";
  url.username = "";
  url.password = "";
  url.search = "";
  url.hash = "";
  return url.href.replace(/\/+$/, "");
}
