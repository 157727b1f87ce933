import * as z from "zod/mini";
import type { Operation } from "../client.ts";

/** Reference §4.7, plus `updatedTimestamp` and `versionKey` to tell an update from the state before it. */
export const LOCATIONS: Operation<LocationsData> = {
  name: "CliLocationsQuery",
  document:
    "query CliLocationsQuery { workspaceOrError { __typename ... on Workspace { locationEntries { __typename name loadStatus updatedTimestamp versionKey locationOrLoadError { __typename ... on RepositoryLocation { name } ... on PythonError { message stack errorChain { isExplicitLink error { message stack } } } } } } ... on PythonError { message stack } } }",
  data: z.object({
    workspaceOrError: z.discriminatedUnion("__typename", [
      z.object({
        __typename: z.literal("Workspace"),
        locationEntries: z.array(
          z.object({
            __typename: z.string(),
            name: z.string(),
            loadStatus: z.enum(["LOADING", "LOADED"]),
            updatedTimestamp: z.number(),
            versionKey: z.string(),
            locationOrLoadError: z.nullable(
              z.discriminatedUnion("__typename", [
                z.object({ __typename: z.literal("RepositoryLocation"), name: z.string() }),
                z.object({
                  __typename: z.literal("PythonError"),
                  message: z.string(),
                  stack: z.array(z.string()),
                  errorChain: z.array(
                    z.object({
                      isExplicitLink: z.boolean(),
                      error: z.object({ message: z.string(), stack: z.array(z.string()) }),
                    }),
                  ),
                }),
              ]),
            ),
          }),
        ),
      }),
      z.object({ __typename: z.literal("PythonError"), message: z.string(), stack: z.array(z.string()) }),
    ]),
  }),
};

export interface LocationLoadPythonError {
  __typename: "PythonError";
  message: string;
  stack: string[];
  errorChain: { isExplicitLink: boolean; error: { message: string; stack: string[] } }[];
}

export interface LocationEntry {
  __typename: string;
  name: string;
  loadStatus: "LOADING" | "LOADED";
  /** Seconds since the epoch. */
  updatedTimestamp: number;
  versionKey: string;
  locationOrLoadError: { __typename: "RepositoryLocation"; name: string } | LocationLoadPythonError | null;
}

export interface LocationsData {
  workspaceOrError:
    | { __typename: "Workspace"; locationEntries: LocationEntry[] }
    | { __typename: "PythonError"; message: string; stack: string[] };
}
