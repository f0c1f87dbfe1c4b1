import { CANONICAL_STATUSES } from "@/lib/mapping/statuses";
import type { StoredEntityField } from "@/db/schema";

// Kept free of server imports: the Data model page offers these templates.

export type EntityTemplate = { key: string; name: string; description: string; fields: StoredEntityField[]; key_fields: string[] };

const f = (key: string, type: StoredEntityField["type"], extra: Partial<StoredEntityField> = {}): StoredEntityField => ({
  key,
  type,
  ...extra,
});

export const ENTITY_TEMPLATES: EntityTemplate[] = [
  {
    key: "unit",
    name: "Unit",
    description: "A sellable unit (apartment, plot, parking space) with one of the seven canonical statuses.",
    fields: [
      f("code", "string", { required: true, label: "Code" }),
      f("name", "string", { label: "Name" }),
      f("status", "enum", { required: true, label: "Status", enum_values: [...CANONICAL_STATUSES] }),
      f("price", "number", { label: "Price" }),
      f("currency", "string", { label: "Currency" }),
      f("floor", "integer", { label: "Floor" }),
      f("area_m2", "number", { label: "Area (m²)" }),
      f("updated_at", "datetime", { label: "Updated at" }),
    ],
    key_fields: ["code"],
  },
  {
    key: "invoice",
    name: "Invoice",
    description: "A bill sent to a customer.",
    fields: [
      f("number", "string", { required: true, label: "Number" }),
      f("customer_id", "string", { label: "Customer" }),
      f("status", "enum", { label: "Status", enum_values: ["draft", "open", "paid", "void", "uncollectible"] }),
      f("total", "number", { required: true, label: "Total" }),
      f("currency", "string", { label: "Currency" }),
      f("issued_on", "date", { label: "Issued on" }),
      f("due_on", "date", { label: "Due on" }),
    ],
    key_fields: ["number"],
  },
  {
    key: "payment",
    name: "Payment",
    description: "Money received against an invoice.",
    fields: [
      f("reference", "string", { required: true, label: "Reference" }),
      f("invoice_id", "string", { label: "Invoice" }),
      f("amount", "number", { required: true, label: "Amount" }),
      f("currency", "string", { label: "Currency" }),
      f("paid_at", "datetime", { label: "Paid at" }),
      f("method", "string", { label: "Method" }),
    ],
    key_fields: ["reference"],
  },
  {
    key: "customer",
    name: "Customer",
    description: "A company or person that buys.",
    fields: [
      f("name", "string", { required: true, label: "Name" }),
      f("email", "string", { label: "Email" }),
      f("phone", "string", { label: "Phone" }),
      f("country", "string", { label: "Country" }),
      f("vat_number", "string", { label: "VAT number" }),
    ],
    key_fields: ["email"],
  },
  {
    key: "contact",
    name: "Contact",
    description: "A person at a customer or partner.",
    fields: [
      f("first_name", "string", { label: "First name" }),
      f("last_name", "string", { label: "Last name" }),
      f("email", "string", { required: true, label: "Email" }),
      f("phone", "string", { label: "Phone" }),
      f("company", "string", { label: "Company" }),
    ],
    key_fields: ["email"],
  },
  {
    key: "calendar_event",
    name: "Calendar event",
    description: "A meeting, viewing or booking.",
    fields: [
      f("title", "string", { required: true, label: "Title" }),
      f("starts_at", "datetime", { required: true, label: "Starts at" }),
      f("ends_at", "datetime", { label: "Ends at" }),
      f("location", "string", { label: "Location" }),
      f("all_day", "boolean", { label: "All day" }),
      f("description", "string", { label: "Description" }),
      f("status", "string", { label: "Status" }),
      f("attendees", "json", { label: "Attendees" }),
      f("updated_at", "datetime", { label: "Updated at" }),
    ],
    key_fields: [],
  },
];

export function entityTemplate(key: string): EntityTemplate | undefined {
  return ENTITY_TEMPLATES.find((t) => t.key === key);
}
