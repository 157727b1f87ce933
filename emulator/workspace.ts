/**
 * Code locations of every deployment, plus the runtime configuration (agents, load delay, failing
 * images) that drives their loading. Locations are keyed by deployment id, so a deleted and
 * re-created branch deployment starts with none.
 */
import { createHash } from "node:crypto";
import { applyPatch, type AgentMode, type ConfigPatch, type EmulatorConfig } from "./config.ts";
import { settle, startOrPause, type LocationRecord } from "./loading.ts";
import type { LocationDocument } from "./location-document.ts";

export type { LoadStatus, LocationRecord } from "./loading.ts";

/** The deployment a location belongs to. */
export interface LocationScope {
  deploymentId: number;
  deploymentName: string;
}

export class WorkspaceState {
  private readonly byDeployment = new Map<number, Map<string, LocationRecord>>();
  private current: EmulatorConfig;
  private versions = 0;

  constructor(
    private readonly now: () => number,
    private readonly initial: EmulatorConfig,
  ) {
    this.current = applyPatch(initial, {});
  }

  /** No locations; the configuration the emulator started with. */
  reset(): void {
    this.byDeployment.clear();
    this.current = applyPatch(this.initial, {});
    this.versions = 0;
  }

  config(): EmulatorConfig {
    return applyPatch(this.current, {});
  }

  /**
   * Changes the configuration. Locations still loading pause when their agent stops, start when it
   * runs again, and start their wait over when `loadDelayMs` changes.
   */
  configure(patch: ConfigPatch): EmulatorConfig {
    const now = this.now();
    this.settleAll(now);
    const delayChanged = patch.loadDelayMs !== undefined && patch.loadDelayMs !== this.current.loadDelayMs;
    this.current = applyPatch(this.current, patch);
    for (const record of this.all()) startOrPause(record, this.agentRunning(record.deploymentName), now, delayChanged);
    return this.config();
  }

  agentMode(deploymentName: string): AgentMode {
    return this.current.deploymentAgents[deploymentName] ?? this.current.agent;
  }

  agentRunning(deploymentName: string): boolean {
    return this.agentMode(deploymentName) === "running";
  }

  /** Adds the location or replaces its document; either way it is LOADING again. */
  upsert(scope: LocationScope, document: LocationDocument): LocationRecord {
    const now = this.now();
    this.settleAll(now);
    const locations = this.byDeployment.get(scope.deploymentId) ?? new Map<string, LocationRecord>();
    this.byDeployment.set(scope.deploymentId, locations);
    const name = document.location_name;
    const versionKey = createHash("sha1").update(`${scope.deploymentId}/${name}/${++this.versions}`).digest("hex").slice(0, 16);
    const record: LocationRecord = {
      ...scope,
      locationName: name,
      document: structuredClone(document),
      loadStatus: "LOADING",
      updatedTimestamp: now / 1000,
      metadataTimestamp: now / 1000,
      versionKey,
      loadingSince: null,
      loadError: null,
    };
    startOrPause(record, this.agentRunning(scope.deploymentName), now);
    locations.set(name, record);
    return record;
  }

  /** The deployment's locations, in the order they were first added, settled to now. */
  list(deploymentId: number): LocationRecord[] {
    this.settleAll(this.now());
    return [...(this.byDeployment.get(deploymentId)?.values() ?? [])];
  }

  get(deploymentId: number, name: string): LocationRecord | undefined {
    return this.list(deploymentId).find((l) => l.locationName === name);
  }

  remove(deploymentId: number, name: string): LocationRecord | undefined {
    const record = this.get(deploymentId, name);
    if (record) this.byDeployment.get(deploymentId)?.delete(name);
    return record;
  }

  /** Forgets every location of a deleted deployment. */
  removeDeployment(deploymentId: number): void {
    this.byDeployment.delete(deploymentId);
  }

  private all(): LocationRecord[] {
    return [...this.byDeployment.values()].flatMap((locations) => [...locations.values()]);
  }

  private settleAll(now: number): void {
    for (const record of this.all()) settle(record, this.current, now);
  }
}
