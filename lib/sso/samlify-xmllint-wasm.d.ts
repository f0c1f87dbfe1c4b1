declare module "@authenio/samlify-xmllint-wasm" {
  export function validate(xml: string): Promise<string | boolean>;
}
