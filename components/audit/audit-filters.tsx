import Link from "next/link";
import { Button, buttonClasses, Field, Input, Select } from "@/components/ui";
import { ACTOR_TYPE_LABELS, ACTOR_TYPES } from "@/lib/audit/actor-types";
import type { AuditFilters as Filters } from "@/lib/audit/list-params";

/** A plain GET form: the filters live in the address, so a filtered trail can be shared and reloaded. */
export function AuditFilters({
  action,
  filters,
  actions,
  targetTypes,
}: {
  action: string;
  filters: Filters;
  actions: string[];
  targetTypes: string[];
}) {
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Audit filters">
      <Field label="Search" htmlFor="audit-q">
        <Input id="audit-q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder="Text anywhere in the event" />
      </Field>
      <Field label="Actor type" htmlFor="audit-actor-type">
        <Select id="audit-actor-type" name="actor_type" defaultValue={filters.actor_type ?? ""}>
          <option value="">Any</option>
          {ACTOR_TYPES.map((t) => (
            <option key={t} value={t}>
              {ACTOR_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Actor" htmlFor="audit-actor" hint="An email, key name or id.">
        <Input id="audit-actor" name="actor_id" defaultValue={filters.actor_id ?? ""} />
      </Field>
      <Field label="Action" htmlFor="audit-action">
        <Select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
          <option value="">Any</option>
          {[...new Set(actions.map((a) => `${a.split(".")[0]}.*`))].map((prefix) => (
            <option key={prefix} value={prefix}>
              {prefix}
            </option>
          ))}
          {actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Target type" htmlFor="audit-target-type">
        <Select id="audit-target-type" name="target_type" defaultValue={filters.target_type ?? ""}>
          <option value="">Any</option>
          {targetTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From (UTC)" htmlFor="audit-since">
        <Input id="audit-since" name="since" type="datetime-local" defaultValue={filters.since?.slice(0, 16) ?? ""} />
      </Field>
      <Field label="To (UTC)" htmlFor="audit-until">
        <Input id="audit-until" name="until" type="datetime-local" defaultValue={filters.until?.slice(0, 16) ?? ""} />
      </Field>
      {filters.target_id && <input type="hidden" name="target_id" value={filters.target_id} />}
      <div className="flex items-end gap-2">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        <Link href={action} className={buttonClasses({ variant: "ghost" })}>
          Clear
        </Link>
      </div>
    </form>
  );
}
