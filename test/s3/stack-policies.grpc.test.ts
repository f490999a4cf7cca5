import { expect } from "chai";
import { usePack } from "../protocol/pack";
import { analyzeStack, urnOf, WireResource } from "../../harness/grpc";
import { analyzeStack as analyzeStackInProcess } from "../../harness/in-process";
import { policies } from "../../policies";
import { UNKNOWN } from "../helpers";

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies };
}

/** A preview: names and IDs unknown, links only through propertyDependencies. */
function previewStack(): WireResource[] {
    const key = res("aws:kms/key:Key", "ai-model-kms-key", { description: "KMS key for AI model sensitive data" });
    const seedBucket = res(
        "aws:s3/bucket:Bucket",
        "ai-model-s3-bucket",
        { bucket: UNKNOWN, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } } } },
        { serverSideEncryptionConfiguration: [key.urn as string] },
    );
    const logs = res("aws:s3/bucket:Bucket", "logs", { bucket: UNKNOWN });
    const logsSse = res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "logs-sse", { bucket: UNKNOWN, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, { bucket: [logs.urn as string] });
    const backend = res("vault:aws/secretBackend:SecretBackend", "ai-model-secret-backend", { path: "aws" });
    const kv = res("vault:kv/secretV2:SecretV2", "ai-model-secret", { path: "database/credentials", mount: "aws" }, { mount: [backend.urn as string] });
    return [key, seedBucket, logs, logsSse, backend, kv];
}

describe("stack policies over gRPC (s3-bucket-sse-kms, vault-kv-mount-type)", function () {
    this.timeout(60_000);
    const pack = usePack();

    it("attributes each violation to the offending resource's URN, as the in-process harness does", async () => {
        const stack = previewStack();
        const ours = (o: { diagnostics: { policy: string }[] }) => o.diagnostics.filter((d) => d.policy === "s3-bucket-sse-kms" || d.policy === "vault-kv-mount-type");
        const overWire = ours(await analyzeStack(pack(), stack));
        expect(overWire.map((d) => [d.policy, (d as { urn?: string }).urn])).to.deep.equal([
            ["s3-bucket-sse-kms", urnOf("aws:s3/bucket:Bucket", "logs")],
            ["vault-kv-mount-type", urnOf("vault:kv/secretV2:SecretV2", "ai-model-secret")],
        ]);
        expect(overWire).to.deep.equal(ours(await analyzeStackInProcess(policies, stack)));
    });
});
