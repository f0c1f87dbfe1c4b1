export * from "./channels";
export * from "./incidents";
export * from "./notifications";
export * from "./settings";
