"use client";

import { useMemo } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { CreatePaymentRequestInput } from "@/lib/payments/schemas";
import type { WaitingRefund } from "@/lib/payments/report";
import { referenceFromBytes } from "@/lib/payments/reference-format";
import { api, type ApiError } from "./api";
import { paymentApiQuery, type PaymentFilters } from "./payment-filters";
import { queryKeys } from "./query-keys";
import { settleAfterSend } from "./use-send-reply";
import type { PaymentRequestDetail, PaymentRequestDto, PaymentRequestListItem, PaymentRequestPage, RefundDto } from "./types";

export type { PaymentRequestDetail, PaymentRequestListItem, WaitingRefund };

// Payment requests in the browser: one query per request (the thread's card; the live stream
// patches it), the leads' list and refund queue, and one hook per change. Every change answers
// with the request as it now is, so the card updates at once in this tab; the live stream brings
// the same to everyone else's.

/** A fresh reference as the server would make one (PAY- + 10 Crockford base32), editable in the composer. */
export function newPaymentReference(): string {
  return referenceFromBytes(crypto.getRandomValues(new Uint8Array(7)));
}

/** A fresh Idempotency-Key: one per composer opening, so a double click or a retry creates one request. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** A request with its refunds (the thread's card). Live: `payment.updated` frames patch it. */
export function usePaymentRequest(id: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.payments.detail(id ?? ""),
    queryFn: ({ signal }) => api<PaymentRequestDetail>(`/api/payment-requests/${id}`, { signal }),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export const PAYMENT_PAGE_SIZE = 50;

/** The leads' list, newest first, a keyset page at a time; the first page carries the totals. */
export function usePaymentList(filters: PaymentFilters, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.payments.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api<PaymentRequestPage>(`/api/payment-requests?${paymentApiQuery(filters, { limit: String(PAYMENT_PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) })}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
  const items = useMemo(() => {
    const seen = new Set<string>();
    return (query.data?.pages ?? []).flatMap((p) => p.items).filter((i) => !seen.has(i.id) && !!seen.add(i.id));
  }, [query.data]);
  return { ...query, items, totals: query.data?.pages[0]?.totals ?? [] };
}

/** The CSV export of what the filters select (a plain download link). */
export function paymentExportUrl(filters: PaymentFilters): string {
  const q = paymentApiQuery(filters);
  return `/api/payment-requests/export${q ? `?${q}` : ""}`;
}

/** Refunds agents asked for, waiting for a lead's or admin's decision. */
export function useWaitingRefunds(enabled = true) {
  return useQuery({
    queryKey: queryKeys.payments.waitingRefunds(),
    queryFn: ({ signal }) => api<{ items: WaitingRefund[] }>("/api/payment-requests/refunds", { signal }),
    select: (d) => d.items,
    enabled,
  });
}

/** The request as a change answered it, with its refunds (the answer may name one). */
function storeRequest(client: QueryClient, request: PaymentRequestDto, refund?: RefundDto) {
  client.setQueryData<PaymentRequestDetail>(queryKeys.payments.detail(request.id), (old) => {
    const refunds = old?.refunds ?? [];
    const merged = refund ? (refunds.some((r) => r.id === refund.id) ? refunds.map((r) => (r.id === refund.id ? refund : r)) : [...refunds, refund]) : refunds;
    // A later live frame may already hold more: never step back.
    if (old && old.updatedAt > request.updatedAt && !refund) return old;
    return { ...request, refunds: merged };
  });
  void client.invalidateQueries({ queryKey: queryKeys.payments.lists() });
  void client.invalidateQueries({ queryKey: queryKeys.payments.waitingRefunds() });
}

export type CreatePaymentVariables = { input: CreatePaymentRequestInput; idempotencyKey: string };

/** POST /api/payment-requests with the composer's Idempotency-Key: retried on a lost answer, never doubled. */
export function useCreatePaymentRequest(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationKey: ["createPaymentRequest", conversationId],
    mutationFn: ({ input, idempotencyKey }: CreatePaymentVariables) =>
      api<PaymentRequestDto>("/api/payment-requests", { method: "POST", body: input, headers: { "Idempotency-Key": idempotencyKey } }),
    retry: (count, err) => (err as ApiError).code === "network" && count < 2,
    onSuccess: (request) => {
      client.setQueryData<PaymentRequestDetail>(queryKeys.payments.detail(request.id), (old) => old ?? { ...request, refunds: [] });
      void client.invalidateQueries({ queryKey: queryKeys.payments.lists() });
      // The panel closes at once; the card arrives with the live stream (or the refetch that stands in for it).
      void settleAfterSend(client, conversationId, request.messageId ?? undefined);
    },
  });
}

export function useCancelPaymentRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<PaymentRequestDto>(`/api/payment-requests/${id}/cancel`, { method: "POST" }),
    onSuccess: (request) => storeRequest(client, request),
  });
}

export type RefundVariables = { id: string; amount?: number; reason: string; idempotencyKey: string };
type RefundAnswer = { refund: RefundDto; request: PaymentRequestDto; created: boolean };

/** A lead's or admin's refund goes to the provider now; an agent's waits for their approval. */
export function useRefundPayment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, amount, reason, idempotencyKey }: RefundVariables) =>
      api<RefundAnswer>(`/api/payment-requests/${id}/refund`, { method: "POST", body: { reason, ...(amount !== undefined ? { amount } : {}) }, headers: { "Idempotency-Key": idempotencyKey } }),
    retry: (count, err) => (err as ApiError).code === "network" && count < 2,
    onSuccess: (res) => storeRequest(client, res.request, res.refund),
  });
}

export type RefundDecision = { id: string; refundId: string };

/** A lead or admin approves an agent's refund: it goes to the provider now. */
export function useApproveRefund() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, refundId }: RefundDecision) => api<RefundAnswer>(`/api/payment-requests/${id}/refunds/${refundId}/approve`, { method: "POST" }),
    onSuccess: (res) => storeRequest(client, res.request, res.refund),
  });
}

/** A lead or admin declines an agent's refund: nothing moves. */
export function useDeclineRefund() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, refundId }: RefundDecision) => api<RefundAnswer>(`/api/payment-requests/${id}/refunds/${refundId}/decline`, { method: "POST" }),
    onSuccess: (res) => storeRequest(client, res.request, res.refund),
  });
}
