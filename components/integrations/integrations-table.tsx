import Link from "next/link";
import { RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { IntegrationView } from "@/lib/integrations";
import { listHref, nextSort, type IntegrationListFilters } from "@/lib/integrations/list-params";
import { getProvider } from "@/lib/providers";
import { ProviderIcon } from "./provider-icon";
import { ConnectionBadge, EnvironmentBadge, StatusBadge, SuccessRate } from "./status-badges";
import { HealthBadge } from "@/components/health/health-badge";

type Props = { base: string; filters: IntegrationListFilters; integrations: IntegrationView[] };

function SortHeader({ base, filters, column, label }: { base: string; filters: IntegrationListFilters; column: string; label: string }) {
  const sort = filters.sort ?? "-created_at";
  const direction = sort === column ? "ascending" : sort === `-${column}` ? "descending" : undefined;
  return (
    <Th aria-sort={direction}>
      <Link
        href={listHref(base, filters, { sort: nextSort(sort, column) })}
        className="inline-flex items-center gap-1 hover:text-foreground"
      >
        {label}
        <span aria-hidden="true">{direction === "ascending" ? "↑" : direction === "descending" ? "↓" : ""}</span>
        <span className="sr-only">{direction === "ascending" ? ", sort descending" : ", sort ascending"}</span>
      </Link>
    </Th>
  );
}

export function IntegrationsTable({ base, filters, integrations }: Props) {
  return (
    <Table>
      <caption className="sr-only">Integrations</caption>
      <THead>
        <Tr>
          <SortHeader base={base} filters={filters} column="name" label="Name" />
          <SortHeader base={base} filters={filters} column="provider" label="Provider" />
          <Th>Environment</Th>
          <Th>Status</Th>
          <Th>Connection</Th>
          <Th>Health</Th>
          <Th>Success rate</Th>
          <SortHeader base={base} filters={filters} column="created_at" label="Created" />
          <SortHeader base={base} filters={filters} column="updated_at" label="Updated" />
        </Tr>
      </THead>
      <TBody>
        {integrations.map((i) => {
          const provider = getProvider(i.provider);
          return (
            <Tr key={i.id}>
              <Td className="font-medium">
                <Link href={`${base}/${i.id}`} className="text-link underline-offset-4 hover:underline">
                  {i.name}
                </Link>
              </Td>
              <Td>
                <span className="inline-flex items-center gap-2">
                  {provider && <ProviderIcon provider={provider} className="size-6 text-[10px]" />}
                  <span>
                    {i.provider_name}
                    {i.category_label && <span className="block text-xs text-muted-foreground">{i.category_label}</span>}
                  </span>
                </span>
              </Td>
              <Td>
                <EnvironmentBadge environment={i.environment} />
              </Td>
              <Td>
                <StatusBadge status={i.status} />
              </Td>
              <Td>
                <ConnectionBadge status={i.connection_status} />
              </Td>
              <Td>
                <HealthBadge status={i.health_status} />
              </Td>
              <Td>
                <SuccessRate rate={i.usage.success_rate} />
                <span className="block text-xs text-muted-foreground tabular-nums">
                  {i.usage.total_requests.toLocaleString("en")} calls
                </span>
              </Td>
              <Td>
                <RelativeTime value={i.created_at} />
              </Td>
              <Td>
                <RelativeTime value={i.updated_at} />
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
