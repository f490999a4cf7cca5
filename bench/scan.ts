/**
 * `npm run bench -- scan`: the `keyguard scan` bin on a generated 10,000-resource stack export,
 * against the cost of merely loading the policy SDK (`node -e "require('@pulumi/policy')"`),
 * both timed as whole processes in the same run, median of several. Target: ≤ 2× the baseline.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { secretWire, SIG_KEY, SECRET_SIG } from "../policies/core/wire";
import { BenchSection, heading, median, row } from "./lib";

const RESOURCES = 10_000;
const RUNS = 5;
const CLI = path.resolve(__dirname, "../scan/cli.js");
const ROOT = path.resolve(__dirname, "../..");

/** A stack of the shapes the policies judge (keys, aliases, buckets, IAM, secrets, Vault) plus types no policy knows. */
export function generateStackExport(n: number): object {
    const urn = (type: string, name: string) => `urn:pulumi:bench::ai-pipeline::${type}::${name}`;
    const stack = urn("pulumi:pulumi:Stack", "ai-pipeline-bench");
    const keyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const doc = (action: string, resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });
    const ciphertext = { [SIG_KEY]: SECRET_SIG, ciphertext: "v1:AbCdEf:ciphertext==" };
    const resources: object[] = [{ urn: stack, custom: false, type: "pulumi:pulumi:Stack" }];
    const makers: ((i: number) => { type: string; inputs: Record<string, unknown>; deps?: Record<string, string[]> })[] = [
        (i) => ({ type: "aws:kms/key:Key", inputs: { description: `Encrypts shard ${i} of the training data`, enableKeyRotation: i % 7 !== 0, deletionWindowInDays: 30 } }),
        (i) => ({ type: "aws:kms/alias:Alias", inputs: { name: `alias/ai-shard-${i}`, targetKeyId: keyArn } }),
        (i) => ({ type: "aws:s3/bucket:Bucket", inputs: { bucket: `ai-shard-${i}` } }),
        (i) => ({
            type: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            inputs: { bucket: `ai-shard-${i - 1}`, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }] },
            deps: { bucket: [urn("aws:s3/bucket:Bucket", `r${i - 1}`)] },
        }),
        (i) => ({ type: "aws:iam/policy:Policy", inputs: { name: `ai-read-${i}`, policy: doc(i % 5 === 0 ? "s3:*" : "s3:GetObject", `arn:aws:s3:::ai-shard-${i}/*`) } }),
        (i) => ({ type: "aws:secretsmanager/secretVersion:SecretVersion", inputs: { secretId: `ai/secret-${i}`, secretString: i % 3 === 0 ? "plaintext" : ciphertext } }),
        (i) => ({ type: "vault:kv/secretV2:SecretV2", inputs: { mount: "ai-kv", name: `s${i}`, dataJson: ciphertext } }),
        (i) => ({ type: "random:index/randomPet:RandomPet", inputs: { length: i % 4 } }),
        () => ({ type: "aws:ec2/instance:Instance", inputs: { instanceType: "t3.micro", tags: { team: "ai", secret: secretWire("x") } } }),
    ];
    for (let i = 0; resources.length <= n; i++) {
        const { type, inputs, deps } = makers[i % makers.length](i);
        resources.push({ urn: urn(type, `r${i}`), custom: true, type, inputs, parent: stack, dependencies: Object.values(deps ?? {}).flat(), propertyDependencies: deps ?? {} });
    }
    return { version: 3, deployment: { manifest: { time: new Date(0).toISOString(), magic: "bench", version: "v3.200.0" }, resources } };
}

export function timeProcess(args: string[]): number {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // Exit 1 is a scan that found violations, which the generated stack has on purpose.
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    return ms;
}

export const scanBench: BenchSection = {
    name: "scan",
    async run() {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-bench-scan-"));
        try {
            const file = path.join(dir, "stack.json");
            fs.writeFileSync(file, JSON.stringify(generateStackExport(RESOURCES)));
            const mib = fs.statSync(file).size / 1024 / 1024;
            heading(`keyguard scan: ${RESOURCES} resources (${mib.toFixed(1)} MiB stack export), median of ${RUNS} process runs`);
            const baselineArgs = ["-e", "require('@pulumi/policy')"];
            const scanArgs = [CLI, "scan", file, "--format", "json", "--fail-on", "never"];
            timeProcess(baselineArgs); // warm the file cache for both
            timeProcess(scanArgs);
            const base: number[] = [];
            const scan: number[] = [];
            // Interleaved, so a busy neighbour slows both alike.
            for (let i = 0; i < RUNS; i++) {
                base.push(timeProcess(baselineArgs));
                scan.push(timeProcess(scanArgs));
            }
            const baseline = { label: "require('@pulumi/policy')", value: median(base) };
            row("node -e \"require('@pulumi/policy')\"", baseline.value, "ms");
            row(`keyguard scan (${RESOURCES} resources)`, median(scan), "ms", baseline);
            const ratio = median(scan) / baseline.value;
            console.log(`  ratio ${ratio.toFixed(2)}× (target ≤ 2×): ${ratio <= 2 ? "met" : "NOT met"}`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    },
};
