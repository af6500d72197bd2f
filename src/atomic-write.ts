/**
 * The one way this project replaces a file: write a temporary file beside it, flush it to disk,
 * rename it over the target, then flush the directory. A reader sees the old file or the new one,
 * never a half-written one, and after a crash or power loss the new file is there or the old one is.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let writes = 0;

/** Replaces `path` with `data` atomically and durably, creating its directory if needed. */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  // Unique per process and per call, so concurrent writes of one path never share a temporary file.
  const partial = join(directory, `.${basename(path)}.${process.pid}.${writes++}.partial`);
  try {
    const file = await open(partial, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await syncDirectory(directory);
}

/** The rename is durable once the directory entry is on disk. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
