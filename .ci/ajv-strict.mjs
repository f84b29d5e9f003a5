// Compile every exported JSON Schema with Ajv in strict mode (draft 2020-12), as a JavaScript
// consumer would: `node .ci/ajv-strict.mjs schemas/*.json`, with ajv and ajv-formats installed
// where Node resolves them (NODE_PATH). Exits 1, naming the schema and Ajv's message, on the
// first schema Ajv refuses; then validates the shipped records' JSON, given after `--data`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;

const args = process.argv.slice(2);
const split = args.indexOf("--data");
const schemas = split < 0 ? args : args.slice(0, split);
const data = split < 0 ? [] : args.slice(split + 1);
let failed = 0;
let record = null;
for (const file of schemas) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  try {
    const validate = ajv.compile(JSON.parse(readFileSync(file, "utf8")));
    if (file.endsWith("trial-record.schema.json")) record = validate;
    console.log(`ok: ${file} compiles under Ajv strict`);
  } catch (error) {
    console.log(`FAILED: ${file}: ${error.message}`);
    failed += 1;
  }
}
for (const file of data) {
  if (record === null) break;
  if (!record(JSON.parse(readFileSync(file, "utf8")))) {
    console.log(`FAILED: ${file}: ${JSON.stringify(record.errors)}`);
    failed += 1;
  }
}
if (data.length > 0 && record !== null) console.log(`ok: ${data.length} records valid under Ajv`);
process.exit(failed ? 1 : 0);
