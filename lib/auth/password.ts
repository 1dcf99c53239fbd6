import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so a miss costs as long as a hit.
export const DUMMY_HASH = "$2b$10$hPYilL.TwjsQJyBESJL2d.5R6RRjOxjJKvuJp8qsCZ7t8ukvBBL0O";
