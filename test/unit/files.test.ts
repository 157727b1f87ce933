import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileRejected, MAX_FILE_BYTES, readTextFile } from "../../src/files.ts";

let dir: string;
let socket: Server;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "files-test-"));
  writeFileSync(join(dir, "config"), "organization: acme\n");
  symlinkSync(join(dir, "config"), join(dir, "link-to-config"));
  symlinkSync("/dev/zero", join(dir, "link-to-zero"));
  execFileSync("mkfifo", [join(dir, "fifo")]);
  mkdirSync(join(dir, "directory"));
  writeFileSync(join(dir, "at-limit"), "");
  truncateSync(join(dir, "at-limit"), MAX_FILE_BYTES); // sparse: reads as zero bytes, costs no disk
  writeFileSync(join(dir, "over-limit"), "");
  truncateSync(join(dir, "over-limit"), MAX_FILE_BYTES + 1);
  writeFileSync(join(dir, "latin1"), Buffer.from([0x6f, 0x72, 0x67, 0x3a, 0x20, 0xe9, 0x0a])); // "org: é" in Latin-1
  writeFileSync(join(dir, "bom"), "\ufefforganization: acme\n");
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(join(dir, "socket"), resolve));
});
afterAll(async () => {
  await new Promise((resolve) => socket.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** The reason of the FileRejected that reading `path` throws; fails the test if it reads. */
async function rejection(path: string): Promise<string> {
  const error: unknown = await readTextFile(path).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FileRejected);
  expect((error as FileRejected).path).toBe(path);
  return (error as FileRejected).reason;
}

describe("readTextFile", () => {
  it("reads a regular file, and one through a symlink", async () => {
    expect(await readTextFile(join(dir, "config"))).toBe("organization: acme\n");
    expect(await readTextFile(join(dir, "link-to-config"))).toBe("organization: acme\n");
  });

  it("gives undefined for a path that does not exist, as Deps.readFile does", async () => {
    expect(await readTextFile(join(dir, "missing"))).toBeUndefined();
  });

  it("reads a file whose size stat does not tell (/proc)", async () => {
    expect(await readTextFile("/proc/self/status")).toMatch(/^Name:/);
  });

  it("reads a file of exactly the limit, drops a byte-order mark", async () => {
    expect((await readTextFile(join(dir, "at-limit")))?.length).toBe(MAX_FILE_BYTES);
    expect(await readTextFile(join(dir, "bom"))).toBe("organization: acme\n");
  });

  it.each([
    ["/dev/zero", "is a character device, not a regular file"],
    ["link-to-zero", "is a character device, not a regular file"],
    ["fifo", "is a FIFO (named pipe), not a regular file"],
    ["directory", "is a directory, not a regular file"],
    ["socket", "is a socket, not a regular file"],
    ["over-limit", "is larger than 4 MiB: a config or location file is a few KB"],
    ["latin1", "is not UTF-8 text"],
  ])("rejects %s at once: %s", async (name, reason) => {
    const started = Date.now();
    expect(await rejection(name.startsWith("/") ? name : join(dir, name))).toBe(reason);
    expect(Date.now() - started).toBeLessThan(2000); // a FIFO must not block until a writer comes
  });

  it.skipIf(process.getuid?.() === 0)("passes other errors on (permission denied; not as root, who reads anything)", async () => {
    writeFileSync(join(dir, "secret"), "x", { mode: 0o000 });
    await expect(readTextFile(join(dir, "secret"))).rejects.toMatchObject({ code: "EACCES" });
  });
});
