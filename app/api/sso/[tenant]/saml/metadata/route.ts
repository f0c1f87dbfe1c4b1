import { requestOrigin } from "@/lib/http/request-origin";
import { spMetadataForTenant } from "@/lib/sso/sp-metadata";

// Public by design: SP metadata is what an IdP admin imports, and holds only the certificate, never the key.
export async function GET(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const xml = await spMetadataForTenant(tenant, requestOrigin(req.headers));
  if (!xml) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const download = new URL(req.url).searchParams.has("download");
  return new Response(xml, {
    headers: {
      "content-type": "application/samlmetadata+xml; charset=utf-8",
      ...(download ? { "content-disposition": `attachment; filename="patchbay-${tenant}-sp-metadata.xml"` } : {}),
    },
  });
}
