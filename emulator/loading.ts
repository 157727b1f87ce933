/**
 * How a code location goes from LOADING to LOADED, computed lazily from timestamps (no timers): a
 * location loads `loadDelayMs` after an agent started working on it, and only while that agent
 * runs. Every read settles the locations first, so what a client sees depends only on the clock.
 */
import type { EmulatorConfig } from "./config.ts";
import { importError, type PythonErrorData } from "./load-error.ts";
import { codeSourceTarget, type LocationDocument } from "./location-document.ts";

export type LoadStatus = "LOADING" | "LOADED";

export interface LocationRecord {
  deploymentId: number;
  deploymentName: string;
  locationName: string;
  document: LocationDocument;
  loadStatus: LoadStatus;
  /** Seconds: when the document was last stored, then the load time once LOADED. */
  updatedTimestamp: number;
  /** Seconds: when the document was last stored. */
  metadataTimestamp: number;
  /** Opaque; changes on every add or update of the document. */
  versionKey: string;
  /** Epoch ms since when a running agent has been loading it; null while no agent runs it. */
  loadingSince: number | null;
  /** Once LOADED: the import error when the load failed, else null. */
  loadError: PythonErrorData | null;
}

/**
 * Starts loading (a running agent and not started yet, or `restart`) or pauses it (no running
 * agent). A paused location starts over when an agent runs again.
 */
export function startOrPause(record: LocationRecord, agentRunning: boolean, now: number, restart = false): void {
  if (record.loadStatus !== "LOADING") return;
  if (!agentRunning) record.loadingSince = null;
  else if (record.loadingSince === null || restart) record.loadingSince = now;
}

/** Finishes loading when the delay has passed; the load time becomes `updatedTimestamp`. */
export function settle(record: LocationRecord, config: EmulatorConfig, now: number): void {
  if (record.loadStatus !== "LOADING" || record.loadingSince === null) return;
  const loadedAt = record.loadingSince + config.loadDelayMs;
  if (now < loadedAt) return;
  record.loadStatus = "LOADED";
  record.loadingSince = null;
  record.updatedTimestamp = loadedAt / 1000;
  const image = typeof record.document.image === "string" ? record.document.image : "";
  const fails = config.failImages.some((rule) => image.includes(rule));
  record.loadError = fails ? importError(codeSourceTarget(record.document)) : null;
}
