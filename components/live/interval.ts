/** Polling cadence of the live views: the shortest check interval Patchbay allows. */
export const LIVE_REFRESH_MS = 5_000;
