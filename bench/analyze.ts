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
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyze, analyzeRequest, analyzeStack, analyzeStackRequest, Pack, peakRssMiB, startPack, WireResource } from "../harness/grpc";
import * as inProcess from "../harness/in-process";
import { secretWire, UNKNOWN } from "../policies/core/wire";
import * as T from "../policies/lib/types";
import { BenchSection, heading, median, row } from "./lib";
import { policies } from "../policies";
import { AWSGUARD, BARE, cpuMs, ensureAwsguard, KEYGUARD, PackUnderTest } from "./packs";
import { generateStack } from "./stack";

const ACCOUNT = "111122223333";
// A key id is a UUID (8-4-4-4-12 hex digits): a shorter first group is no key id, and
// secretsmanager-secret-cmk rightly flagged every such kmsKeyId (test/bench/analyze.test.ts).
const keyArn = (i: number) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/${String(i % 1e8).padStart(8, "0")}-12ab-34cd-56ef-1234567890ab`;
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

/** The floor's settings: the bare pack serves as many no-op resource and stack policies as keyguard has. */
export function floorEnv(): NodeJS.ProcessEnv {
    return { BARE_POLICIES: String(policies.filter((p) => p.keyguard.kind === "resource").length), BARE_STACK_POLICIES: String(policies.filter((p) => p.keyguard.kind === "stack").length) };
}

export const REQUESTS = 3000;
export const IN_FLIGHT = 8;

export interface Rate {
    /** Resources per second of wall time: what the client saw, on a machine it shares. */
    wall: number;
    /** Resources per second of the pack's own CPU time: what one core sustains for the pack. */
    perCpu: number;
}

/** Analyze calls with `inFlight` concurrent, as the engine analyzes steps in parallel. */
export async function throughput(pack: Pack, resources: Uint8Array[], inFlight: number): Promise<Rate> {
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

const REPORTING_FLOOR = "the floor, reporting keyguard's findings";

/**
 * What keyguard reports on the bench's requests (in-process, which the parity tests hold to the
 * pack): each finding by resource name (Analyze) and by URN (AnalyzeStack), for the floor that
 * reports them too. The SDK builds and sends every diagnostic; a floor that reports nothing leaves
 * that cost in keyguard's column though no policy pack could avoid it.
 */
async function writeKeyguardFindings(mix: WireResource[], largestStack: WireResource[]): Promise<string> {
    const resource: Record<string, string[]> = {};
    for (const r of mix) {
        const outcome = await inProcess.analyzeResource(policies, r);
        if (outcome.diagnostics.length) resource[r.name] = outcome.diagnostics.map((d) => inProcess.findingText(d.message));
    }
    // The stacks share names (a smaller one is the start of the largest), and a resource gets the same findings in each.
    const stack: Record<string, string[]> = {};
    for (const d of (await inProcess.analyzeStack(policies, largestStack)).diagnostics) {
        if (d.urn) (stack[d.urn] ??= []).push(inProcess.findingText(d.message));
    }
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keyguard-bench-")), "findings.json");
    fs.writeFileSync(file, JSON.stringify({ resource, stack }));
    return file;
}

/** A pack started for the whole section, measured in interleaved rounds with the others. */
interface Running {
    label: string;
    pack: Pack;
    rates: Rate[];
    stackMs: number[][];
    stackCpuMs: number[][];
    rssMiB?: number;
}

/**
 * Rounds per measurement: every pack runs once per round, in turn, so load on the machine falls on
 * all alike. KEYGUARD_BENCH_ROUNDS asks for more when a verdict sits within the noise of the line.
 */
export const ROUNDS = roundsFrom(process.env.KEYGUARD_BENCH_ROUNDS, 5);

function roundsFrom(setting: string | undefined, fallback: number): number {
    if (setting === undefined || setting === "") return fallback;
    const n = Number(setting);
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`KEYGUARD_BENCH_ROUNDS must be a whole number from 1 to 100 (got ${JSON.stringify(setting)})`);
    return n;
}

/**
 * A keyguard checkout to compare with in the same run (before/after a change): the directory of
 * another built keyguard (`npm ci && npm run build` there), e.g. a `git worktree` of the commit before.
 */
const BASELINE_DIR = process.env.KEYGUARD_BENCH_BASELINE;

export const analyzeBench: BenchSection = {
    name: "analyze",
    async run() {
        ensureAwsguard();
        const resources = resourceMix(REQUESTS);
        const mix = resources.map(analyzeRequest);
        const stacks = [1000, 10000].map((n) => {
            const stack = generateStack(n, true).resources;
            return { n, resources: stack, bytes: analyzeStackRequest(stack) };
        });
        // The SDK's own cost for as many policies as keyguard has, all doing nothing: the floor.
        const kinds = floorEnv();
        const findingsFile = await writeKeyguardFindings(resources, stacks[stacks.length - 1].resources);
        const under: { p: PackUnderTest; env?: NodeJS.ProcessEnv }[] = [
            { p: KEYGUARD },
            ...(BASELINE_DIR ? [{ p: { label: `keyguard at ${BASELINE_DIR}`, dir: BASELINE_DIR } }] : []),
            { p: BARE, env: kinds },
            { p: { label: REPORTING_FLOOR, dir: BARE.dir }, env: { ...kinds, BARE_FINDINGS: findingsFile } },
            { p: AWSGUARD },
        ];
        const running: Running[] = [];
        try {
            for (const u of under) running.push({ label: u.p.label, pack: await startPack({ packDir: u.p.dir, env: u.env }), rates: [], stackMs: stacks.map(() => []), stackCpuMs: stacks.map(() => []) });
            // Warm-up pass: JIT and lazy catalogs, as in a long preview.
            for (const r of running) {
                await throughput(r.pack, mix, IN_FLIGHT);
                for (const st of stacks) await analyzeStack(r.pack, st.bytes);
            }
            for (let round = 0; round < ROUNDS; round++) {
                // The order is reversed every other round: a pack that always went first would
                // always meet what the one before left behind (the client's own collections, say).
                const order = round % 2 === 0 ? running : [...running].reverse();
                for (const r of order) r.rates.push(await throughput(r.pack, mix, IN_FLIGHT));
                for (const [i, st] of stacks.entries()) {
                    for (const r of order) {
                        const c0 = cpuMs(r.pack.pid);
                        const t0 = process.hrtime.bigint();
                        await analyzeStack(r.pack, st.bytes);
                        r.stackMs[i].push(Number(process.hrtime.bigint() - t0) / 1e6);
                        r.stackCpuMs[i].push(cpuMs(r.pack.pid) - c0);
                    }
                }
            }
            for (const r of running) r.rssMiB = peakRssMiB(r.pack);
        } finally {
            await Promise.all(running.map((r) => r.pack.close()));
            fs.rmSync(path.dirname(findingsFile), { recursive: true, force: true });
        }
        const [kg, ...others] = running;
        const base = BASELINE_DIR ? others[0] : undefined;
        const bare = running.find((r) => r.label === BARE.label)!;
        const reporting = running.find((r) => r.label === REPORTING_FLOOR)!;
        const ag = running.find((r) => r.label === AWSGUARD.label)!;
        const wall = (r: Running) => median(r.rates.map((x) => x.wall));
        const perCpu = (r: Running) => median(r.rates.map((x) => x.perCpu));
        const stackWall = (r: Running, i: number) => median(r.stackMs[i]);
        const stackCpu = (r: Running, i: number) => median(r.stackCpuMs[i]);
        const floor = `bare pack, ${policies.length} no-op policies`;

        heading(`Analyze over gRPC: ${REQUESTS} resources, a mix of ${KINDS.length} catalog types, ${IN_FLIGHT} in flight (median of ${ROUNDS} interleaved rounds; higher is better)`);
        const bareWall = { label: "the floor", value: wall(bare) };
        row("keyguard (wall)", wall(kg), "res/s", bareWall);
        if (base) row(`${base.label} (wall)`, wall(base), "res/s", bareWall);
        row(`${floor} (wall): the floor`, wall(bare), "res/s");
        row("the floor, reporting keyguard's findings (wall)", wall(reporting), "res/s", bareWall);
        row("awsguard (wall)", wall(ag), "res/s", bareWall);
        const bareCpu = { label: "the floor", value: perCpu(bare) };
        row("keyguard per pack CPU-second", perCpu(kg), "res/s", bareCpu);
        if (base) row(`${base.label} per pack CPU-second`, perCpu(base), "res/s", bareCpu);
        row(`${floor}, per CPU-second`, perCpu(bare), "res/s");
        row("the floor, reporting keyguard's findings, per CPU-second", perCpu(reporting), "res/s", bareCpu);
        row("awsguard per pack CPU-second", perCpu(ag), "res/s", bareCpu);
        row("keyguard's own cost per resource (over the floor)", 1000 / perCpu(kg) - 1000 / perCpu(bare), "ms");

        heading(`AnalyzeStack over gRPC (preview stacks from bench/stack.ts; median of ${ROUNDS} interleaved calls; lower is better)`);
        for (const [i, st] of stacks.entries()) {
            const bareStack = { label: "the floor", value: stackWall(bare, i) };
            row(`keyguard, ${st.n} resources (wall)`, stackWall(kg, i), "ms", bareStack);
            if (base) row(`${base.label}, ${st.n} resources (wall)`, stackWall(base, i), "ms", bareStack);
            row(`${floor}, ${st.n} resources (wall)`, stackWall(bare, i), "ms");
            row(`the floor reporting keyguard's findings, ${st.n} (wall)`, stackWall(reporting, i), "ms", bareStack);
            row(`awsguard, ${st.n} resources (wall)`, stackWall(ag, i), "ms", bareStack);
            row(`keyguard, ${st.n} resources (pack CPU)`, stackCpu(kg, i), "ms", { label: "the floor", value: stackCpu(bare, i) });
            row(`${floor}, ${st.n} resources (pack CPU)`, stackCpu(bare, i), "ms");
        }

        heading("Peak RSS of the pack process after this workload (VmHWM)");
        // The floor runs as many policies as keyguard, whatever its pack's default label says.
        for (const r of running) row(r === bare ? floor : r.label, r.rssMiB ?? NaN, "MiB");

        const verdict = (label: string, ratio: number, met: boolean) => `${label}: ${met ? "met" : "MISSED"} (${ratio.toFixed(2)}×)`;
        const analyzeRatio = wall(kg) / wall(bare);
        const stackRatio = stackWall(kg, 1) / stackWall(bare, 1);
        console.log(`  target Analyze ≥ 0.85× the floor, ${verdict("wall", analyzeRatio, analyzeRatio >= 0.85)}; AnalyzeStack 10k ≤ 1.2× the floor, ${verdict("wall", stackRatio, stackRatio <= 1.2)}`);
        const analyzeOwn = wall(kg) / wall(reporting);
        const stackOwn = stackWall(kg, 1) / stackWall(reporting, 1);
        console.log(`  against the floor that reports the same findings: Analyze ${analyzeOwn.toFixed(2)}×, AnalyzeStack 10k ${stackOwn.toFixed(2)}× (what keyguard's checks cost, apart from the SDK's cost of reporting)`);
    },
};
