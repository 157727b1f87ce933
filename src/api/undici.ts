// Only the parts of undici this CLI uses: ProxyAgent and the dispatcher API (request, connect).
// Importing them by path keeps fetch, WebSocket, caching and mocks out of the bundle (about 320 KB
// instead of 535 KB minified). The paths are undici 7's, pinned in package.json; the network tests
// exercise them through a real proxy.
import api from "undici/lib/api/index.js";
import Dispatcher from "undici/lib/dispatcher/dispatcher.js";
import ProxyAgent from "undici/lib/dispatcher/proxy-agent.js";

// What undici's own index.js does: every dispatcher gets request(), connect() and the rest.
Object.assign(Dispatcher.prototype, api);

export { ProxyAgent };
