import "server-only";
import { getDatabase } from "./client";

/** Whether this process's database answers `select 1` within `timeoutMs` (the health route). */
export async function checkDatabase(timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = getDatabase()
    .then((database) => database.query("select 1"))
    .then(() => true as const, () => false as const);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
