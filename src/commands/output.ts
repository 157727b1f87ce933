import { Option, type Command } from "commander";
import type { Operation } from "../api/client.ts";
import type { IO } from "../io.ts";
import { oneLine } from "../text.ts";
import { OUTPUT_GROUP } from "./options.ts";

/** `--json`: the result as one JSON document on stdout instead of the plain result. */
export function jsonOption(command: Command): void {
  command.addOption(new Option("--json", "Print the result as JSON on stdout (errors stay on stderr).").helpGroup(OUTPUT_GROUP));
}

/** `--dry-run`: resolve and check everything, send no change, show the request that would be sent. */
export function dryRunOption(command: Command, what = "the change"): void {
  command.addOption(new Option("--dry-run", `Check everything and show the request, without sending ${what}.`).helpGroup(OUTPUT_GROUP));
}

// JSON.stringify leaves these raw; escaped, the JSON means the same and cannot drive a terminal.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Indented JSON and a newline, every character a terminal might act on escaped. */
export function safeJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${json}\n`;
}

/** One JSON document and a newline on stdout: the result, written once, last. */
export function printJson(io: IO, value: unknown): void {
  io.out(safeJson(value));
}

export interface PlannedRequest {
  /** The GraphQL endpoint. */
  url: string;
  operation: Operation<unknown>;
  variables: Record<string, unknown>;
}

/**
 * What --dry-run shows instead of sending: on stderr for people; with --json, on stdout too. The
 * token is in neither (it travels in a header, never in variables; the IO masks it regardless).
 */
export function showDryRun(io: IO, request: PlannedRequest, json: boolean): void {
  io.err(`Dry run: would send ${request.operation.name} to ${oneLine(request.url, 300)} with variables:\n${safeJson(request.variables)}`);
  if (json) printJson(io, { dryRun: true, url: request.url, operationName: request.operation.name, variables: request.variables });
}
