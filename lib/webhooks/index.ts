export * from "./endpoints";
export * from "./messages";
export * from "./queries";
export * from "./catalog";
export * from "./schema";
export * from "./incoming/receivers";
