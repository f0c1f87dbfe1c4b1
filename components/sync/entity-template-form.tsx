"use client";

import { useState, useTransition } from "react";
import { createEntityAction } from "@/app/t/[tenant]/settings/data-model/actions";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input, Select } from "@/components/ui";
import type { EntityTemplate } from "@/lib/sync/templates";

export function EntityTemplateForm({ tenantSlug, templates }: { tenantSlug: string; templates: EntityTemplate[] }) {
  const [template, setTemplate] = useState(templates[0]?.key ?? "");
  const chosen = templates.find((t) => t.key === template);
  const [name, setName] = useState(chosen?.name ?? "");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (templates.length === 0) return null;
  const create = () =>
    start(async () => {
      const result = await createEntityAction(tenantSlug, { key: template, name: name || chosen?.name, template });
      setError(result.ok ? null : result.error);
    });
  return (
    <Card>
      <CardHeader
        title="Add an entity from a template"
        description="Unit has the seven canonical statuses; fields can be changed through the API."
      />
      <CardBody className="grid gap-3 sm:grid-cols-3 sm:items-end">
        <Field label="Template" htmlFor="entity-template">
          <Select
            id="entity-template"
            value={template}
            onChange={(e) => {
              setTemplate(e.target.value);
              setName(templates.find((t) => t.key === e.target.value)?.name ?? "");
            }}
          >
            {templates.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Name" htmlFor="entity-name">
          <Input id="entity-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <div>
          <Button type="button" disabled={pending} onClick={create}>
            Create entity
          </Button>
        </div>
        {chosen && <p className="text-xs text-muted-foreground sm:col-span-3">{chosen.fields.map((f) => f.key).join(", ")}</p>}
        {error && <Alert tone="danger" title={error} className="sm:col-span-3" />}
      </CardBody>
    </Card>
  );
}
