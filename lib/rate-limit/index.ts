export * from "./fixed-window";
export * from "./lease";
export * from "./headers";
