// Validates a Teams app manifest against the official JSON schema of its manifest version, read from the copy that
// @microsoft/app-manifest bundles (never fetched: the schema is passed in). Prints a JSON array of problems.
const fs = require("fs");
const path = require("path");
const { AppManifestUtils } = require("@microsoft/app-manifest");

async function main() {
  const manifest = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const version = manifest.manifestVersion;
  const schemaFile = path.join(path.dirname(require.resolve("@microsoft/app-manifest")), "json-schemas", "teams", "v" + version, "MicrosoftTeams.schema.json");
  const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
  const problems = await AppManifestUtils.validateAgainstSchema(manifest, schema);
  process.stdout.write(JSON.stringify({ schemaFile, problems }));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e));
  process.exit(2);
});
