export * from "./keys";
export * from "./schema";
export * from "./scopes";
export { parseKey } from "./format";
