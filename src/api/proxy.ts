/**
 * Which proxy, if any, a request goes through, as Python `requests` decides it: `https_proxy` for
 * https targets and `http_proxy` for http ones (no cross-fallback), then `all_proxy`; lower-case
 * names win over upper-case; `no_proxy` lists hosts, domain suffixes (`example.com` and
 * `.example.com` both cover `api.example.com`), `host:port`, IPv4 addresses and CIDR ranges, or `*`.
 */
export function proxyFor(target: URL, env: Record<string, string | undefined>): string | undefined {
  const get = (name: string): string | undefined => env[name] || env[name.toUpperCase()] || undefined;
  const scheme = target.protocol.slice(0, -1);
  const proxy = get(`${scheme}_proxy`) ?? get("all_proxy");
  if (!proxy) return undefined;
  if (bypasses(target, get("no_proxy") ?? "")) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function bypasses(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = target.port || (target.protocol === "https:" ? "443" : "80");
  for (const raw of noProxy.replace(/\s+/g, "").toLowerCase().split(",")) {
    if (!raw) continue;
    if (raw === "*") return true;
    if (raw.includes("/") ? inCidr(host, raw) : matchesHost(host, port, raw)) return true;
  }
  return false;
}

function matchesHost(host: string, port: string, entry: string): boolean {
  const portMatch = /^(.*):(\d+)$/.exec(entry);
  const name = (portMatch ? portMatch[1]! : entry).replace(/^\*?\./, "");
  if (portMatch && portMatch[2] !== port) return false;
  return host === name || host.endsWith(`.${name}`);
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  const address = ipv4(host);
  const network = ipv4(base ?? "");
  if (address === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((address & mask) >>> 0) === ((network & mask) >>> 0);
}

function ipv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
}
