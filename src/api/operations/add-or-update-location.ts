import * as z from "zod/mini";
import type { Operation } from "../client.ts";
import { errorMember } from "../result-errors.ts";

/** Reference §4.4. `InvalidLocationError` lists each problem with the document. */
export const ADD_OR_UPDATE_LOCATION: Operation<AddOrUpdateLocationData> = {
  name: "CliAddOrUpdateLocation",
  document: `mutation CliAddOrUpdateLocation($document: GenericScalar!) {
  addOrUpdateLocationFromDocument(document: $document) {
    __typename
    ... on WorkspaceEntry { locationName }
    ... on PythonError { message stack }
    ... on InvalidLocationError { errors }
    ... on UnauthorizedError { message }
  }
}`,
  data: z.object({
    addOrUpdateLocationFromDocument: z.union([
      z.object({ __typename: z.literal("WorkspaceEntry"), locationName: z.string() }),
      z.object({ __typename: z.literal("InvalidLocationError"), errors: z.array(z.nullable(z.string())) }),
      errorMember,
    ]),
  }),
};

export interface AddOrUpdateLocationData {
  addOrUpdateLocationFromDocument:
    | { __typename: "WorkspaceEntry"; locationName: string }
    | { __typename: "InvalidLocationError"; errors: (string | null)[] }
    | z.infer<typeof errorMember>;
}
