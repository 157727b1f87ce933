/**
 * Reads the small text files the CLI takes from users (config files, --location-file) without
 * trusting what the path points at: `/dev/zero` would grow without end, a FIFO would block for
 * ever, a directory or socket is a mistake. Only regular files (symlinks to them are fine) of at
 * most MAX_FILE_BYTES are read.
 */
import { constants, close, fstat, open, read, stat, type Stats } from "node:fs";

/** Config and location files are a few KB; 4 MiB leaves room for generated ones and bounds memory. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** The path exists but is not something we read: `reason` completes "<file> ...". */
export class FileRejected extends Error {
  override name = "FileRejected";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
  }
}

/** A file's text (UTF-8), or undefined when it does not exist; throws FileRejected or the OS error. */
export async function readTextFile(path: string): Promise<string | undefined> {
  // stat first, so that a device or FIFO is not even opened; fstat below is what counts (races).
  const before = await call<Stats>((done) => stat(path, done)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (before === undefined) return undefined;
  checkKind(path, before);
  // O_NONBLOCK: should the path turn into a FIFO after the stat, open() still returns at once.
  const fd = await call<number>((done) => open(path, constants.O_RDONLY | constants.O_NONBLOCK, done));
  try {
    const stats = await call<Stats>((done) => fstat(fd, done));
    checkKind(path, stats);
    if (stats.size > MAX_FILE_BYTES) throw new FileRejected(path, TOO_LARGE);
    return decode(path, await readAtMost(path, fd, stats.size));
  } finally {
    close(fd, () => undefined);
  }
}

const TOO_LARGE = `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: a config or location file is a few KB`;

function checkKind(path: string, stats: Stats): void {
  if (stats.isFile()) return;
  const kind = stats.isDirectory()
    ? "a directory"
    : stats.isFIFO()
      ? "a FIFO (named pipe)"
      : stats.isCharacterDevice()
        ? "a character device"
        : stats.isBlockDevice()
          ? "a block device"
          : stats.isSocket()
            ? "a socket"
            : "not a file";
  throw new FileRejected(path, `is ${kind}, not a regular file`);
}

/** Reads to the end, never more than MAX_FILE_BYTES + 1 bytes (the size may change, or lie: /proc). */
async function readAtMost(path: string, fd: number, size: number): Promise<Buffer> {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(size + 1, 64 * 1024), MAX_FILE_BYTES + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > MAX_FILE_BYTES) throw new FileRejected(path, TOO_LARGE);
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const target = buffer;
    const count = await call<number>((done) => read(fd, target, length, target.length - length, null, done));
    if (count === 0) return buffer.subarray(0, length);
    length += count;
  }
}

function decode(path: string, bytes: Buffer): string {
  try {
    // fatal: bytes that are not UTF-8 would otherwise become U+FFFD silently. The BOM is dropped.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new FileRejected(path, "is not UTF-8 text");
  }
}

/** node:fs callbacks, not node:fs/promises: the latter costs a few ms of start-up in every process. */
function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}
