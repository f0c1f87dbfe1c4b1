export * from "./fixed-window";
