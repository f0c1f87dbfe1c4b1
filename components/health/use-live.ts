// Moved to components/live; kept so imports of the old path still compile until they move.
export { useLive } from "@/components/live/use-live";
