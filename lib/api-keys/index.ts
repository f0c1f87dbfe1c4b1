export * from "./keys";
export * from "./schema";
