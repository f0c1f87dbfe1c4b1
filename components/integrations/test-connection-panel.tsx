"use client";

import { useState, useTransition } from "react";
import { testConnectionAction } from "@/app/t/[tenant]/integrations/[id]/actions";
import { Alert, Button } from "@/components/ui";
import type { TestConnectionResult } from "@/lib/integrations/test-connection";
import { TestResult, type StatusMappingContext } from "./test-result";

type Props = {
  tenantSlug: string;
  id: string;
  /** Present only where the status mapping applies (a status feed, not Stripe and the like). */
  statusMapping?: Omit<StatusMappingContext, "tenantSlug" | "id">;
};

export function TestConnectionPanel({ tenantSlug, id, statusMapping }: Props) {
  const [result, setResult] = useState<TestConnectionResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      setError(null);
      const outcome = await testConnectionAction(tenantSlug, { id });
      if (outcome.ok) setResult(outcome.data);
      else setError(outcome.error);
    });
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={run} disabled={pending}>
          {pending ? "Testing…" : "Test connection"}
        </Button>
        <p className="text-sm text-muted-foreground">Calls the status endpoint now, with the stored credentials.</p>
      </div>
      <div aria-live="polite" className="grid gap-4">
        {error && <Alert tone="danger">{error}</Alert>}
        {result && !pending && <TestResult result={result} statusMapping={statusMapping && { tenantSlug, id, ...statusMapping }} />}
      </div>
    </div>
  );
}
