export * from "./record";
export { redact } from "./redact";
