export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getAuthSecret } = await import("@/lib/env");
  try {
    getAuthSecret();
  } catch (err) {
    // Refuse to serve with a guessable JWT secret: fail the start, loudly.
    console.error(`[sportello] ${(err as Error).message}`);
    process.exit(1);
  }
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { startBackgroundWork } = await import("@/lib/background/start");
    startBackgroundWork();
  }
}
