#!/usr/bin/env node
// The CLI is TypeScript sharing lib/ with the app; tsx runs it without a separate build.
import { tsImport } from "tsx/esm/api";

await tsImport("../cli/main.ts", import.meta.url);
