import { withAuth } from "next-auth/middleware";
import { getAuthSecret } from "@/lib/env";

// Pages redirect to /login; API routes answer 401 JSON themselves, so they are not matched here.
export default withAuth({ secret: getAuthSecret(), pages: { signIn: "/login" } });

export const config = {
  matcher: ["/inbox/:path*", "/settings/:path*", "/reports/:path*"],
};
