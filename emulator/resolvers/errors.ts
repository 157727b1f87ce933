/** The error members of result unions (`PythonError`, `UnauthorizedError`, ...). */
import type { Member } from "./types.ts";

export function pythonError(message: string, className = "Exception"): Member {
  return {
    __typename: "PythonError",
    message,
    className,
    stack: ['  File "dagster_cloud/emulator.py", line 1, in resolve\n'],
    cause: null,
    causes: [],
    errorChain: [],
  };
}

/**
 * Any `... implements Error` member by typename; PythonError gets its extra fields and
 * InvalidLocationError its `errors` (default: the message alone).
 */
export function errorMember(typename: string, message: string, errors?: readonly string[]): Member {
  if (typename === "PythonError") return pythonError(message);
  if (typename === "InvalidLocationError") return { __typename: typename, message, errors: [...(errors ?? [message])] };
  return { __typename: typename, message };
}

export function deploymentNotFound(what: string): Member {
  return errorMember("DeploymentNotFoundError", `Deployment ${what} not found`);
}
