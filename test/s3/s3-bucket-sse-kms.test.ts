import { expect } from "chai";
import { urnOf, WireResource } from "../../harness/in-process";
import { s3BucketSseKms } from "../../policies/s3/s3-bucket-sse-kms";
import { expectClean, huge, judgeStack, secretWire, UNKNOWN } from "../helpers";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}
const urn = (r: WireResource) => r.urn as string;

/** A symmetric key as seeds 002/003 declare it; after apply, `id` and `arn` are known. */
const cmk = (props: Record<string, unknown> = {}) => res(KEY, "ai-model-kms-key", { description: "KMS key for AI model sensitive data", ...props });
const appliedCmk = (props: Record<string, unknown> = {}) => cmk({ id: KEY_ID, arn: KEY_ARN, keyId: KEY_ID, ...props });

const kmsDefault = (kmsMasterKeyId: unknown, sseAlgorithm: unknown = "aws:kms") => ({ applyServerSideEncryptionByDefault: kmsMasterKeyId === undefined ? { sseAlgorithm } : { sseAlgorithm, kmsMasterKeyId } });
/** v6 legacy Bucket with inline encryption (seeds 002 and 003). */
const inlineBucket = (rule: unknown, deps: Record<string, string[]> = {}, name = "ai-model-s3-bucket") => res(BUCKET, name, { bucket: `${name}-4f1c2e7`, serverSideEncryptionConfiguration: { rule } }, deps);
const sseConfig = (type: string, name: string, bucket: unknown, rules: unknown, deps: Record<string, string[]> = {}) => res(type, name, { bucket, rules }, deps);

const NO_ENCRYPTION =
    'no default encryption with a customer-managed KMS key (not set). Fix: add an aws.s3.BucketServerSideEncryptionConfiguration for this bucket with sseAlgorithm "aws:kms" and kmsMasterKeyId set to a customer-managed KMS key.';
const CMK_FIX = 'Fix: set sseAlgorithm "aws:kms" with kmsMasterKeyId set to a customer-managed KMS key.';
const KEY_FIX = "Fix: set kmsMasterKeyId to the ARN of a customer-managed KMS key.";
const SYMMETRIC_FIX = "Fix: set kmsMasterKeyId to a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key (S3 supports only symmetric keys).";

describe("s3-bucket-sse-kms", () => {
    it("passes a v6 inline Bucket on a CMK in the stack, in preview (seed 002/003 shape)", async () => {
        const key = cmk();
        const bucket = inlineBucket(kmsDefault(UNKNOWN), { serverSideEncryptionConfiguration: [urn(key)] });
        expectClean(await judgeStack(s3BucketSseKms, [key, bucket]));
    });

    it("passes a v6 inline Bucket after apply, its key matched by known id", async () => {
        expectClean(await judgeStack(s3BucketSseKms, [appliedCmk(), inlineBucket(kmsDefault(KEY_ID))]));
        expectClean(await judgeStack(s3BucketSseKms, [appliedCmk(), inlineBucket([kmsDefault(KEY_ARN)])]));
    });

    it("passes aws:kms:dsse and a key outside the stack", async () => {
        expectClean(await judgeStack(s3BucketSseKms, [inlineBucket(kmsDefault("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234567890abcdef1234567890abcdef", "aws:kms:dsse"))]));
    });

    it("passes a v6 BucketV2 with a BucketServerSideEncryptionConfigurationV2 linked by dependency", async () => {
        const key = cmk();
        const bucket = res(BUCKET_V2, "data", { bucket: "data-91ab" });
        const sse = sseConfig(SSE_V2, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN)], { bucket: [urn(bucket)], rules: [urn(key)] });
        expectClean(await judgeStack(s3BucketSseKms, [key, bucket, sse]));
    });

    it("passes a v7 Bucket with a BucketServerSideEncryptionConfiguration matched by known name", async () => {
        const bucket = res(BUCKET, "data", { bucket: "data-91ab", id: "data-91ab" });
        const sse = sseConfig(SSE, "data-sse", "data-91ab", [{ ...kmsDefault(KEY_ARN), bucketKeyEnabled: true }]);
        expectClean(await judgeStack(s3BucketSseKms, [appliedCmk(), bucket, sse]));
    });

    it("lets a separate configuration supersede the bucket's own output (S3's default AES256 after apply)", async () => {
        const bucket = res(BUCKET, "data", { bucket: "data-91ab", id: "data-91ab", serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: "" }, bucketKeyEnabled: false } } });
        expectClean(await judgeStack(s3BucketSseKms, [bucket, sseConfig(SSE, "data-sse", "data-91ab", [kmsDefault(KEY_ARN)])]));
        const alone = await judgeStack(s3BucketSseKms, [bucket]);
        expect(alone.messages).to.deep.equal([`data: default encryption in serverSideEncryptionConfiguration is not SSE-KMS ("AES256"). ${CMK_FIX}`]);
    });

    it("flags a bucket with no encryption, against the bucket's URN", async () => {
        for (const type of [BUCKET, BUCKET_V2]) {
            const bucket = res(type, "raw-data", { bucket: "raw-data-1" });
            const v = await judgeStack(s3BucketSseKms, [bucket]);
            expect(v.messages).to.deep.equal([`raw-data: ${NO_ENCRYPTION}`]);
            expect(v.diagnostics.map((d) => [d.urn, d.level])).to.deep.equal([[urn(bucket), "mandatory"]]);
        }
    });

    it("flags AES256, inline and in a configuration resource", async () => {
        const inline = await judgeStack(s3BucketSseKms, [inlineBucket({ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } })]);
        expect(inline.messages).to.deep.equal([`ai-model-s3-bucket: default encryption in serverSideEncryptionConfiguration is not SSE-KMS ("AES256"). ${CMK_FIX}`]);
        const bucket = res(BUCKET_V2, "data", { bucket: UNKNOWN });
        const sse = sseConfig(SSE_V2, "data-sse", UNKNOWN, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }], { bucket: [urn(bucket)] });
        const separate = await judgeStack(s3BucketSseKms, [bucket, sse]);
        expect(separate.messages).to.deep.equal([`data: default encryption in BucketServerSideEncryptionConfigurationV2 data-sse is not SSE-KMS ("AES256"). ${CMK_FIX}`]);
        expect(separate.diagnostics[0].urn).to.equal(urn(bucket));
    });

    it("flags the AWS managed key: alias/aws/s3, its ARN, an empty or a missing kmsMasterKeyId", async () => {
        const cases: [unknown, string][] = [
            ["alias/aws/s3", '"alias/aws/s3"'],
            ["arn:aws:kms:us-east-1:111122223333:alias/aws/s3", '"arn:aws:kms:us-east-1:111122223333:alias/aws/s3"'],
            ["", '""'],
            [undefined, "not set"],
        ];
        for (const [keyId, shown] of cases) {
            const v = await judgeStack(s3BucketSseKms, [inlineBucket(kmsDefault(keyId))]);
            expect(v.messages).to.deep.equal([`ai-model-s3-bucket: default encryption in serverSideEncryptionConfiguration uses an AWS managed key, not a customer-managed key (${shown}). ${KEY_FIX}`]);
        }
    });

    it("flags an SSE configuration on an asymmetric key in the stack, followed through dependencies in preview", async () => {
        const key = res(KEY, "signing-key", { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
        const bucket = res(BUCKET, "data", { bucket: UNKNOWN });
        const sse = sseConfig(SSE, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN)], { bucket: [urn(bucket)], rules: [urn(key)] });
        const v = await judgeStack(s3BucketSseKms, [key, bucket, sse]);
        expect(v.messages).to.deep.equal([`data: default encryption in BucketServerSideEncryptionConfiguration data-sse uses KMS key signing-key, which is not a symmetric ENCRYPT_DECRYPT key ("RSA_2048 SIGN_VERIFY"). ${SYMMETRIC_FIX}`]);
        expect(v.diagnostics[0].urn).to.equal(urn(bucket));
    });

    it("flags an asymmetric key matched by known ARN, and one reached through an alias", async () => {
        const key = res(KEY, "rsa-key", { keySpec: "RSA_4096", keyUsage: "ENCRYPT_DECRYPT", arn: KEY_ARN, id: KEY_ID });
        const byArn = await judgeStack(s3BucketSseKms, [key, inlineBucket(kmsDefault(KEY_ARN))]);
        expect(byArn.messages).to.deep.equal([
            `ai-model-s3-bucket: default encryption in serverSideEncryptionConfiguration uses KMS key rsa-key, which is not a symmetric ENCRYPT_DECRYPT key ("RSA_4096 ENCRYPT_DECRYPT"). ${SYMMETRIC_FIX}`,
        ]);
        const previewKey = res(KEY, "rsa-key", { keySpec: "RSA_4096" });
        const alias = res(ALIAS, "rsa-alias", { name: "alias/rsa", targetKeyId: UNKNOWN }, { targetKeyId: [urn(previewKey)] });
        const viaAlias = await judgeStack(s3BucketSseKms, [previewKey, alias, inlineBucket(kmsDefault(UNKNOWN), { serverSideEncryptionConfiguration: [urn(alias)] })]);
        expect(viaAlias.messages).to.deep.equal([
            `ai-model-s3-bucket: default encryption in serverSideEncryptionConfiguration uses KMS key rsa-key, which is not a symmetric ENCRYPT_DECRYPT key ("RSA_4096 ENCRYPT_DECRYPT"). ${SYMMETRIC_FIX}`,
        ]);
        const byAliasName = await judgeStack(s3BucketSseKms, [previewKey, alias, inlineBucket(kmsDefault("alias/rsa"))]);
        expect(byAliasName.messages).to.deep.equal(viaAlias.messages);
    });

    it("matches by dependency when names are unknown in preview, without noise", async () => {
        const key = cmk();
        const bucket = res(BUCKET, "data", { bucket: UNKNOWN, id: UNKNOWN });
        const sse = sseConfig(SSE, "data-sse", UNKNOWN, UNKNOWN, { bucket: [urn(bucket)] });
        expectClean(await judgeStack(s3BucketSseKms, [key, bucket, sse]));
        const sse2 = sseConfig(SSE, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN, UNKNOWN)], { bucket: [urn(bucket)] });
        expectClean(await judgeStack(s3BucketSseKms, [key, bucket, sse2]));
        const sse3 = sseConfig(SSE, "data-sse", UNKNOWN, [UNKNOWN], { bucket: [urn(bucket)] });
        expectClean(await judgeStack(s3BucketSseKms, [bucket, sse3]));
    });

    it("gives no verdict while an SSE configuration's target cannot be traced", async () => {
        const bucket = res(BUCKET, "data", { bucket: "data-1" });
        const untraced = sseConfig(SSE, "elsewhere-sse", UNKNOWN, [kmsDefault(KEY_ARN)]);
        expectClean(await judgeStack(s3BucketSseKms, [bucket, untraced]));
    });

    it("covers only the bucket an SSE configuration targets (two buckets, one configuration)", async () => {
        const a = res(BUCKET_V2, "a", { bucket: UNKNOWN });
        const b = res(BUCKET_V2, "b", { bucket: UNKNOWN });
        const sse = sseConfig(SSE_V2, "a-sse", UNKNOWN, [kmsDefault(KEY_ARN)], { bucket: [urn(a)] });
        const v = await judgeStack(s3BucketSseKms, [a, b, sse]);
        expect(v.messages).to.deep.equal([`b: ${NO_ENCRYPTION}`]);
        expect(v.diagnostics.map((d) => d.urn)).to.deep.equal([urn(b)]);
        const byName = await judgeStack(s3BucketSseKms, [res(BUCKET, "a", { bucket: "a-1" }), res(BUCKET, "b", { bucket: "b-1" }), sseConfig(SSE, "a-sse", "a-1", [kmsDefault(KEY_ARN)])]);
        expect(byName.messages).to.deep.equal([`b: ${NO_ENCRYPTION}`]);
    });

    it("judges v6 BucketV2's inline serverSideEncryptionConfigurations", async () => {
        const ok = res(BUCKET_V2, "v2", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }] }] }] });
        expectClean(await judgeStack(s3BucketSseKms, [ok]));
        const bad = res(BUCKET_V2, "v2", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }] });
        expect((await judgeStack(s3BucketSseKms, [bad])).messages).to.deep.equal([`v2: default encryption in serverSideEncryptionConfigurations uses an AWS managed key, not a customer-managed key (not set). ${KEY_FIX}`]);
    });

    it("reports malformed rules, never throws", async () => {
        const bucket = res(BUCKET_V2, "data", { bucket: "data-1" });
        const judged = async (rules: unknown) => (await judgeStack(s3BucketSseKms, [bucket, sseConfig(SSE_V2, "data-sse", "data-1", rules)])).messages;
        const where = "data: default encryption in BucketServerSideEncryptionConfigurationV2 data-sse";
        expect(await judged("AES256")).to.deep.equal([`data: BucketServerSideEncryptionConfigurationV2 data-sse has no applyServerSideEncryptionByDefault rule ("AES256"). ${CMK_FIX}`]);
        expect(await judged(null)).to.deep.equal([`data: BucketServerSideEncryptionConfigurationV2 data-sse has no applyServerSideEncryptionByDefault rule (not set). ${CMK_FIX}`]);
        expect(await judged([1, 2])).to.deep.equal([`data: BucketServerSideEncryptionConfigurationV2 data-sse has no applyServerSideEncryptionByDefault rule (1). ${CMK_FIX}`]);
        expect(await judged([kmsDefault(KEY_ARN, 42)])).to.deep.equal([`${where} is not SSE-KMS (42). ${CMK_FIX}`]);
        expect(await judged([kmsDefault(42)])).to.deep.equal([`${where} has a kmsMasterKeyId that is not a key ID, ARN or alias (42). ${KEY_FIX}`]);
        expect(await judged([{ applyServerSideEncryptionByDefault: "aws:kms" }])).to.deep.equal([`data: BucketServerSideEncryptionConfigurationV2 data-sse has no applyServerSideEncryptionByDefault rule ("aws:kms"). ${CMK_FIX}`]);
        const big = await judged([kmsDefault(huge(), huge())]);
        expect(big).to.have.length(1);
        expect(big[0]).to.match(/^data: default encryption in BucketServerSideEncryptionConfigurationV2 data-sse is not SSE-KMS \("x+…\)\. Fix: .+\.$/);
        expect(big[0].length).to.be.lessThan(400);
        // Deep, but within what the SDK's recursive deserializer (and the engine's protobuf) accept.
        let nested: unknown = kmsDefault(KEY_ARN);
        for (let i = 0; i < 500; i++) nested = [nested];
        expect(await judged([nested])).to.deep.equal([`data: BucketServerSideEncryptionConfigurationV2 data-sse has no applyServerSideEncryptionByDefault rule (${"[".repeat(159)}…). ${CMK_FIX}`]);
        const odd = await judgeStack(s3BucketSseKms, [res(BUCKET, "odd", { serverSideEncryptionConfiguration: 7 }), res(BUCKET, "odder", { serverSideEncryptionConfiguration: { rule: null } })]);
        expect(odd.messages).to.deep.equal([
            `odd: serverSideEncryptionConfiguration has no applyServerSideEncryptionByDefault rule (7). ${CMK_FIX}`,
            `odder: serverSideEncryptionConfiguration has no applyServerSideEncryptionByDefault rule (not set). ${CMK_FIX}`,
        ]);
    });

    it("reads secret-wrapped values like plain ones", async () => {
        const v = await judgeStack(s3BucketSseKms, [inlineBucket(kmsDefault(secretWire("alias/aws/s3")))]);
        expect(v.messages).to.deep.equal([`ai-model-s3-bucket: default encryption in serverSideEncryptionConfiguration uses an AWS managed key, not a customer-managed key ("alias/aws/s3"). ${KEY_FIX}`]);
    });

    it("passes an empty stack and a stack without buckets", async () => {
        expectClean(await judgeStack(s3BucketSseKms, []));
        expectClean(await judgeStack(s3BucketSseKms, [cmk()]));
    });

    it("flags alias/aws/s3, an empty and a missing key in a separate configuration resource, for both Bucket + config and BucketV2 + V2 config", async () => {
        for (const [bucketType, sseType, sseName] of [
            [BUCKET, SSE, "BucketServerSideEncryptionConfiguration"],
            [BUCKET_V2, SSE_V2, "BucketServerSideEncryptionConfigurationV2"],
        ]) {
            for (const [keyId, shown] of [["alias/aws/s3", '"alias/aws/s3"'], ["", '""'], [undefined, "not set"]] as Array<[unknown, string]>) {
                const v = await judgeStack(s3BucketSseKms, [res(bucketType, "data", { bucket: "data-1" }), sseConfig(sseType, "data-sse", "data-1", [kmsDefault(keyId)])]);
                expect(v.messages, `${sseName} ${shown}`).to.deep.equal([`data: default encryption in ${sseName} data-sse uses an AWS managed key, not a customer-managed key (${shown}). ${KEY_FIX}`]);
            }
        }
    });

    it("passes aws:kms:dsse in a separate configuration matched by dependency, and flags an HMAC key in the stack", async () => {
        const bucket = res(BUCKET, "data", { bucket: UNKNOWN });
        expectClean(await judgeStack(s3BucketSseKms, [bucket, sseConfig(SSE, "data-sse", UNKNOWN, [kmsDefault(KEY_ARN, "aws:kms:dsse")], { bucket: [urn(bucket)] })]));
        const hmac = res(KEY, "mac", { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" });
        const v = await judgeStack(s3BucketSseKms, [hmac, bucket, sseConfig(SSE, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN)], { bucket: [urn(bucket)], rules: [urn(hmac)] })]);
        expect(v.messages).to.deep.equal([`data: default encryption in BucketServerSideEncryptionConfiguration data-sse uses KMS key mac, which is not a symmetric ENCRYPT_DECRYPT key ("HMAC_256 GENERATE_VERIFY_MAC"). ${SYMMETRIC_FIX}`]);
    });

    it("stays quiet while a bucket's own encryption output is unknown (v6 Bucket and BucketV2)", async () => {
        expectClean(await judgeStack(s3BucketSseKms, [res(BUCKET, "x", { bucket: "x", serverSideEncryptionConfiguration: UNKNOWN })]));
        expectClean(await judgeStack(s3BucketSseKms, [res(BUCKET_V2, "x", { bucket: "x", serverSideEncryptionConfigurations: UNKNOWN })]));
    });
    it("matches by name only a name one bucket claims; a dependency still matches", async () => {
        const key = appliedCmk();
        const a = res(BUCKET, "a", { bucket: "shared-name" });
        const b = res(BUCKET, "b", { bucket: "shared-name" });
        const byName = sseConfig(SSE, "a-sse", "shared-name", [kmsDefault(KEY_ARN)]);
        const v = await judgeStack(s3BucketSseKms, [key, a, b, byName]);
        expect(v.messages).to.deep.equal([`a: ${NO_ENCRYPTION}`, `b: ${NO_ENCRYPTION}`]);
        const linked = sseConfig(SSE, "a-sse", "shared-name", [kmsDefault(KEY_ARN)], { bucket: [urn(a)] });
        const w = await judgeStack(s3BucketSseKms, [key, a, b, linked]);
        expect(w.messages).to.deep.equal([`b: ${NO_ENCRYPTION}`]);
    });

    it("stays linear when thousands of resources share one name and one key id (was quadratic: 4,000 took 217 s)", async () => {
        const n = 2000;
        const stack: WireResource[] = [];
        for (let i = 0; i < n; i++) {
            stack.push(res(KEY, `key-${i}`, { id: "same", arn: "same" }));
            stack.push(res(BUCKET, `bucket-${i}`, { bucket: "same", id: "same" }));
            stack.push(sseConfig(SSE, `sse-${i}`, "same", [kmsDefault("same")]));
        }
        const t0 = Date.now();
        const v = await judgeStack(s3BucketSseKms, stack);
        const elapsed = Date.now() - t0;
        expect(v.messages.length).to.equal(n);
        expect(v.messages[0]).to.equal(`bucket-0: ${NO_ENCRYPTION}`);
        expect(elapsed, `${elapsed} ms`).to.be.lessThan(5000);
    });
});

