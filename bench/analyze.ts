/**
 * The engine's calls over gRPC, against the pack process started as the CLI starts it:
 * - Analyze throughput on a generated mix of the catalog's resource types with realistic
 *   properties (secrets as wire wrappers, some unknowns), keyguard and awsguard on the same requests;
 * - AnalyzeStack time for generated stacks of 1k and 10k resources (bench/stack.ts's preview
 *   stacks: buckets with SSE configuration resources linked by propertyDependencies);
 * - each pack's peak RSS after the workload.
 * A bare @pulumi/policy pack with as many no-op resource and stack policies as keyguard shows
 * what the SDK costs by itself (it deserializes and wraps every resource for every policy).
 * Requests are encoded before the clock starts, so the figures are the pack's, not protobuf-js's.
 */
import { analyze, analyzeRequest, analyzeStack, analyzeStackRequest, Pack, peakRssMiB, startPack, WireResource } from "../harness/grpc";
import { secretWire, UNKNOWN } from "../policies/core/wire";
import * as T from "../policies/lib/types";
import { BenchSection, heading, median, row, timeRuns } from "./lib";
import { policies } from "../policies";
import { AWSGUARD, BARE, cpuMs, ensureAwsguard, KEYGUARD, PackUnderTest } from "./packs";
import { generateStack } from "./stack";

const ACCOUNT = "111122223333";
const keyArn = (i: number) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/0000${i}-12ab-34cd-56ef-1234567890ab`;
const doc = (statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** One realistic resource of each kind the catalog judges; `i` varies names and turns some into violations. */
const KINDS: ((i: number) => Omit<WireResource, "name">)[] = [
    (i) => ({
        type: T.KMS_KEY,
        props: {
            description: "KMS key for AI pipeline training data",
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: i % 3 !== 0,
            deletionWindowInDays: i % 4 ? 30 : 7,
            policy: doc([
                { Sid: "Root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
                { Sid: "Use", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/trainer` }, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" },
            ]),
        },
    }),
    (i) => ({ type: T.KMS_ALIAS, props: { name: i % 5 ? `alias/ai-pipeline-${i}` : "alias/aws/ebs", targetKeyId: UNKNOWN } }),
    (i) => ({
        type: T.IAM_POLICY,
        props: {
            name: `trainer-${i}`,
            policy: doc([
                { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: keyArn(i) },
                { Effect: "Allow", Action: i % 7 ? ["s3:GetObject", "s3:PutObject"] : "s3:*", Resource: `arn:aws:s3:::models-${i}/*` },
            ]),
        },
    }),
    (i) => ({
        type: T.IAM_ROLE,
        props: {
            name: `trainer-${i}`,
            assumeRolePolicy: doc([{ Effect: "Allow", Principal: { Service: i % 9 ? "sagemaker.amazonaws.com" : "aiforecasts.amazonaws.com" }, Action: "sts:AssumeRole" }]),
            inlinePolicies: [{ name: "read", policy: doc([{ Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn(i) }]) }],
        },
    }),
    (i) => ({ type: T.IAM_ROLE_POLICY, props: { role: UNKNOWN, policy: doc([{ Effect: "Allow", Action: i % 6 ? "kms:Decrypt" : "kms:*", Resource: i % 6 ? keyArn(i) : "*" }]) } }),
    (i) => ({ type: T.S3_BUCKET_V2, props: { bucket: `models-${i}`, forceDestroy: false } }),
    (i) => ({
        type: T.S3_BUCKET_SSE_CONFIG_V2,
        props: { bucket: `models-${i}`, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn(i) }, bucketKeyEnabled: i % 2 === 0 }] },
    }),
    (i) => ({ type: T.SECRETSMANAGER_SECRET, props: { name: `db-${i}`, kmsKeyId: i % 3 ? keyArn(i) : "alias/aws/secretsmanager", recoveryWindowInDays: 7 } }),
    (i) => ({ type: T.SECRETSMANAGER_SECRET_VERSION, props: { secretId: UNKNOWN, secretString: i % 4 ? secretWire(`{"password":"p${i}"}`) : `{"password":"p${i}"}` } }),
    (i) => ({ type: T.VAULT_KV_SECRET_V2, props: { mount: "kv", name: `app-${i}`, dataJson: i % 4 ? secretWire('{"password":"x"}') : '{"password":"x"}' } }),
    (i) => ({
        type: T.VAULT_AWS_SECRET_BACKEND,
        props: { path: `aws-${i}`, accessKey: secretWire("AKIAIOSFODNN7EXAMPLE"), secretKey: secretWire("s"), defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: i % 5 ? 86400 : 0 },
    }),
    (i) => ({
        type: T.VAULT_AWS_SECRET_BACKEND_ROLE,
        props: { backend: `aws-${i}`, name: `role-${i}`, credentialType: i % 3 ? "assumed_role" : "iam_user", roleArns: [`arn:aws:iam::${ACCOUNT}:role/trainer`], policyDocument: doc([{ Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn(i) }]) },
    }),
    (i) => ({ type: T.VAULT_AWS_AUTH_BACKEND_ROLE, props: { role: `r-${i}`, authType: "iam", boundIamPrincipalArns: [`arn:aws:iam::${ACCOUNT}:role/trainer`], tokenPolicies: ["default"], tokenMaxTtl: 3600 } }),
];

export function resourceMix(n: number): WireResource[] {
    return Array.from({ length: n }, (_, i) => ({ ...KINDS[i % KINDS.length](i), name: `r-${i}` }));
}

const REQUESTS = 3000;
const IN_FLIGHT = 8;

interface Rate {
    /** Resources per second of wall time: what the client saw, on a machine it shares. */
    wall: number;
    /** Resources per second of the pack's own CPU time: what one core sustains for the pack. */
    perCpu: number;
}

/** Analyze calls with `inFlight` concurrent, as the engine analyzes steps in parallel. */
async function throughput(pack: Pack, resources: Uint8Array[], inFlight: number): Promise<Rate> {
    let next = 0;
    const worker = async () => {
        while (next < resources.length) await analyze(pack, resources[next++]);
    };
    const c0 = cpuMs(pack.pid);
    const t0 = process.hrtime.bigint();
    await Promise.all(Array.from({ length: inFlight }, worker));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { wall: resources.length / seconds, perCpu: resources.length / ((cpuMs(pack.pid) - c0) / 1000) };
}

async function withPack<T>(p: PackUnderTest, fn: (pack: Pack) => Promise<T>, env?: NodeJS.ProcessEnv): Promise<{ result: T; rssMiB: number }> {
    const pack = await startPack({ packDir: p.dir, env });
    try {
        const result = await fn(pack);
        return { result, rssMiB: peakRssMiB(pack) ?? NaN };
    } finally {
        await pack.close();
    }
}

export const analyzeBench: BenchSection = {
    name: "analyze",
    async run() {
        ensureAwsguard();
        const mix = resourceMix(REQUESTS).map(analyzeRequest);
        const stacks = [1000, 10000].map((n) => ({ n, bytes: analyzeStackRequest(generateStack(n, true).resources) }));

        const analyzeOnly = async (pack: Pack) => {
            await throughput(pack, mix, IN_FLIGHT); // warm-up pass: JIT and lazy catalogs, as in a long preview
            return throughput(pack, mix, IN_FLIGHT);
        };
        const measure = async (pack: Pack) => {
            const rate = await analyzeOnly(pack);
            const stackMs: number[] = [];
            const stackCpuMs: number[] = [];
            for (const s of stacks) {
                const cpu: number[] = [];
                stackMs.push(
                    median(
                        await timeRuns(async () => {
                            const c0 = cpuMs(pack.pid);
                            await analyzeStack(pack, s.bytes);
                            cpu.push(cpuMs(pack.pid) - c0);
                        }, s.n > 1000 ? 5 : 7),
                    ),
                );
                stackCpuMs.push(median(cpu));
            }
            return { rate, stackMs, stackCpuMs };
        };
        const kg = await withPack(KEYGUARD, measure);
        const ag = await withPack(AWSGUARD, measure);
        // The SDK's own cost for as many policies as keyguard has, all doing nothing.
        const kinds = { BARE_POLICIES: String(policies.filter((p) => p.keyguard.kind === "resource").length), BARE_STACK_POLICIES: String(policies.filter((p) => p.keyguard.kind === "stack").length) };
        const bare = await withPack(BARE, measure, kinds);

        heading(`Analyze over gRPC: ${REQUESTS} resources, a mix of ${KINDS.length} catalog types, ${IN_FLIGHT} in flight (higher is better)`);
        const agWall = { label: "awsguard", value: ag.result.rate.wall };
        row("keyguard (wall)", kg.result.rate.wall, "res/s", agWall);
        row("awsguard (wall)", ag.result.rate.wall, "res/s");
        row(`bare pack, ${policies.length} no-op policies (wall)`, bare.result.rate.wall, "res/s", agWall);
        const agCpu = { label: "awsguard", value: ag.result.rate.perCpu };
        row("keyguard per pack CPU-second", kg.result.rate.perCpu, "res/s", agCpu);
        row("awsguard per pack CPU-second", ag.result.rate.perCpu, "res/s");
        row(`bare pack, ${policies.length} no-op policies, per CPU-second`, bare.result.rate.perCpu, "res/s", agCpu);
        row("keyguard's own cost per resource (over the bare pack)", 1000 / kg.result.rate.perCpu - 1000 / bare.result.rate.perCpu, "ms");

        heading("AnalyzeStack over gRPC (preview stacks from bench/stack.ts; median per call)");
        for (const [i, s] of stacks.entries()) {
            row(`keyguard, ${s.n} resources (wall)`, kg.result.stackMs[i], "ms", { label: "awsguard", value: ag.result.stackMs[i] });
            row(`keyguard, ${s.n} resources (pack CPU)`, kg.result.stackCpuMs[i], "ms", { label: "bare", value: bare.result.stackCpuMs[i] });
            row(`awsguard, ${s.n} resources (wall)`, ag.result.stackMs[i], "ms");
            row(`bare pack, same policy count, ${s.n} resources (wall)`, bare.result.stackMs[i], "ms");
            row(`bare pack, same policy count, ${s.n} resources (pack CPU)`, bare.result.stackCpuMs[i], "ms");
        }

        heading("Peak RSS of the pack process after this workload (VmHWM)");
        row("keyguard", kg.rssMiB, "MiB", { label: "awsguard", value: ag.rssMiB });
        row("awsguard", ag.rssMiB, "MiB");

        const tenK = kg.result.stackMs[1];
        console.log(
            `  target Analyze ≥ 2,000 res/s: ${kg.result.rate.wall >= 2000 ? "met" : "MISSED"} (${kg.result.rate.wall.toFixed(0)} wall, ${kg.result.rate.perCpu.toFixed(0)} per pack CPU-second); ` +
                `AnalyzeStack 10k ≤ 1 s: ${tenK <= 1000 ? "met" : "MISSED"} (${tenK.toFixed(0)} ms)`,
        );
    },
};
