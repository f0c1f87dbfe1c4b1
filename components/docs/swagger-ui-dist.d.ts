declare module "swagger-ui-dist/swagger-ui-bundle.js";
