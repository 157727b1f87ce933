import * as z from "zod/mini";
import type { Operation } from "../client.ts";
import { errorMember } from "../result-errors.ts";

/** Reference §4.9. */
export const DELETE_LOCATION: Operation<DeleteLocationData> = {
  name: "CliDeleteLocation",
  document: `mutation CliDeleteLocation($locationName: String!) {
  deleteLocation(locationName: $locationName) {
    __typename
    ... on DeleteLocationSuccess { locationName }
    ... on PythonError { message stack }
    ... on UnauthorizedError { message }
  }
}`,
  data: z.object({
    deleteLocation: z.union([z.object({ __typename: z.literal("DeleteLocationSuccess"), locationName: z.string() }), errorMember]),
  }),
};

export interface DeleteLocationData {
  deleteLocation: { __typename: "DeleteLocationSuccess"; locationName: string } | z.infer<typeof errorMember>;
}
