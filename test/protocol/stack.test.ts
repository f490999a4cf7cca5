/**
 * AnalyzeStack over the wire: stack policies attribute each finding to the offending resource's
 * URN, see propertyDependencies as the engine sends them, and agree with the in-process harness.
 */
import { expect } from "chai";
import { analyzeStack, urnOf, WireResource } from "../../harness/grpc";
import { analyzeStack as analyzeStackInProcess } from "../../harness/in-process";
import { policies } from "../../policies";
import { secretWire, UNKNOWN } from "../helpers";
import { policyNamed, usePack } from "./pack";

import { KMS_KEY as KEY, S3_BUCKET as BUCKET, S3_BUCKET_SSE_CONFIG_V2 as SSE_V2, S3_BUCKET_V2 as BUCKET_V2, VAULT_AWS_SECRET_BACKEND as AWS_BACKEND, VAULT_KV_SECRET_V2 as KV2 } from "../../policies/lib/types";

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies };
}

/** Seed 002/004 in preview: a CMK, an encrypted bucket, an unencrypted one, a kv secret in the AWS engine's mount. */
function seedStack(): WireResource[] {
    const key = res(KEY, "ai-model-kms-key", { description: "KMS key for AI model sensitive data", enableKeyRotation: true });
    const encrypted = res(BUCKET_V2, "models", { bucket: UNKNOWN });
    const sse = res(SSE_V2, "models-sse", { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN }, bucketKeyEnabled: true }] }, {
        bucket: [encrypted.urn!],
        rules: [key.urn!],
    });
    const raw = res(BUCKET, "raw-data", { bucket: "raw-data-1" });
    const backend = res(AWS_BACKEND, "ai-model-secret-backend", { path: "aws", defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400, accessKey: secretWire("AKIA"), secretKey: secretWire("s") });
    const secret = res(KV2, "ai-model-secret", { mount: UNKNOWN, name: "db", dataJson: secretWire('{"password": "x"}') }, { mount: [backend.urn!] });
    return [key, encrypted, sse, raw, backend, secret];
}

describe("protocol: AnalyzeStack", function () {
    this.timeout(60_000);
    const pack = usePack();

    it("attributes each stack policy's finding to the offending resource's URN, and one never hides another", async function () {
        if (!policyNamed("s3-bucket-sse-kms") || !policyNamed("vault-kv-mount-type")) this.skip();
        const outcome = await analyzeStack(pack(), seedStack());
        const found = outcome.diagnostics.map((d) => [d.policy, d.level, d.urn]);
        expect(found).to.deep.equal([
            ["s3-bucket-sse-kms", "mandatory", urnOf(BUCKET, "raw-data")],
            ["vault-kv-mount-type", "mandatory", urnOf(KV2, "ai-model-secret")],
        ]);
        expect(outcome.diagnostics[0].message.split("\n")[1]).to.match(/^raw-data: no default encryption with a customer-managed KMS key \(not set\)\. Fix: /);
    });

    it("agrees with the in-process harness on the same stack", async () => {
        const stack = seedStack();
        expect(await analyzeStack(pack(), stack)).to.deep.equal(await analyzeStackInProcess(policies, stack));
    });

    it("runs only stack policies: resource findings come from Analyze, not twice", async () => {
        const outcome = await analyzeStack(pack(), [res(KEY, "k", { enableKeyRotation: false })]);
        const stackPolicies = new Set(policies.filter((p) => p.keyguard.kind === "stack").map((p) => p.name));
        expect(outcome.diagnostics.filter((d) => !stackPolicies.has(d.policy))).to.deep.equal([]);
    });

    it("says nothing about a stack that is unknown everywhere (preview of computed values)", async () => {
        const stack = seedStack().map((r) => ({ ...r, props: Object.fromEntries(Object.keys(r.props).map((k) => [k, UNKNOWN])), propertyDependencies: {} }));
        const outcome = await analyzeStack(pack(), stack);
        expect(outcome.diagnostics).to.deep.equal([]);
    });
});
