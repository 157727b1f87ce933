import { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * An msw server that is strict both ways: a request no handler matches fails the request (and the
 * test), and a handler no request used fails the test.
 */
export function strictMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    const unused = server
      .listHandlers()
      .filter((handler): handler is RequestHandler => handler instanceof RequestHandler && !handler.isUsed);
    server.resetHandlers();
    if (unused.length > 0) {
      throw new Error(`msw handlers never used: ${unused.map((h) => h.info.header).join(", ")}`);
    }
  });
  afterAll(() => server.close());
  return server;
}
