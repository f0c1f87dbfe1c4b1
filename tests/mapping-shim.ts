// Dev-only stand-in for compileMapping until the mapping implementation lands (not committed).
import * as real from "@/lib/mapping/json-path";
type Rule = Record<string, unknown> & { type: string };
export function shimCompile(config: { fields: { field: string; source?: string; transforms?: Rule[]; validations?: Rule[] }[] }) {
  return {
    apply(remote: unknown) {
      const data: Record<string, unknown> = {};
      const errors: { field: string; value: unknown; rule: string; message: string }[] = [];
      for (const f of config.fields) {
        let v: unknown = f.source ? real.jsonPathValues(remote, f.source)[0] : undefined;
        let failed = false;
        for (const t of f.transforms ?? []) {
          if (t.type === "trim" && typeof v === "string") v = v.trim();
          if (t.type === "number" && v !== undefined && v !== null && v !== "") v = Number(v);
          if (t.type === "value_map") {
            const map = t.map as Record<string, string[]>;
            const hit = Object.entries(map).find(([, list]) => list.includes(String(v)));
            if (hit) v = hit[0];
            else {
              errors.push({ field: f.field, value: v, rule: "value_map", message: "unmapped" });
              failed = true;
            }
          }
        }
        if (!failed)
          for (const r of f.validations ?? []) {
            if (r.type === "required" && (v === undefined || v === null || v === "")) {
              errors.push({ field: f.field, value: v, rule: "required", message: "required" });
              break;
            }
            if (r.type === "min" && typeof v === "number" && v < (r.value as number)) {
              errors.push({ field: f.field, value: v, rule: "min", message: "too small" });
              break;
            }
          }
        data[f.field] = v ?? null;
      }
      return errors.length ? { ok: false as const, data, errors } : { ok: true as const, data };
    },
    reverse(data: Record<string, unknown>) {
      return data;
    },
  };
}
