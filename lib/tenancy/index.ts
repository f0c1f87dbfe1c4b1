export * from "./context";
export * from "./members";
export * from "./setup";
export * from "./overview";
