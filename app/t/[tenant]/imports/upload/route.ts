import { NextResponse } from "next/server";
import { assertStorable } from "@/lib/api/storable-text";
import { env } from "@/lib/env";
import { browserRoute } from "@/lib/imports/browser-route";
import { withUpload } from "@/lib/imports/multipart";
import { uploadImport } from "@/lib/imports/upload";

export const POST = browserRoute(async (req, ctx) =>
  withUpload(req, env().importMaxBytes, async (upload) =>
    NextResponse.json(
      await uploadImport(ctx, {
        fileName: upload.fileName,
        source: upload.source,
        options: async () => {
          const fields = await upload.fields();
          assertStorable(fields);
          return fields;
        },
      }),
      { status: 201 },
    ),
  ),
);
