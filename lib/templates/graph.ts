import "server-only";
import { getWhatsAppConfig } from "@/lib/env";
import type { TemplateGraph } from "./sync";

/** The Graph API as configured (the fake mounted in the app, in the demo). */
export function configuredTemplateGraph(): TemplateGraph {
  const { accessToken, graphUrl, apiVersion } = getWhatsAppConfig();
  return { auth: { accessToken, graphUrl, apiVersion } };
}
