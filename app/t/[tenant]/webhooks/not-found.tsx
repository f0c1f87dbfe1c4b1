import { NotFoundInShell } from "@/components/ui";

export default function EndpointNotFound() {
  return <NotFoundInShell title="Endpoint not found" listLabel="All endpoints" />;
}
