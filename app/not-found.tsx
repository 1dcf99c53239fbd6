import Link from "next/link";

export default function NotFound() {
  return (
    <main className="grid min-h-dvh place-items-center p-6">
      <div className="text-center">
        <p className="text-2xs font-semibold tracking-wider text-muted uppercase">404</p>
        <h1 className="mt-1 text-lg font-semibold">This page does not exist</h1>
        <p className="mt-1 text-muted">The link may be old, or the conversation was removed.</p>
        <Link href="/inbox" className="btn-secondary mt-4">
          Back to the inbox
        </Link>
      </div>
    </main>
  );
}
