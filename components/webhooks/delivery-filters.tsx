import { Button, Field, Select } from "@/components/ui";

/** A plain GET form: filters live in the URL, so a filtered list can be shared and reloaded. */
export function DeliveryFilters({
  action,
  status,
  eventType,
  eventTypes,
}: {
  action: string;
  status?: string;
  eventType?: string;
  eventTypes: string[];
}) {
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <Field label="Status" htmlFor="filter-status">
        <Select id="filter-status" name="status" defaultValue={status ?? ""}>
          <option value="">Any</option>
          <option value="succeeded">Succeeded</option>
          <option value="failed">Failed</option>
          <option value="pending">Pending</option>
        </Select>
      </Field>
      <Field label="Event type" htmlFor="filter-event-type">
        <Select id="filter-event-type" name="event_type" defaultValue={eventType ?? ""}>
          <option value="">Any</option>
          {eventTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
    </form>
  );
}
