"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Report } from "@/lib/reports/report";
import { api } from "./api";
import { queryKeys } from "./query-keys";
import { reportUrl, type ReportParams } from "./report-params";

export type { Report };

/** The report of a range; the previous one stays on screen while the next loads. */
export function useReport(params: ReportParams) {
  return useQuery({
    queryKey: queryKeys.reports.detail(params),
    queryFn: ({ signal }) => api<Report>(reportUrl(params), { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
