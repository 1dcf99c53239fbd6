"use client";

import { signOutRequest } from "./auth";

let started = false;

/**
 * Ends the session once, then reloads on `to`: a full load drops every cached query of the
 * signed-out user. next-auth's own redirect is not used, since NEXTAUTH_URL may name another host.
 */
export function endSession(to = "/login"): void {
  if (started) return;
  started = true;
  void signOutRequest().finally(() => {
    window.location.assign(to);
  });
}
