import { errorResponse } from "@/lib/http/route";
import { domainError } from "@/lib/errors/app-error";

// Any /api path no route claims answers the JSON error shape (an HTML 404 page is no answer for an API client).
export const dynamic = "force-dynamic";

const unknownRoute = async (req: Request) =>
  errorResponse(domainError("not_found", "api.unknown_route", `No API route ${new URL(req.url).pathname}.`, { path: new URL(req.url).pathname.slice(0, 200) }));

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
export const HEAD = unknownRoute;
export const OPTIONS = unknownRoute;
