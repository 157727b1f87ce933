import { graphql, http, HttpResponse, type JsonBodyType } from "msw";

/** msw handlers for the Dagster+ API, named by intent (after wrangler's helpers). */
export const ORG_URL = "https://acme.dagster.cloud";
export const api = graphql.link(`${ORG_URL}/graphql`);

export interface Seen {
  headers: Headers;
  body: { query: string; variables: Record<string, unknown>; operationName: string };
}

/** Answers createOrUpdateBranchDeployment with `result`, and records what it was sent. */
export function mswCreateOrUpdate(result: Record<string, unknown>, seen: Seen[] = [], options: { once?: boolean } = {}) {
  return api.mutation(
    "CliCreateOrUpdateBranchDeployment",
    async ({ request }) => {
      seen.push({ headers: request.headers, body: (await request.json()) as unknown as Seen["body"] });
      return HttpResponse.json({ data: { createOrUpdateBranchDeployment: result } });
    },
    { once: options.once ?? false },
  );
}

export const deployment = (name = "a1b2c3", id = 7) => ({ __typename: "DagsterCloudDeployment", deploymentId: id, deploymentName: name });

/** Answers the GraphQL endpoint once with a raw HTTP response. */
export function mswRawOnce(status: number, body: JsonBodyType | string, headers: Record<string, string> = {}) {
  return http.post(
    `${ORG_URL}/graphql`,
    () =>
      typeof body === "string"
        ? new HttpResponse(body, { status, headers: { "content-type": "text/html", ...headers } })
        : HttpResponse.json(body, { status, headers }),
    { once: true },
  );
}

/** The connection drops once, before any answer. */
export function mswNetworkErrorOnce() {
  return http.post(`${ORG_URL}/graphql`, () => HttpResponse.error(), { once: true });
}
