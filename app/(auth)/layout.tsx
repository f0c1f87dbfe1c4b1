export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-background p-4">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight">Patchbay</p>
        <div className="rounded-xl border border-border bg-surface p-6 shadow-sm sm:p-8">{children}</div>
      </div>
    </main>
  );
}
