export const WEBHOOK_QUEUES = {
  pump: "webhooks.pump",
  deliver: "webhooks.deliver",
} as const;
