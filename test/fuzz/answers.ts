/**
 * What the fake Dagster+ can do instead of answering normally: HTTP errors and redirects with odd
 * `Retry-After`, maintenance answers with odd numbers, GraphQL `errors` of every shape, bodies that
 * are not JSON (empty, HTML, truncated, large), dropped connections, error members of result unions
 * and names that are not names. Server text may echo the token it was sent (`{{token}}`).
 */
import fc from "fast-check";
import { RESULT_TYPENAMES, type ResultFault } from "../../emulator/faults.ts";
import type { AgentMode } from "../../emulator/config.ts";
import type { ServerPlan } from "./fake-server.ts";
import { HOSTILE, hostileText } from "./strings.ts";

export type Misbehaviour =
  /** Answer this request normally (so that later misbehaviours meet later requests: polls, retries). */
  | { kind: "pass" }
  /** Names (or, with `texts`, only messages and tracebacks) in the answer replaced by these. */
  | { kind: "rename"; names: string[]; texts: boolean }
  | ResultFault
  | { kind: "connection"; message: string; timedOut: boolean; afterSend: boolean; permanent: boolean }
  | { kind: "too-large" }
  | { kind: "http"; status: number; statusText: string; headers: Record<string, string | undefined>; body: string };

/** Server text: hostile, or echoing the token it was sent, in the forms a server might. */
export const message = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom("{{token}}", "bad token {{token}}", "?token={{token-url}}", 'token "{{token-json}}"', "::add-mask::{{token}}") },
  { weight: 1, arbitrary: hostileText.map((text) => `${text} {{token}} ${text}`) },
  // The token where a message is cut short (oneLine's limits, minus a little): a prefix must not show.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(60, 100, 160, 200, 300, 600, 1000), fc.integer({ min: 0, max: 30 })).map(([max, k]) => `${"x".repeat(max - k)}{{token}}`) },
);

const oddNumber = fc.constantFrom<unknown>(-1, 0, 0.001, 1, 5, 30, 1e9, 1e308, -1e308, 2 ** 31, 2 ** 53, "30", null, true, {}, []);

const errorsValue = fc.oneof(
  fc.array(fc.record({ message, path: fc.constant(["x"]) }, { requiredKeys: [] }), { maxLength: 6 }),
  message,
  fc.constantFrom<unknown>({}, 5, null, [], [null], [5], [{ message: 5 }]),
);

const jsonBody = fc.oneof(
  errorsValue.map((errors) => ({ errors })),
  errorsValue.map((errors) => ({ errors, data: { deploymentName: "x" } })),
  fc.record({ message: fc.option(message, { nil: undefined }), timeout: oddNumber, retry_interval: oddNumber }).map((maintenance) => ({ maintenance })),
  fc.constantFrom<unknown>({ data: null }, { data: {} }, {}, [], null, 0, "data", { data: { createOrUpdateBranchDeployment: null } }),
  message.map((error) => ({ error })),
);

const body = fc.oneof(
  { weight: 4, arbitrary: jsonBody.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.constantFrom("", "<html><body>Sign in</body></html>", '{"data":', "\u0000\u0001", "{{token}}") },
  { weight: 1, arbitrary: message },
  // Large but within the transport's cap: the client must still answer with one short line.
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 2_000_000 }).map((n) => `{"errors":[{"message":"${"m".repeat(n)}"}]}`) },
);

export const httpAnswer = fc.record({
  kind: fc.constant("http" as const),
  status: fc.constantFrom(200, 200, 200, 201, 204, 301, 302, 400, 401, 403, 404, 405, 407, 409, 418, 429, 500, 502, 503, 504, 0, 999),
  statusText: fc.oneof(fc.constant(""), message),
  headers: fc.record(
    {
      "content-type": fc.oneof(fc.constantFrom("application/json", "text/html", "text/plain; charset=utf-8"), hostileText),
      "retry-after": fc.oneof(fc.constantFrom("0", "1", "-1", "1.5", "1e309", "99999999999", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", ""), hostileText),
      location: fc.constantFrom("https://login.example.com/", "http://127.0.0.1:9/"),
    },
    { requiredKeys: [] },
  ),
  body,
});

export const misbehaviour: fc.Arbitrary<Misbehaviour> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: "pass" as const }) },
  { weight: 5, arbitrary: httpAnswer },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("rename" as const), names: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), hostileText), { minLength: 1, maxLength: 3 }), texts: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("result" as const),
      typename: fc.constantFrom(...RESULT_TYPENAMES),
      message,
      errors: fc.option(fc.array(message, { maxLength: 5 }), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("connection" as const), message, timedOut: fc.boolean(), afterSend: fc.boolean(), permanent: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "too-large" as const }) },
);

export const serverPlanArb: fc.Arbitrary<ServerPlan> = fc.record({
  agent: fc.constantFrom<AgentMode>("running", "running", "running", "running", "running", "running", "none", "not-running"),
  loadDelayMs: fc.constantFrom(0, 300, 5_000, 60_000),
  script: fc.oneof({ weight: 1, arbitrary: fc.constant<Misbehaviour[]>([]) }, { weight: 1, arbitrary: fc.array(misbehaviour, { minLength: 1, maxLength: 4 }) }),
  // One run in ten: an endless outage, which the retry, maintenance and load limits must end.
  sticky: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  extraBranches: fc.array(fc.oneof(fc.constantFrom("fix/typo", "dependabot/npm/x"), fc.constantFrom(...HOSTILE)), { maxLength: 3 }),
});
