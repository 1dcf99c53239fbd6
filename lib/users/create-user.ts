import { randomBytes } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import { ROLES } from "@/lib/auth/permissions";
import { users, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError, zodFieldErrors } from "@/lib/errors/app-error";

export const DEFAULT_WORKSPACE_NAME = "My workspace";
export const MIN_PASSWORD_LENGTH = 8;

export const createUserInputSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address." })),
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(", ")}.` }),
  name: z.string().trim().min(1, "Name cannot be empty.").max(120).optional(),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(72, "Password must be at most 72 characters (bcrypt ignores the rest).")
    .optional(),
  /** Workspace to add the user to; required only when several exist. Created when none exists. */
  workspace: z.string().trim().min(1, "Workspace name cannot be empty.").max(120).optional(),
});

export type CreateUserInput = z.input<typeof createUserInputSchema>;

export interface CreateUserResult {
  user: { id: string; email: string; name: string; role: (typeof ROLES)[number]; workspaceId: string };
  workspace: { id: string; name: string; created: boolean };
  /** Set only when no password was given: show it once, it is not stored anywhere in clear. */
  generatedPassword: string | null;
}

/** A random password that is easy to copy: 24 URL-safe characters, ~143 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

/** "maria.rossi@x.it" → "Maria Rossi". */
export function nameFromEmail(email: string): string {
  const local = email.split("@")[0] ?? email;
  const words = local.split(/[._+-]+/).filter(Boolean);
  if (words.length === 0) return email;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
}


function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Creates a user in the named workspace, or in the only one; with no workspace at all, creates
 * one first. Emails are unique across workspaces (sign-in is by email alone), case-insensitively.
 * Throws AppError: validation_failed, conflict (duplicate email), not_found / bad_request (workspace).
 */
export async function createUser(db: Db, input: CreateUserInput): Promise<CreateUserResult> {
  const parsed = createUserInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = zodFieldErrors(parsed.error);
    const message = Object.entries(fields)
      .map(([k, v]) => `${k}: ${v.join(" ")}`)
      .join("; ");
    throw new AppError("validation_failed", message, fields);
  }
  const { email, role, workspace: workspaceName } = parsed.data;
  const name = parsed.data.name ?? nameFromEmail(email);
  const generatedPassword = parsed.data.password ? null : generatePassword();
  const passwordHash = await hashPassword(parsed.data.password ?? (generatedPassword as string));

  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email))
        .limit(1);
      if (taken) throw new AppError("conflict", `A user with email ${email} already exists.`, { email: ["Already in use."] });

      // The demo workspace is joined only by naming it: a real admin never lands there by default.
      const all = await tx
        .select({ id: workspaces.id, name: workspaces.name, demo: workspaces.demo })
        .from(workspaces)
        .orderBy(asc(workspaces.createdAt));
      const real = all.filter((w) => !w.demo);
      let workspace: { id: string; name: string; created: boolean };
      if (all.length === 0 || (real.length === 0 && workspaceName === undefined)) {
        const [created] = await tx
          .insert(workspaces)
          .values({ name: workspaceName ?? DEFAULT_WORKSPACE_NAME, verifiedName: workspaceName ?? DEFAULT_WORKSPACE_NAME })
          .returning({ id: workspaces.id, name: workspaces.name });
        if (!created) throw new AppError("internal", "Could not create the workspace.");
        workspace = { ...created, created: true };
      } else if (workspaceName !== undefined) {
        const exact = all.filter((w) => w.name === workspaceName);
        const loose = all.filter((w) => w.name.toLowerCase() === workspaceName.toLowerCase());
        const match = exact.length > 0 ? exact : loose;
        if (match.length === 0) {
          throw new AppError(
            "not_found",
            `Workspace "${workspaceName}" not found. Existing: ${all.map((w) => `"${w.name}"`).join(", ")}.`,
            { workspace: ["Unknown workspace."] },
          );
        }
        if (match.length > 1) {
          throw new AppError("bad_request", `Several workspaces are named "${workspaceName}".`, {
            workspace: ["Ambiguous workspace name."],
          });
        }
        workspace = { ...(match[0] as { id: string; name: string }), created: false };
      } else if (real.length === 1) {
        workspace = { ...(real[0] as { id: string; name: string }), created: false };
      } else {
        throw new AppError(
          "bad_request",
          `Several workspaces exist; choose one with --workspace: ${real.map((w) => `"${w.name}"`).join(", ")}.`,
          { workspace: ["Required when several workspaces exist."] },
        );
      }

      const [user] = await tx
        .insert(users)
        .values({ workspaceId: workspace.id, email, name, role, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name, role: users.role, workspaceId: users.workspaceId });
      if (!user) throw new AppError("internal", "Could not create the user.");
      return { user, workspace, generatedPassword };
    });
  } catch (err) {
    // Two concurrent creates of the same address: the unique index decides.
    if (!(err instanceof AppError) && isUniqueViolation(err)) {
      throw new AppError("conflict", `A user with email ${email} already exists.`, { email: ["Already in use."] });
    }
    throw err;
  }
}
