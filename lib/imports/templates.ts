import ExcelJS from "exceljs";
import { csvLine } from "@/lib/exports/csv";
import type { TenantContext } from "@/lib/tenancy/context";
import type { ImportFormat } from "./parse";
import { importTarget, type TargetField } from "./targets";

export type TemplateFile = { fileName: string; contentType: string; body: Uint8Array };

/** A column's rules in words: required or optional, the type, the allowed values. */
export function ruleText(field: TargetField): string {
  const parts = [field.required ? "required" : "optional", field.type];
  if (field.enum_values) parts.push(`one of: ${field.enum_values.join(", ")}`);
  if (field.secret) parts.push("encrypted on import, never shown again");
  if (field.description) parts.push(field.description);
  return parts.join(" · ");
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;
const escapeXml = (t: string) => t.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c]!);

/**
 * A file to fill in for a target: the headers, one example row, and the rules per column — a notes
 * row starting with "# " (skipped on import) for CSV, JSON and XML; header comments and
 * drop-down lists of allowed values for XLSX.
 */
export async function importTemplate(ctx: TenantContext, type: string, format: ImportFormat): Promise<TemplateFile> {
  const target = await importTarget(ctx, type);
  const fields = target.fields;
  const name = `patchbay-${target.key.replace(":", "-")}-template`;
  const notes = Object.fromEntries(fields.map((f) => [f.key, `# ${ruleText(f)}`]));
  const example = Object.fromEntries(fields.map((f) => [f.key, f.example]));
  const encode = (text: string) => new TextEncoder().encode(text);
  if (format === "csv") {
    const body = csvLine(fields.map((f) => f.key)) + csvLine(fields.map((f) => notes[f.key])) + csvLine(fields.map((f) => example[f.key]));
    return { fileName: `${name}.csv`, contentType: "text/csv; charset=utf-8", body: encode(`\uFEFF${body}`) };
  }
  if (format === "json")
    return { fileName: `${name}.json`, contentType: "application/json", body: encode(`${JSON.stringify([notes, example], null, 2)}\n`) };
  if (format === "xml") {
    const record = (values: Record<string, string>) =>
      `  <record>${fields
        .filter((f) => XML_NAME.test(f.key))
        .map((f) => `<${f.key}>${escapeXml(values[f.key] ?? "")}</${f.key}>`)
        .join("")}</record>\n`;
    return {
      fileName: `${name}.xml`,
      contentType: "application/xml",
      body: encode(`<?xml version="1.0" encoding="UTF-8"?>\n<records>\n${record(notes)}${record(example)}</records>\n`),
    };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Patchbay";
  const sheet = workbook.addWorksheet(target.label);
  const lists = workbook.addWorksheet("Lists", { state: "veryHidden" });
  sheet.addRow(fields.map((f) => f.key)).font = { bold: true };
  sheet.addRow(fields.map((f) => example[f.key] || null));
  fields.forEach((field, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(14, field.key.length + 4);
    sheet.getCell(1, i + 1).note = ruleText(field);
    if (!field.enum_values) return;
    // Lists live on a hidden sheet: a list typed into the rule itself is capped at 255 characters.
    field.enum_values.forEach((v, j) => (lists.getCell(j + 1, i + 1).value = v));
    const letter = lists.getColumn(i + 1).letter;
    for (let row = 2; row <= 1000; row++)
      sheet.getCell(row, i + 1).dataValidation = {
        type: "list",
        allowBlank: !field.required,
        formulae: [`Lists!$${letter}$1:$${letter}$${field.enum_values.length}`],
        showErrorMessage: true,
        errorTitle: field.key,
        error: `Choose one of the listed values.`,
      };
  });
  const body = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { fileName: `${name}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body };
}
