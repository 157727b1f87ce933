import * as z from "zod/mini";
import { ApiError } from "../errors.ts";
import { oneLine } from "../text.ts";

/** The error members of Dagster+ result unions; each carries a `message`. */
export const ERROR_TYPENAMES = [
  "PythonError",
  "UnauthorizedError",
  "DeploymentNotFoundError",
  "DuplicateDeploymentError",
  "DeploymentLimitError",
  "DeleteFinalDeploymentError",
] as const;

export type ErrorTypename = (typeof ERROR_TYPENAMES)[number];

export const errorMember = z.object({
  __typename: z.enum(ERROR_TYPENAMES),
  message: z.string(),
});

export type ErrorMember = z.infer<typeof errorMember>;

const DEFAULT_HINTS: Record<ErrorTypename, string> = {
  PythonError: "This failed inside Dagster+; try again, and contact Dagster+ support if it persists.",
  UnauthorizedError: "The API token lacks the permission for this; use a token with Editor or Admin rights.",
  DeploymentNotFoundError: "Check the deployment name.",
  DuplicateDeploymentError: "A deployment with this name exists already.",
  DeploymentLimitError: "Delete branch deployments you no longer need, or ask Dagster+ to raise the limit.",
  DeleteFinalDeploymentError: "An organization keeps at least one full deployment.",
};

/** Turns an error member of a result union into an ApiError that carries the server's message, on one line. */
export function throwErrorMember(
  member: ErrorMember,
  action: string,
  hints: Partial<Record<ErrorTypename, string>> = {},
): never {
  throw new ApiError(`Dagster+ could not ${action}: ${oneLine(member.message)} (${member.__typename}).`, {
    hint: hints[member.__typename] ?? DEFAULT_HINTS[member.__typename],
  });
}

export function isErrorMember<T extends { __typename: string }>(
  result: T | ErrorMember,
): result is ErrorMember {
  return (ERROR_TYPENAMES as readonly string[]).includes(result.__typename);
}
