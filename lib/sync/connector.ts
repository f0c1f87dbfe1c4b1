import type { RestSource } from "@/db/schema";
import type { CallResult } from "@/lib/integrations/call";
import type { IntegrationRow } from "@/lib/integrations/view";
import type { MappingConfigInput } from "@/lib/mapping";
import type { EntityTemplate } from "./templates";
import type { FetchedPage, PageState } from "./rest-source";

/**
 * A provider connector: streams a provider adapter in lib/providers/<key>/ declares, fetched by
 * its own code (its paging, incremental method, deletes, rate limits and errors) and run by the
 * same executor as Custom REST, so runs, checkpoints, records, events and the Sync tab are shared.
 */
export type ConnectorStream = {
  /** Stored in the stream's source as `connector`: which of the adapter's streams this is. */
  key: string;
  name: string;
  /** The entity the stream feeds by default (often one of the Data model templates), created when the tenant has none. */
  entity: EntityTemplate;
  /**
   * The resource path, records and id paths, and the change-time field (`incremental.field`) the
   * executor reads to move the checkpoint; `pagination` stays `none` since the connector pages.
   */
  source: RestSource;
  /** The default mapping; the admin changes it in the mapping editor like any stream's. */
  mapping: MappingConfigInput;
  mode: "full" | "incremental";
};

export type ConnectorPageRequest = {
  integration: IntegrationRow;
  stream: ConnectorStream;
  state: PageState;
  /** The incremental window's start (ISO), null for a full run. */
  since: string | null;
  /** On an incremental run, the change-feed token the stream's last run left (see `ConnectorPage.token`); null otherwise. */
  token?: string | null;
  runId: string | null;
};

/**
 * A page as Custom REST's, plus the remote ids the provider reported deleted and, for providers whose change feed
 * hands back an opaque position rather than a change time (Google's nextSyncToken), the token the next incremental
 * run starts from. A failed page may be a refusal that needs a reconnect, or `fullRun`: the provider no longer
 * honours the stored token, and the run reads everything instead, for that reason.
 */
export type ConnectorPage =
  | (Extract<FetchedPage, { ok: true }> & { deleted?: string[]; token?: string })
  | (Omit<Extract<FetchedPage, { ok: false }>, "call"> & { call?: CallResult; reconnect?: boolean; fullRun?: string });

/** A page that could not be asked for (a value its path needs is missing): the run fails with this reason. */
export function unaskablePage(message: string): ConnectorPage {
  return { ok: false, rateLimitedSeconds: null, message, status: null, bytes: 0 };
}

/** A verified webhook event the connector understood: one record changed or deleted at the remote. */
export type ConnectorChange = { stream: string; record: unknown; deleted: boolean };

/** One record pushed: the remote body from the mapping reversed, with the remote id and version when it was pushed before. */
export type ConnectorPushRequest = {
  integration: IntegrationRow;
  stream: ConnectorStream;
  body: Record<string, unknown>;
  /** The record's entity data, for remote fields the mapping reads in a way it cannot reverse (Google's dateTime-or-date start). */
  data: Record<string, unknown>;
  remoteId: string | null;
  remoteVersion: string | null;
  runId: string;
};

export type ConnectorPushResult =
  | { outcome: "pushed"; remoteId: string; remoteVersion: string | null; created: boolean }
  /** The remote changed the record since Patchbay last saw it: recorded on the record, the run goes on. */
  | { outcome: "conflict"; reason: string }
  | { outcome: "failed"; message: string; reconnect?: boolean; rateLimitedSeconds?: number };

export type Connector = {
  provider: string;
  streams: ConnectorStream[];
  fetchPage(request: ConnectorPageRequest): Promise<ConnectorPage>;
  /**
   * Why an incremental run must read everything instead (the provider's change feed does not
   * reach back to the checkpoint); null when it can run incrementally.
   */
  fullRunReason?(since: string | null, now: Date): string | null;
  /** Creates or updates one record at the remote, for the streams whose keys are in `pushes`. */
  push?(request: ConnectorPushRequest): Promise<ConnectorPushResult>;
  pushes?: string[];
  /** The change a provider's webhook body carries, for the webhook update method; null for events it does not sync. */
  webhookChange?(body: unknown): ConnectorChange | null;
};

/** A refusal of the credentials as a run's reason, and whether it means the admin must reconnect. */
export function refusedPage(call: CallResult, message: string, reconnect: boolean): ConnectorPage {
  return {
    ok: false,
    rateLimitedSeconds: null,
    message,
    status: call.response?.status ?? null,
    bytes: call.response?.body.length ?? 0,
    call,
    reconnect,
  };
}

export function rateLimitedPage(call: CallResult, seconds: number, message: string): ConnectorPage {
  return { ok: false, rateLimitedSeconds: seconds, message, status: call.response?.status ?? null, bytes: 0, call };
}

/** A push's failure, from the page the same refused call would have made: a reconnect or a wait carries over. */
export function pushFailed(page: ConnectorPage): ConnectorPushResult {
  if (page.ok) return { outcome: "failed", message: "The push failed." };
  return {
    outcome: "failed",
    message: page.message,
    reconnect: page.reconnect,
    rateLimitedSeconds: page.rateLimitedSeconds ?? undefined,
  };
}

/** Whether the call never reached the provider because Patchbay's own per-integration budget was spent. */
export function heldByOwnLimit(call: CallResult): boolean {
  return !call.response && !call.error && call.problem !== null;
}
