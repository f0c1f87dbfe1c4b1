import { NotFoundInShell } from "@/components/ui";

export default function IntegrationNotFound() {
  return <NotFoundInShell title="Integration not found" listLabel="All integrations" />;
}
