import type { DefaultSession } from "next-auth";
import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface Session {
    user: DefaultSession["user"] & { id: string; workspaceId: string; role: Role; sid: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    wid?: string;
    role?: Role;
    sid?: string;
  }
}
