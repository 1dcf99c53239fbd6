import hkdf from "@panva/hkdf";
import { jwtDecrypt, type JWTPayload } from "jose";
import { getToken, type JWT } from "next-auth/jwt";

/**
 * Reads the session cookie next-auth wrote (same cookie names, chunks, encryption and clock
 * tolerance as next-auth's own `decode`), with the encryption key derived once per secret.
 *
 * Why not `getServerSession`: on every request it derives the key with HKDF twice, decrypts the
 * token, then re-encrypts a fresh one that an App Router handler cannot even set, and runs the
 * callbacks: ≈ 1.5 ms of CPU per API call, a quarter of a list request at scale (issue 14). Our
 * sessions have a fixed end (SESSION_HOURS, checked against the database), so nothing needs the
 * sliding refresh it computes.
 */
const keys = new Map<string, Promise<Uint8Array>>();

function encryptionKey(secret: string): Promise<Uint8Array> {
  let key = keys.get(secret);
  if (!key) {
    // next-auth/jwt's getDerivedEncryptionKey with its default salt ("").
    key = hkdf("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32);
    keys.set(secret, key);
  }
  return key;
}

async function decodeSessionToken({ token, secret }: { token?: string; secret: string | Buffer }): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await encryptionKey(String(secret)), { clockTolerance: 15 });
  return payload as JWTPayload & JWT;
}

/** What our jwt callback put in the token (lib/auth/options.ts). */
export type SessionClaims = { userId: string; workspaceId: string; sessionId: string | undefined };

type CookieSource = { getAll(): { name: string; value: string }[] } | Map<string, string> | Record<string, string>;

/** The signed-in claims of a request's session cookie, or null (absent, tampered, expired). */
export async function readSessionClaims({ cookies, headers, secret }: { cookies: CookieSource; headers: Headers; secret: string }): Promise<SessionClaims | null> {
  // getToken only picks the cookie (secure prefix, chunks) and calls our decode; it swallows
  // decryption errors as null.
  const token = await getToken({ req: { cookies, headers } as unknown as Parameters<typeof getToken>[0]["req"], secret, decode: decodeSessionToken });
  if (!token || typeof token.uid !== "string" || typeof token.wid !== "string") return null;
  return { userId: token.uid, workspaceId: token.wid, sessionId: typeof token.sid === "string" ? token.sid : undefined };
}
