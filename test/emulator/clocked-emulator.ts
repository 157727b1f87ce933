import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/server.ts";
import type { Answer } from "./client.ts";
import { addLocation, locationEntries, type LocationEntry } from "./documents.ts";

export const T0 = 1_700_000_000_000;

/**
 * An emulator whose clock the test sets (`at(ms)` = T0 + ms), reset before each test, with the two
 * location calls most tests make.
 */
export function useClockedEmulator() {
  let clock = T0;
  const fixture = {
    emulator: undefined as unknown as Emulator,
    at: (ms: number): void => {
      clock = T0 + ms;
    },
    add: (document: unknown, headers: Record<string, string> = {}, base?: string): Promise<Answer> =>
      addLocation(base ?? fixture.emulator.url, document, headers),
    entries: (headers: Record<string, string> = {}, base?: string): Promise<LocationEntry[]> =>
      locationEntries(base ?? fixture.emulator.url, headers),
  };
  beforeAll(async () => {
    fixture.emulator = await startEmulator({ now: () => clock });
  });
  afterAll(() => fixture.emulator.close());
  beforeEach(() => {
    fixture.emulator.reset();
    clock = T0;
  });
  return fixture;
}
