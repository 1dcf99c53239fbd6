import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { setAvailability } from "@/lib/assignment/availability";
import { availabilitySchema } from "@/lib/assignment/schemas";

export const dynamic = "force-dynamic";

export const PUT = apiRoute("profile:update", async ({ actor, db, req }) => {
  const input = parseWith(availabilitySchema, await readJson(req));
  return setAvailability(db, actor, input);
});
