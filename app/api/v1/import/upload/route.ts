import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { assertStorable } from "@/lib/api/storable-text";
import { env } from "@/lib/env";
import { uploadImport } from "@/lib/imports/upload";
import { withUpload } from "@/lib/imports/multipart";

export const POST = apiRoute("imports:write", async (req, { tenant }) =>
  withUpload(req, env().importMaxBytes, async (upload) => {
    const result = await uploadImport(tenant, {
      fileName: upload.fileName,
      source: upload.source,
      options: async () => {
        const fields = await upload.fields();
        assertStorable(fields);
        return fields;
      },
    });
    return NextResponse.json(result, { status: 201 });
  }),
);
