import { SettingsTabs } from "@/components/shell/settings-tabs";
import { PageHeader } from "@/components/ui";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return (
    <div className="grid gap-6">
      <PageHeader title="Settings" description="Who can use this organisation, and how other systems reach it." />
      <SettingsTabs base={`/t/${tenant}/settings`} />
      {children}
    </div>
  );
}
