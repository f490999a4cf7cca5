/**
 * AnalyzeStack in process: the pack's stack policies over generated stacks of 1,000 and 10,000
 * resources. 90% are buckets, each with its own SSE configuration resource; every 40 resources
 * also hold a KMS key, a Vault mount and two kv secrets. Two variants:
 * - preview: names and IDs unknown, every link through propertyDependencies;
 * - applied: names known, no propertyDependencies, every link by name.
 * Linear matching shows as a 10k/1k ratio near 10; a nested scan would show near 100.
 */
import { urnOf, WireResource, analyzeStack } from "../harness/in-process";
import { policies } from "../policies";
import { UNKNOWN } from "../policies/core/wire";
import { BenchSection, heading, median, row } from "./lib";

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const SSE_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}

/** `n` resources (a multiple of 40); every 10th SSE configuration is AES256 and every mount is an AWS engine, so violations are produced too. */
export function generateStack(n: number, preview: boolean): { resources: WireResource[]; expectedViolations: number } {
    const resources: WireResource[] = [];
    let expectedViolations = 0;
    for (let g = 0; g < n / 40; g++) {
        // A key ID has AWS's form (a UUID): the policies reject an ARN whose key ID has any other.
        const keyId = `0000${g.toString(16).padStart(4, "0")}-0000-4000-8000-000000000000`;
        const keyArn = `arn:aws:kms:us-east-1:111122223333:key/${keyId}`;
        const key = res("aws:kms/key:Key", `key-${g}`, preview ? { description: "bench key" } : { description: "bench key", id: keyId, arn: keyArn, keyId });
        resources.push(key);
        for (let i = 0; i < 18; i++) {
            const id = `${g}-${i}`;
            const bucketName = `bucket-${id}`;
            const bucket = res(BUCKET_TYPES[i % 2], `b-${id}`, preview ? { bucket: UNKNOWN } : { bucket: bucketName, id: bucketName });
            const aes = (g * 18 + i) % 10 === 0;
            if (aes) expectedViolations++;
            const rule = { applyServerSideEncryptionByDefault: aes ? { sseAlgorithm: "AES256" } : { sseAlgorithm: "aws:kms", kmsMasterKeyId: preview ? UNKNOWN : keyArn }, bucketKeyEnabled: true };
            const deps: Record<string, string[]> = preview ? { bucket: [bucket.urn as string], rules: [key.urn as string] } : {};
            resources.push(bucket, res(SSE_TYPES[i % 2], `sse-${id}`, { bucket: preview ? UNKNOWN : bucketName, rules: [rule] }, deps));
        }
        const mountPath = `engine-${g}`;
        const mount = res("vault:aws/secretBackend:SecretBackend", `engine-${g}`, { path: mountPath });
        resources.push(mount);
        for (let s = 0; s < 2; s++) {
            resources.push(res("vault:kv/secretV2:SecretV2", `kv-${g}-${s}`, { mount: preview ? UNKNOWN : mountPath, path: `app/${s}` }, preview ? { mount: [mount.urn as string] } : {}));
            expectedViolations++;
        }
    }
    return { resources, expectedViolations };
}

/** Median wall and CPU milliseconds per run. CPU time shows what the code costs when other processes share the cores. */
async function measure(fn: () => Promise<unknown>, runs: number): Promise<{ wall: number; cpu: number }> {
    await fn();
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        await fn();
        wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
    }
    return { wall: median(wall), cpu: median(cpu) };
}

export const stackBench: BenchSection = {
    name: "stack",
    async run() {
        const stackPolicies = policies.filter((p) => p.keyguard.kind === "stack");
        heading(`AnalyzeStack in process (harness/in-process.ts), all stack policies: ${stackPolicies.map((p) => p.name).join(", ")}`);
        for (const preview of [true, false]) {
            const label = preview ? "preview (links by dependency)" : "applied (links by name)";
            const baseline: Record<string, { label: string; value: number }> = {};
            for (const n of [1000, 10000]) {
                const { resources, expectedViolations } = generateStack(n, preview);
                const outcome = await analyzeStack(stackPolicies, resources);
                if (outcome.diagnostics.length !== expectedViolations) {
                    throw new Error(`${label}, ${n} resources: expected ${expectedViolations} violations, got ${outcome.diagnostics.length}`);
                }
                const m = await measure(() => analyzeStack(stackPolicies, resources), n >= 10000 ? 5 : 10);
                const size = n >= 10000 ? "10k" : "1k";
                for (const kind of ["wall", "cpu"] as const) {
                    row(`${label}, ${size}, ${kind === "wall" ? "wall" : "CPU"}`, m[kind], "ms", baseline[kind]);
                    baseline[kind] ??= { label: "1k", value: m[kind] };
                }
                if (n >= 10000) {
                    for (const p of stackPolicies) {
                        const one = await measure(() => analyzeStack([p], resources), 3);
                        row(`  ${p.name} alone, 10k, wall / CPU`, one.wall, `ms / ${one.cpu.toFixed(0)} ms CPU`);
                    }
                }
            }
        }
    },
};
