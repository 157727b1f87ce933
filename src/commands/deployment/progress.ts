import { formatSeconds } from "../../api/transport.ts";
import type { IO } from "../../io.ts";
import { oneLine } from "../../text.ts";

/**
 * What the wait reports: a live line (redrawn with `\r` and ESC[2K) on a terminal that can take it
 * (`io.live`: a TTY whose TERM is not `dumb`), a plain line about every 10 s elsewhere.
 */
export interface Progress {
  /** After each poll: what is awaited now, e.g. `LOADING`. */
  status(text: string): void;
  /** Sleeps `ms`; on a terminal, in steps of at most a second so the elapsed time keeps moving. */
  pause(ms: number): Promise<void>;
  /** Removes the live line, if one is shown; call before any final message. */
  clear(): void;
}

export interface ProgressClock {
  /** Milliseconds since the wait started. */
  elapsed(): number;
  sleep(ms: number): Promise<void>;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const CLEAR_LINE = "\r\x1b[2K";
const PLAIN_EVERY_MS = 10_000;
const TICK_MS = 1000;

export function createProgress(
  io: IO,
  clock: ProgressClock,
  locationName: string,
  deploymentName: string | undefined,
  initialStatus: string,
): Progress {
  let current = initialStatus;
  // Names come from files and flags: one line each, control characters escaped.
  const location = oneLine(locationName, 100);
  const deployment = deploymentName === undefined ? undefined : oneLine(deploymentName, 100);
  return io.live ? live() : plain();

  function live(): Progress {
    let frame = 0;
    let shown = false;
    const draw = (): void => {
      const spinner = io.style.cyan(FRAMES[frame++ % FRAMES.length] ?? "");
      io.err(`${CLEAR_LINE}${spinner} Waiting for location ${location} to load: ${current} (${formatSeconds(clock.elapsed())})`);
      shown = true;
    };
    draw();
    return {
      status(text) {
        current = text;
        draw();
      },
      async pause(ms) {
        for (let left = ms; left > 0; left -= TICK_MS) {
          await clock.sleep(Math.min(left, TICK_MS));
          if (left > TICK_MS) draw(); // the poll that follows the last step draws
        }
      },
      clear() {
        if (shown) io.err(CLEAR_LINE);
        shown = false;
      },
    };
  }

  function plain(): Progress {
    const where = deployment === undefined ? "" : ` in deployment ${deployment}`;
    io.err(`Waiting for the agent to load location ${location}${where}...\n`);
    let next = PLAIN_EVERY_MS;
    return {
      status(text) {
        current = text;
        const elapsed = clock.elapsed();
        if (elapsed < next) return;
        io.err(`Still waiting for location ${location} after ${formatSeconds(elapsed)}: ${current}.\n`);
        next = (Math.floor(elapsed / PLAIN_EVERY_MS) + 1) * PLAIN_EVERY_MS;
      },
      pause: (ms) => clock.sleep(ms),
      clear() {},
    };
  }
}
