import { NotFoundInShell } from "@/components/ui";

export default function ApiKeyNotFound() {
  return <NotFoundInShell title="API key not found" listLabel="Settings" />;
}
