import Link from "next/link";
import { Badge, EmptyState, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { RecordView } from "@/lib/sync/entities";

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

export function RecordsTable({ base, fields, records }: { base: string; fields: string[]; records: RecordView[] }) {
  if (records.length === 0) return <EmptyState title="No records" description="Run a stream or an import that feeds this entity." />;
  return (
    <div className="overflow-x-auto">
      <Table>
        <THead>
          <Tr>
            <Th>External id</Th>
            {fields.map((f) => (
              <Th key={f}>{f}</Th>
            ))}
            <Th>Last change</Th>
          </Tr>
        </THead>
        <TBody>
          {records.map((r) => (
            <Tr key={r.id}>
              <Td>
                <Link className="font-mono text-xs text-link hover:underline" href={`${base}/${r.id}`}>
                  {r.external_id}
                </Link>
              </Td>
              {fields.map((f) => (
                <Td key={f} className="break-words">
                  {show(r.data[f])}
                </Td>
              ))}
              <Td>
                <Badge tone={r.last_action === "deleted" ? "danger" : r.last_action === "created" ? "success" : "info"}>
                  {r.last_action}
                </Badge>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
