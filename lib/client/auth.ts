// Sign-out against next-auth's own endpoint (/api/auth/signout), as next-auth/react's
// signOut({ redirect: false }) calls it, without that package in the browser: it brings a Babel
// runtime and a session poller the app never used (≈ 11 KiB gzip on every page; issue 14).
// Signing in needs no script: the /login form posts to app/login/route.ts.

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { cache: "no-store" });
  if (!res.ok) throw new Error(`csrf: ${res.status}`);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Ends the session on the server (next-auth's signOut event revokes it in the database). */
export async function signOutRequest(): Promise<void> {
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: FORM,
    body: new URLSearchParams({ csrfToken: await csrfToken(), callbackUrl: window.location.href, json: "true" }),
  });
}
