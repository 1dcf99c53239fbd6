"use client";

import { useEffect } from "react";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="grid h-full place-items-center p-6">
      <div className="max-w-sm text-center">
        <h1 className="text-md font-semibold">Something went wrong</h1>
        <p className="mt-1 text-muted">This part of Sportello failed to load. Your data is safe.</p>
        <button type="button" onClick={reset} className="btn-secondary mt-4">
          Try again
        </button>
      </div>
    </div>
  );
}
