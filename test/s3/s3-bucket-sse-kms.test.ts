import { expect } from "chai";
import { WireResource } from "../../harness/in-process";
import { s3BucketSseKms } from "../../policies/s3/s3-bucket-sse-kms";
import { KMS_ALIAS, KMS_KEY, S3_BUCKET, S3_BUCKET_SSE_CONFIG, S3_BUCKET_SSE_CONFIG_V2, S3_BUCKET_V2 } from "../../policies/lib/types";
import { huge, judgeStack } from "../helpers";
import { UNKNOWN, secretWire, stackResource as res, testPolicy } from "../lib/policy-tester";

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;

const urn = (r: WireResource) => r.urn as string;
/** A symmetric key as seeds 002/003 declare it; after apply, `id` and `arn` are known. */
const cmk = (props: Record<string, unknown> = {}) => res(KMS_KEY, "ai-model-kms-key", { description: "KMS key for AI model sensitive data", ...props });
const appliedCmk = (props: Record<string, unknown> = {}) => cmk({ id: KEY_ID, arn: KEY_ARN, keyId: KEY_ID, ...props });

const kmsDefault = (kmsMasterKeyId: unknown, sseAlgorithm: unknown = "aws:kms") => ({ applyServerSideEncryptionByDefault: kmsMasterKeyId === undefined ? { sseAlgorithm } : { sseAlgorithm, kmsMasterKeyId } });
/** v6 legacy Bucket with inline encryption (seeds 002 and 003). */
const inlineBucket = (rule: unknown, deps: Record<string, string[]> = {}, name = "ai-model-s3-bucket") => res(S3_BUCKET, name, { bucket: `${name}-4f1c2e7`, serverSideEncryptionConfiguration: { rule } }, deps);
const sseConfig = (type: string, name: string, bucket: unknown, rules: unknown, deps: Record<string, string[]> = {}) => res(type, name, { bucket, rules }, deps);

const NO_ENCRYPTION =
    'no default encryption with a customer-managed KMS key (not set). Fix: add an aws.s3.BucketServerSideEncryptionConfiguration for this bucket with sseAlgorithm "aws:kms" and kmsMasterKeyId set to a customer-managed KMS key.';
const CMK_FIX = 'Fix: set sseAlgorithm "aws:kms" with kmsMasterKeyId set to a customer-managed KMS key.';
const KEY_FIX = "Fix: set kmsMasterKeyId to the ARN of a customer-managed KMS key.";
const SYMMETRIC_FIX = "Fix: set kmsMasterKeyId to a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT key (S3 supports only symmetric keys).";
const INLINE = "ai-model-s3-bucket: default encryption in serverSideEncryptionConfiguration";
const awsManaged = (where: string, shown: string) => `${where} uses an AWS managed key, not a customer-managed key (${shown}). ${KEY_FIX}`;
const noRule = (where: string, shown: string) => `${where} has no applyServerSideEncryptionByDefault rule (${shown}). ${CMK_FIX}`;

/** The stacks that several cases share. */
const v2Data = res(S3_BUCKET_V2, "data", { bucket: "data-1" });
const malformedV2 = (rules: unknown) => [v2Data, sseConfig(S3_BUCKET_SSE_CONFIG_V2, "data-sse", "data-1", rules)];
const V2_SSE = "data: BucketServerSideEncryptionConfigurationV2 data-sse";
const V2_DEFAULT = "data: default encryption in BucketServerSideEncryptionConfigurationV2 data-sse";
const previewV2 = res(S3_BUCKET_V2, "data", { bucket: UNKNOWN });
const previewBucket = res(S3_BUCKET, "data", { bucket: UNKNOWN });
const rsaKey = res(KMS_KEY, "rsa-key", { keySpec: "RSA_4096", keyUsage: "ENCRYPT_DECRYPT", arn: KEY_ARN, id: KEY_ID });
const previewRsaKey = res(KMS_KEY, "rsa-key", { keySpec: "RSA_4096" });
const rsaAlias = res(KMS_ALIAS, "rsa-alias", { name: "alias/rsa", targetKeyId: UNKNOWN }, { targetKeyId: [urn(previewRsaKey)] });
const RSA_INLINE = `${INLINE} uses KMS key rsa-key, which is not a symmetric ENCRYPT_DECRYPT key ("RSA_4096 ENCRYPT_DECRYPT"). ${SYMMETRIC_FIX}`;
const outputAes = res(S3_BUCKET, "data", {
    bucket: "data-91ab",
    id: "data-91ab",
    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256", kmsMasterKeyId: "" }, bucketKeyEnabled: false } },
});
const twoA = res(S3_BUCKET_V2, "a", { bucket: UNKNOWN });
const twoB = res(S3_BUCKET_V2, "b", { bucket: UNKNOWN });
const sharedA = res(S3_BUCKET, "a", { bucket: "shared-name" });
const sharedB = res(S3_BUCKET, "b", { bucket: "shared-name" });
const signingKey = res(KMS_KEY, "signing-key", { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
const hmacKey = res(KMS_KEY, "mac", { keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" });
let deeplyNested: unknown = kmsDefault(KEY_ARN);
// Deep, but within what the SDK's recursive deserializer (and the engine's protobuf) accept.
for (let i = 0; i < 500; i++) deeplyNested = [deeplyNested];

/** A separate configuration naming an AWS managed key (or none), for both Bucket + config and BucketV2 + V2 config. */
const separateAwsManaged = ([bucketType, sseType, sseName]: [string, string, string], [keyId, shown]: [unknown, string]) => ({
    title: `${sseName} with kmsMasterKeyId ${shown}`,
    resources: [res(bucketType, "data", { bucket: "data-1" }), sseConfig(sseType, "data-sse", "data-1", [kmsDefault(keyId)])],
    messages: [awsManaged(`data: default encryption in ${sseName} data-sse`, shown)],
    codes: ["aws-managed-key"],
});
const PAIRS: [string, string, string][] = [
    [S3_BUCKET, S3_BUCKET_SSE_CONFIG, "BucketServerSideEncryptionConfiguration"],
    [S3_BUCKET_V2, S3_BUCKET_SSE_CONFIG_V2, "BucketServerSideEncryptionConfigurationV2"],
];
const AWS_MANAGED_IDS: [unknown, string][] = [
    ["alias/aws/s3", '"alias/aws/s3"'],
    ["", '""'],
    [undefined, "not set"],
];

testPolicy(s3BucketSseKms, {
    valid: [
        { title: "a v6 inline Bucket after apply, its key matched by known id", resources: [appliedCmk(), inlineBucket(kmsDefault(KEY_ID))] },
        { title: "a v6 inline Bucket whose rule is a list, key by ARN", resources: [appliedCmk(), inlineBucket([kmsDefault(KEY_ARN)])] },
        { title: "aws:kms:dsse under a key outside the stack", resources: [inlineBucket(kmsDefault("arn:aws:kms:eu-west-1:111122223333:key/mrk-1234567890abcdef1234567890abcdef", "aws:kms:dsse"))] },
        {
            title: "a v7 Bucket with a configuration matched by known name",
            resources: [appliedCmk(), res(S3_BUCKET, "data", { bucket: "data-91ab", id: "data-91ab" }), sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", "data-91ab", [{ ...kmsDefault(KEY_ARN), bucketKeyEnabled: true }])],
        },
        { title: "a separate configuration supersedes the bucket's own output (S3's default AES256 after apply)", resources: [outputAes, sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", "data-91ab", [kmsDefault(KEY_ARN)])] },
        {
            title: "a v6 BucketV2's inline serverSideEncryptionConfigurations",
            resources: [res(S3_BUCKET_V2, "v2", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }] }] }] })],
        },
        { title: "an empty stack", resources: [] },
        { title: "a stack without buckets", resources: [cmk()] },
    ],
    invalid: [
        { title: "a bucket's own AES256 output, with no configuration to supersede it", resources: [outputAes], messages: [`data: default encryption in serverSideEncryptionConfiguration is not SSE-KMS ("AES256"). ${CMK_FIX}`], codes: ["not-sse-kms"] },
        { title: "a Bucket with no encryption, on its URN", resources: [res(S3_BUCKET, "raw-data", { bucket: "raw-data-1" })], messages: [`raw-data: ${NO_ENCRYPTION}`], codes: ["no-encryption"], level: "mandatory" },
        { title: "a BucketV2 with no encryption, on its URN", resources: [res(S3_BUCKET_V2, "raw-data", { bucket: "raw-data-1" })], messages: [`raw-data: ${NO_ENCRYPTION}`], codes: ["no-encryption"] },
        { title: "AES256 inline", resources: [inlineBucket({ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } })], messages: [`${INLINE} is not SSE-KMS ("AES256"). ${CMK_FIX}`], codes: ["not-sse-kms"] },
        {
            title: "AES256 in a configuration resource linked by dependency, on the bucket's URN",
            resources: [previewV2, sseConfig(S3_BUCKET_SSE_CONFIG_V2, "data-sse", UNKNOWN, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }], { bucket: [urn(previewV2)] })],
            messages: [`${V2_DEFAULT} is not SSE-KMS ("AES256"). ${CMK_FIX}`],
            codes: ["not-sse-kms"],
        },
        { title: "alias/aws/s3", resources: [inlineBucket(kmsDefault("alias/aws/s3"))], messages: [awsManaged(INLINE, '"alias/aws/s3"')], codes: ["aws-managed-key"] },
        {
            title: "alias/aws/s3 by its ARN",
            resources: [inlineBucket(kmsDefault("arn:aws:kms:us-east-1:111122223333:alias/aws/s3"))],
            messages: [awsManaged(INLINE, '"arn:aws:kms:us-east-1:111122223333:alias/aws/s3"')],
            codes: ["aws-managed-key"],
        },
        { title: "an empty kmsMasterKeyId", resources: [inlineBucket(kmsDefault(""))], messages: [awsManaged(INLINE, '""')], codes: ["aws-managed-key"] },
        { title: "no kmsMasterKeyId", resources: [inlineBucket(kmsDefault(undefined))], messages: [awsManaged(INLINE, "not set")], codes: ["aws-managed-key"] },
        {
            title: "a configuration on an asymmetric key in the stack, followed through dependencies in preview",
            resources: [signingKey, previewBucket, sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN)], { bucket: [urn(previewBucket)], rules: [urn(signingKey)] })],
            messages: [`data: default encryption in BucketServerSideEncryptionConfiguration data-sse uses KMS key signing-key, which is not a symmetric ENCRYPT_DECRYPT key ("RSA_2048 SIGN_VERIFY"). ${SYMMETRIC_FIX}`],
            codes: ["not-symmetric-key"],
        },
        { title: "an asymmetric key matched by known ARN", resources: [rsaKey, inlineBucket(kmsDefault(KEY_ARN))], messages: [RSA_INLINE], codes: ["not-symmetric-key"] },
        {
            title: "an asymmetric key reached through an alias by dependency",
            resources: [previewRsaKey, rsaAlias, inlineBucket(kmsDefault(UNKNOWN), { serverSideEncryptionConfiguration: [urn(rsaAlias)] })],
            messages: [RSA_INLINE],
            codes: ["not-symmetric-key"],
        },
        { title: "an asymmetric key reached through an alias by its name", resources: [previewRsaKey, rsaAlias, inlineBucket(kmsDefault("alias/rsa"))], messages: [RSA_INLINE], codes: ["not-symmetric-key"] },
        {
            title: "a configuration covers only the bucket it targets (by dependency)",
            resources: [twoA, twoB, sseConfig(S3_BUCKET_SSE_CONFIG_V2, "a-sse", UNKNOWN, [kmsDefault(KEY_ARN)], { bucket: [urn(twoA)] })],
            messages: [`b: ${NO_ENCRYPTION}`],
            codes: ["no-encryption"],
        },
        {
            title: "a configuration covers only the bucket it targets (by name)",
            resources: [res(S3_BUCKET, "a", { bucket: "a-1" }), res(S3_BUCKET, "b", { bucket: "b-1" }), sseConfig(S3_BUCKET_SSE_CONFIG, "a-sse", "a-1", [kmsDefault(KEY_ARN)])],
            messages: [`b: ${NO_ENCRYPTION}`],
            codes: ["no-encryption"],
        },
        {
            title: "a v6 BucketV2's inline configurations without a key",
            resources: [res(S3_BUCKET_V2, "v2", { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }] })],
            messages: [awsManaged("v2: default encryption in serverSideEncryptionConfigurations", "not set")],
            codes: ["aws-managed-key"],
        },
        { title: "malformed: rules is a string", resources: malformedV2("AES256"), messages: [noRule(V2_SSE, '"AES256"')], codes: ["no-default-rule"] },
        { title: "malformed: rules is null", resources: malformedV2(null), messages: [noRule(V2_SSE, "not set")], codes: ["no-default-rule"] },
        { title: "malformed: rules are numbers", resources: malformedV2([1, 2]), messages: [noRule(V2_SSE, "1")], codes: ["no-default-rule"] },
        { title: "malformed: a numeric sseAlgorithm", resources: malformedV2([kmsDefault(KEY_ARN, 42)]), messages: [`${V2_DEFAULT} is not SSE-KMS (42). ${CMK_FIX}`], codes: ["not-sse-kms"] },
        {
            title: "malformed: a numeric kmsMasterKeyId",
            resources: malformedV2([kmsDefault(42)]),
            messages: [`${V2_DEFAULT} has a kmsMasterKeyId that is not a key ID, ARN or alias (42). ${KEY_FIX}`],
            codes: ["malformed-key-id"],
        },
        { title: "malformed: the default is a string", resources: malformedV2([{ applyServerSideEncryptionByDefault: "aws:kms" }]), messages: [noRule(V2_SSE, '"aws:kms"')], codes: ["no-default-rule"] },
        {
            title: "malformed: 5 MB values, shown truncated",
            resources: malformedV2([kmsDefault(huge(), huge())]),
            messages: [`${V2_DEFAULT} is not SSE-KMS ("${"x".repeat(158)}…). ${CMK_FIX}`],
            codes: ["not-sse-kms"],
        },
        { title: "malformed: a rule 500 lists deep", resources: malformedV2([deeplyNested]), messages: [noRule(V2_SSE, `${"[".repeat(159)}…`)], codes: ["no-default-rule"] },
        {
            title: "malformed inline configurations: a number, a null rule",
            resources: [res(S3_BUCKET, "odd", { serverSideEncryptionConfiguration: 7 }), res(S3_BUCKET, "odder", { serverSideEncryptionConfiguration: { rule: null } })],
            messages: [noRule("odd: serverSideEncryptionConfiguration", "7"), noRule("odder: serverSideEncryptionConfiguration", "not set")],
            codes: ["no-default-rule", "no-default-rule"],
        },
        { title: "a secret-wrapped key id reads like a plain one", resources: [inlineBucket(kmsDefault(secretWire("alias/aws/s3")))], messages: [awsManaged(INLINE, '"alias/aws/s3"')], codes: ["aws-managed-key"] },
        ...PAIRS.flatMap((pair) => AWS_MANAGED_IDS.map((id) => separateAwsManaged(pair, id))),
        {
            title: "an HMAC key in the stack, through a configuration's dependencies",
            resources: [hmacKey, previewBucket, sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN)], { bucket: [urn(previewBucket)], rules: [urn(hmacKey)] })],
            messages: [`data: default encryption in BucketServerSideEncryptionConfiguration data-sse uses KMS key mac, which is not a symmetric ENCRYPT_DECRYPT key ("HMAC_256 GENERATE_VERIFY_MAC"). ${SYMMETRIC_FIX}`],
            codes: ["not-symmetric-key"],
        },
        {
            title: "a name two buckets claim matches neither by name",
            resources: [appliedCmk(), sharedA, sharedB, sseConfig(S3_BUCKET_SSE_CONFIG, "a-sse", "shared-name", [kmsDefault(KEY_ARN)])],
            messages: [`a: ${NO_ENCRYPTION}`, `b: ${NO_ENCRYPTION}`],
            codes: ["no-encryption", "no-encryption"],
        },
        {
            title: "a name two buckets claim: a dependency still matches",
            resources: [appliedCmk(), sharedA, sharedB, sseConfig(S3_BUCKET_SSE_CONFIG, "a-sse", "shared-name", [kmsDefault(KEY_ARN)], { bucket: [urn(sharedA)] })],
            messages: [`b: ${NO_ENCRYPTION}`],
            codes: ["no-encryption"],
        },
    ],
    preview: [
        { title: "seed 002/003: a v6 inline Bucket on a CMK in the stack", resources: [cmk(), inlineBucket(kmsDefault(UNKNOWN), { serverSideEncryptionConfiguration: [urn(cmk())] })] },
        {
            title: "a BucketV2 with a V2 configuration linked by dependency",
            resources: [cmk(), v2Data, sseConfig(S3_BUCKET_SSE_CONFIG_V2, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN)], { bucket: [urn(v2Data)], rules: [urn(cmk())] })],
        },
        { title: "computed rules of a configuration linked by dependency", resources: [cmk(), previewBucket, sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", UNKNOWN, UNKNOWN, { bucket: [urn(previewBucket)] })] },
        { title: "a computed sseAlgorithm", resources: [cmk(), previewBucket, sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", UNKNOWN, [kmsDefault(UNKNOWN, UNKNOWN)], { bucket: [urn(previewBucket)] })] },
        { title: "a computed rule", resources: [previewBucket, sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", UNKNOWN, [UNKNOWN], { bucket: [urn(previewBucket)] })] },
        { title: "no verdict while a configuration's target cannot be traced", resources: [res(S3_BUCKET, "data", { bucket: "data-1" }), sseConfig(S3_BUCKET_SSE_CONFIG, "elsewhere-sse", UNKNOWN, [kmsDefault(KEY_ARN)])] },
        { title: "aws:kms:dsse in a configuration matched by dependency", resources: [previewBucket, sseConfig(S3_BUCKET_SSE_CONFIG, "data-sse", UNKNOWN, [kmsDefault(KEY_ARN, "aws:kms:dsse")], { bucket: [urn(previewBucket)] })] },
        { title: "a v6 Bucket's own encryption output computed", resources: [res(S3_BUCKET, "x", { bucket: "x", serverSideEncryptionConfiguration: UNKNOWN })] },
        { title: "a BucketV2's own encryption output computed", resources: [res(S3_BUCKET_V2, "x", { bucket: "x", serverSideEncryptionConfigurations: UNKNOWN })] },
    ],
});

describe("s3-bucket-sse-kms at scale", () => {
    it("stays linear when thousands of resources share one name and one key id (was quadratic: 4,000 took 217 s)", async () => {
        const n = 2000;
        const stack: WireResource[] = [];
        for (let i = 0; i < n; i++) {
            stack.push(res(KMS_KEY, `key-${i}`, { id: "same", arn: "same" }));
            stack.push(res(S3_BUCKET, `bucket-${i}`, { bucket: "same", id: "same" }));
            stack.push(sseConfig(S3_BUCKET_SSE_CONFIG, `sse-${i}`, "same", [kmsDefault("same")]));
        }
        const t0 = Date.now();
        const v = await judgeStack(s3BucketSseKms, stack);
        const elapsed = Date.now() - t0;
        expect(v.messages.length).to.equal(n);
        expect(v.messages[0]).to.equal(`bucket-0: ${NO_ENCRYPTION}`);
        expect(elapsed, `${elapsed} ms`).to.be.lessThan(5000);
    });
});
