export * from "./hash";
export * from "./keyring";
export * from "./secret-box";
export * from "./secret-files";
export * from "./rotate";
export * from "./process-keyring";
