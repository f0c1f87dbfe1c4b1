import Form from "next/form";
import Link from "next/link";
import { Button, buttonClasses, Field, FilterDisclosure, Input, Select } from "@/components/ui";
import type { IntegrationListFilters } from "@/lib/integrations/list-params";
import { CATEGORIES, PROVIDERS } from "@/lib/providers";
import { STATUS_LABEL } from "@/components/health/format";
import { CONNECTION_LABELS } from "./labels";

type Option = { value: string; label: string };

const ANY: Option = { value: "", label: "Any" };

function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: Option[] }) {
  return (
    <Field label={label} htmlFor={`filter-${name}`} className="w-full sm:w-40">
      <Select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        {[ANY, ...options].map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A GET form: the filters live in the URL, so a filtered list can be bookmarked and shared. */
export function IntegrationFilters({ base, filters }: { base: string; filters: IntegrationListFilters }) {
  return (
    <Form action={base} role="search" aria-label="Filter integrations" className="flex flex-wrap items-end gap-3">
      <Field label="Search" htmlFor="filter-q" className="w-full sm:w-56">
        <Input id="filter-q" name="q" type="search" defaultValue={filters.q} placeholder="Name or provider" />
      </Field>
      <FilterDisclosure
        active={
          [filters.provider, filters.category, filters.environment, filters.status, filters.health, filters.connection_status].filter(
            Boolean,
          ).length
        }
      >
        <FilterSelect
          name="provider"
          label="Provider"
          value={filters.provider}
          options={PROVIDERS.map((p) => ({ value: p.key, label: p.name }))}
        />
        <FilterSelect
          name="category"
          label="Category"
          value={filters.category}
          options={Object.entries(CATEGORIES).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          name="environment"
          label="Environment"
          value={filters.environment}
          options={[
            { value: "production", label: "Production" },
            { value: "sandbox", label: "Sandbox" },
          ]}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={[
            { value: "enabled", label: "Enabled" },
            { value: "disabled", label: "Disabled" },
          ]}
        />
        <FilterSelect
          name="health"
          label="Health"
          value={filters.health}
          options={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))}
        />
        <FilterSelect
          name="connection_status"
          label="Connection"
          value={filters.connection_status}
          options={Object.entries(CONNECTION_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </FilterDisclosure>
      {filters.sort && <input type="hidden" name="sort" value={filters.sort} />}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        <Link href={base} className={buttonClasses({ variant: "ghost" })}>
          Clear
        </Link>
      </div>
    </Form>
  );
}
