export * from "./fixed-window";
export * from "./lease";
