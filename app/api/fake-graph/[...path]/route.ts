import type { NextRequest } from "next/server";
import { handleFakeGraphRequest } from "@/lib/demo/fake-graph-mount";

// The fake Graph API, mounted by the demo only (no WHATSAPP_ACCESS_TOKEN); 404 otherwise.
// `/_fake/…` (faults, customer simulator) is unauthenticated: it exists only in demo mode.
export const dynamic = "force-dynamic";

const handle = (req: NextRequest) => handleFakeGraphRequest(req);

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
