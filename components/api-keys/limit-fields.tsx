"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Field, fieldAria, Input, Textarea } from "@/components/ui";

type LimitValues = { ip_allowlist?: unknown; rate_limit_per_minute?: unknown; rate_limit_per_hour?: unknown };

const IP_HINT = "CIDRs or addresses, comma or line separated, IPv4 or IPv6. Empty: any address.";

// Shared by the create and edit forms, whose values both hold the allowlist and the two rate limits.
export function ApiKeyLimitFields<V extends LimitValues>({
  form,
  optional,
}: {
  form: UseFormReturn<V, unknown, FieldValues>;
  optional?: boolean;
}) {
  const errors = form.formState.errors as { [K in keyof LimitValues]?: { message?: string } };
  const register = (name: keyof LimitValues) => form.register(name as Path<V>);
  return (
    <>
      <Field
        label={optional ? "Allowed IP addresses (optional)" : "Allowed IP addresses"}
        htmlFor="field-ip_allowlist"
        hint={IP_HINT}
        error={errors.ip_allowlist?.message}
      >
        <Textarea rows={2} {...fieldAria("field-ip_allowlist", errors.ip_allowlist?.message, IP_HINT)} {...register("ip_allowlist")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Requests per minute" htmlFor="field-rate_limit_per_minute" error={errors.rate_limit_per_minute?.message}>
          <Input
            type="number"
            min={1}
            {...fieldAria("field-rate_limit_per_minute", errors.rate_limit_per_minute?.message)}
            {...register("rate_limit_per_minute")}
          />
        </Field>
        <Field label="Requests per hour" htmlFor="field-rate_limit_per_hour" error={errors.rate_limit_per_hour?.message}>
          <Input
            type="number"
            min={1}
            {...fieldAria("field-rate_limit_per_hour", errors.rate_limit_per_hour?.message)}
            {...register("rate_limit_per_hour")}
          />
        </Field>
      </div>
    </>
  );
}
