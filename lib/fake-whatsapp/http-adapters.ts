// Turning the fake's simulated network faults into something a real HTTP server can do.
import { NetworkFault } from "@/lib/fake-whatsapp/engine";

/**
 * "network" (connection refused: the request never arrived) cannot be imitated by a server that
 * already accepted the connection; a 503 has the same meaning for the client (safe to retry).
 * "drop_response" (accepted, then the connection broke) becomes a 200 whose body breaks off,
 * which a client cannot tell apart from a reset after the request was processed.
 */
export function faultResponse(err: unknown): Response | null {
  if (!(err instanceof NetworkFault)) return null;
  if (err.errno === "ECONNREFUSED") {
    return Response.json({ error: { message: "Service temporarily unavailable", type: "OAuthException", code: 2 } }, { status: 503 });
  }
  const broken = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"messaging_product":"whatsapp","contacts":['));
      controller.error(new Error("connection reset by the fake"));
    },
  });
  return new Response(broken, { status: 200, headers: { "Content-Type": "application/json" } });
}
