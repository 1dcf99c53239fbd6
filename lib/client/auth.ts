// Sign-in and sign-out against next-auth's own endpoints (/api/auth/*), as next-auth/react's
// signIn("credentials", { redirect: false }) and signOut({ redirect: false }) call them, without
// that package in the browser: it brings a Babel runtime and a session poller the app never used
// (≈ 11 KiB gzip on every page; issue 14). The server side (lib/auth/options.ts) is unchanged.

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { cache: "no-store" });
  if (!res.ok) throw new Error(`csrf: ${res.status}`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

export type SignInResult = { ok: boolean; status: number; error: string | null };

/** The credentials callback; `error` is next-auth's code ("CredentialsSignin", "RateLimited"…) or null. */
export async function signInWithCredentials(email: string, password: string): Promise<SignInResult> {
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: FORM,
    body: new URLSearchParams({ email, password, csrfToken: await csrfToken(), callbackUrl: window.location.href, json: "true" }),
  });
  const data = (await res.json()) as { url?: string };
  const error = data.url ? new URL(data.url, window.location.href).searchParams.get("error") : "Unknown";
  return { ok: res.ok && !error, status: res.status, error };
}

/** Ends the session on the server (next-auth's signOut event revokes it in the database). */
export async function signOutRequest(): Promise<void> {
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: FORM,
    body: new URLSearchParams({ csrfToken: await csrfToken(), callbackUrl: window.location.href, json: "true" }),
  });
}
