export async function register() {
  // The edge runtime has no file system or database driver; everything starts in Node.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("./lib/runtime/server");
  await startServerRuntime();
}
