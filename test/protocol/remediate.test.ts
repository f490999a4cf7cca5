/**
 * Remediation over the Remediate call: with a policy configured to `remediate`, the pack answers
 * with the resource's new properties in wire format (secrets as signature objects).
 */
import { expect } from "chai";
import { configure, remediate } from "../../harness/grpc";
import { policies } from "../../policies";
import { KMS_KEY, S3_BUCKET_SSE_CONFIG as SSE, SECRETSMANAGER_SECRET_VERSION, VAULT_KV_SECRET_V2 as KV2 } from "../../policies/lib/types";
import { secretWire, UNKNOWN } from "../helpers";
import { policyNamed, usePack } from "./pack";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("protocol: Remediate", function () {
    this.timeout(60_000);
    const pack = usePack();

    before(async () => {
        const fixers = policies.filter((p) => p.keyguard.autoFix).map((p) => p.name);
        await configure(pack(), Object.fromEntries(fixers.map((name) => [name, "remediate"])));
    });

    it("kms-key-rotation turns rotation on and keeps the other properties, secrets still secret", async () => {
        const fixes = await remediate(pack(), { type: KMS_KEY, name: "aiPipelineKey", props: { description: secretWire("KMS key for AI pipeline"), enableKeyRotation: false } });
        expect(fixes.map((f) => f.policy)).to.deep.equal(["kms-key-rotation"]);
        expect(fixes[0].props).to.deep.equal({ description: secretWire("KMS key for AI pipeline"), enableKeyRotation: true });
    });

    it("kms-key-rotation leaves a key alone when rotation is on or unknown", async () => {
        expect(await remediate(pack(), { type: KMS_KEY, name: "k", props: { enableKeyRotation: true } })).to.deep.equal([]);
        expect(await remediate(pack(), { type: KMS_KEY, name: "k", props: { enableKeyRotation: UNKNOWN } })).to.deep.equal([]);
    });

    it("kms-key-deletion-window raises a short window to minDays, after rotation was turned on", async function () {
        if (!policyNamed("kms-key-deletion-window")) this.skip();
        const fixes = await remediate(pack(), { type: KMS_KEY, name: "k", props: { deletionWindowInDays: 7 } });
        expect(fixes.map((f) => f.policy)).to.deep.equal(["kms-key-rotation", "kms-key-deletion-window"]);
        // Each remediation starts from the previous one's result, as the engine applies them.
        expect(fixes[1].props).to.deep.equal({ deletionWindowInDays: 30, enableKeyRotation: true });
    });

    it("s3-bucket-key-enabled turns Bucket Keys on for SSE-KMS rules", async function () {
        if (!policyNamed("s3-bucket-key-enabled")) this.skip();
        const rule = { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } };
        const fixes = await remediate(pack(), { type: SSE, name: "data-sse", props: { bucket: "data-1", rules: [rule] } });
        expect(fixes).to.deep.equal([{ policy: "s3-bucket-key-enabled", props: { bucket: "data-1", rules: [{ ...rule, bucketKeyEnabled: true }] } }]);
    });

    it("vault-no-plaintext-data re-marks plaintext data as a secret", async function () {
        if (!policyNamed("vault-no-plaintext-data")) this.skip();
        const data = '{"password": "very-secr3t-p@ssw0rd"}';
        const fixes = await remediate(pack(), { type: KV2, name: "dbCreds", props: { mount: "kv", name: "db", dataJson: data } });
        expect(fixes).to.deep.equal([{ policy: "vault-no-plaintext-data", props: { mount: "kv", name: "db", dataJson: secretWire(data) } }]);
        expect(await remediate(pack(), { type: KV2, name: "dbCreds", props: { mount: "kv", name: "db", dataJson: secretWire(data) } })).to.deep.equal([]);
    });

    it("secretsmanager-no-plaintext-value re-marks a plaintext secretString as a secret", async function () {
        if (!policyNamed("secretsmanager-no-plaintext-value")) this.skip();
        const fixes = await remediate(pack(), { type: SECRETSMANAGER_SECRET_VERSION, name: "v", props: { secretId: "db", secretString: "p@ss" } });
        expect(fixes).to.deep.equal([{ policy: "secretsmanager-no-plaintext-value", props: { secretId: "db", secretString: secretWire("p@ss") } }]);
    });
});
