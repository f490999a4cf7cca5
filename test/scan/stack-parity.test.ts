/**
 * `keyguard scan` is a second door to the same verdicts: every stack policy is handed the whole
 * stack, as the engine hands it over AnalyzeStack. For each stack policy of the pack, stacks that
 * pass and fail (keys named by alias and alias ARN, preview links, resources the policy does not
 * declare) are judged by runScan and by the pack over gRPC, and must agree exactly.
 */
import { expect } from "chai";
import { analyzeStack, urnOf } from "../../harness/grpc";
import type { WireResource } from "../../harness/in-process";
import { policies } from "../../policies";
import { runScan } from "../../scan/run";
import type { ScanResource } from "../../scan/input";
import { usePack } from "../protocol/pack";
import { UNKNOWN } from "../lib/policy-tester";
import { order, verdict } from "./verdicts";

const ACCOUNT = "111122223333";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): ScanResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}

/** What every real stack holds besides the policy's own resources: the stack itself and a provider. */
const frame = (): ScanResource[] => [res("pulumi:pulumi:Stack", "keyguard-test-dev", {}), res("pulumi:providers:aws", "default_7_48_0", { region: "us-east-1" })];

const rsaKey = (name = "ai-key") => res("aws:kms/key:Key", name, { id: KEY_ID, arn: KEY_ARN, keySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT", description: "RSA key for the AI pipeline" });
const symmetricKey = (name = "ai-key") => res("aws:kms/key:Key", name, { id: KEY_ID, arn: KEY_ARN, description: "Symmetric key for the AI pipeline", enableKeyRotation: true });
const alias = (name: string, target: WireResource, known = true) =>
    res("aws:kms/alias:Alias", `${name}-alias`, { name: `alias/${name}`, arn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/${name}`, targetKeyId: known ? KEY_ID : UNKNOWN }, known ? {} : { targetKeyId: [target.urn!] });

/** A v7 bucket with a separate SSE configuration naming its key by `keyRef`. */
function bucketWithKey(keyRef: unknown, deps: string[] = []): ScanResource[] {
    const bucket = res("aws:s3/bucket:Bucket", "training-data", { bucket: "training-data-123", id: "training-data-123" });
    const sse = res(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "training-data-sse",
        { bucket: "training-data-123", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyRef }, bucketKeyEnabled: true }] },
        { bucket: [bucket.urn], ...(deps.length ? { rules: deps } : {}) },
    );
    return [bucket, sse];
}

interface ParityCase {
    title: string;
    stack: ScanResource[];
    /** How many violations the policy gives on it (parity on nothing would prove nothing). */
    violations: number;
}

/** The cases for each stack policy of the pack; a stack policy without cases fails the suite. */
const CASES: Record<string, ParityCase[]> = {
    "s3-bucket-sse-kms": [
        { title: "a bucket whose key is named by alias, pointing at an RSA key", stack: (() => { const k = rsaKey(); return [k, alias("ai-key", k), ...bucketWithKey("alias/ai-key")]; })(), violations: 1 },
        { title: "a bucket whose key is named by alias ARN, pointing at an RSA key", stack: (() => { const k = rsaKey(); return [k, alias("ai-key", k), ...bucketWithKey(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/ai-key`)]; })(), violations: 1 },
        { title: "a bucket whose key is named by alias, pointing at a symmetric key", stack: (() => { const k = symmetricKey(); return [k, alias("ai-key", k), ...bucketWithKey("alias/ai-key")]; })(), violations: 0 },
        {
            title: "preview: the key comes through an alias whose target is computed",
            stack: (() => {
                const k = rsaKey();
                const a = alias("ai-key", k, false);
                return [k, a, ...bucketWithKey(UNKNOWN, [a.urn])];
            })(),
            violations: 1,
        },
        { title: "a bucket under alias/aws/s3", stack: bucketWithKey("alias/aws/s3"), violations: 1 },
        { title: "a bucket without default encryption", stack: [res("aws:s3/bucket:Bucket", "logs", { bucket: "logs-123" })], violations: 1 },
    ],
    "vault-kv-mount-type": [
        {
            title: "a kv secret written to the AWS secrets engine's mount",
            stack: (() => {
                const backend = res("vault:aws/secretBackend:SecretBackend", "ai-backend", { path: "aws" });
                return [backend, res("vault:kv/secretV2:SecretV2", "ai-secret", { mount: "aws", name: "db" }, { mount: [backend.urn] })];
            })(),
            violations: 1,
        },
        {
            title: "a kv secret on a kv-v2 mount",
            stack: (() => {
                const mount = res("vault:index/mount:Mount", "kvv2", { path: "kvv2", type: "kv-v2" });
                return [mount, res("vault:kv/secretV2:SecretV2", "ai-secret", { mount: "kvv2", name: "db" }, { mount: [mount.urn] })];
            })(),
            violations: 0,
        },
    ],
    "s3-kms-key-access": [
        {
            title: "a Vault role reads a bucket whose key is named by alias, with no KMS action on the key",
            stack: (() => {
                const k = symmetricKey();
                const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::training-data-123/*" }] });
                const bucket = res("aws:s3/bucket:Bucket", "training-data", { bucket: "training-data-123", arn: "arn:aws:s3:::training-data-123", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/ai-key" } } } });
                return [k, alias("ai-key", k), bucket, res("vault:aws/secretBackendRole:SecretBackendRole", "reader", { backend: "aws", credentialType: "iam_user", policyDocument: doc })];
            })(),
            violations: 1,
        },
        {
            title: "the same role, allowed kms:Decrypt on the key",
            stack: (() => {
                const k = symmetricKey();
                const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::training-data-123/*" }, { Effect: "Allow", Action: "kms:Decrypt", Resource: KEY_ARN }] });
                const bucket = res("aws:s3/bucket:Bucket", "training-data", { bucket: "training-data-123", arn: "arn:aws:s3:::training-data-123", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/ai-key" } } } });
                return [k, alias("ai-key", k), bucket, res("vault:aws/secretBackendRole:SecretBackendRole", "reader", { backend: "aws", credentialType: "iam_user", policyDocument: doc })];
            })(),
            violations: 0,
        },
    ],
    "aws-encryption-at-rest-cmk": [
        {
            title: "a queue whose key is named by alias, pointing at an RSA key",
            stack: (() => {
                const k = rsaKey();
                return [k, alias("jobs-key", k), res("aws:sqs/queue:Queue", "jobs", { kmsMasterKeyId: "alias/jobs-key" })];
            })(),
            violations: 1,
        },
        {
            title: "a queue whose key is named by alias, pointing at a symmetric key",
            stack: (() => {
                const k = symmetricKey();
                return [k, alias("jobs-key", k), res("aws:sqs/queue:Queue", "jobs", { kmsMasterKeyId: "alias/jobs-key" })];
            })(),
            violations: 0,
        },
    ],
};

const stackPolicies = policies.filter((p) => p.keyguard.kind === "stack");

describe("keyguard scan: every stack policy gets the whole stack, as over gRPC", function () {
    this.timeout(180_000);
    const pack = usePack();

    it("has parity cases for every stack policy of the pack", () => {
        expect(stackPolicies.map((p) => p.name).filter((name) => !CASES[name]?.length)).to.deep.equal([]);
    });

    for (const policy of stackPolicies) {
        for (const c of CASES[policy.name] ?? []) {
            it(`${policy.name}: ${c.title}`, async () => {
                const stack = [...frame(), ...c.stack];
                const overWire = (await analyzeStack(pack(), stack)).diagnostics.filter((d) => d.policy === policy.name).map((d) => verdict(d, d.urn ?? ""));
                const scanned = await runScan({ kind: "stack-export", resources: stack, total: stack.length, stackUrn: stack[0].urn }, [policy], {}, "never");
                const byScan = scanned.violations.map(({ policy: name, level, message, urn }) => ({ policy: name, level, message, urn }));
                expect(byScan.sort(order)).to.deep.equal(overWire.sort(order));
                expect(overWire, JSON.stringify(overWire)).to.have.length(c.violations);
            });
        }
    }
});
