import { Secret } from "@pulumi/policy";
import { s3BucketKeyEnabled } from "../../policies/s3/s3-bucket-key-enabled";
import { S3_BUCKET, S3_BUCKET_SSE_CONFIG, S3_BUCKET_SSE_CONFIG_V2, S3_BUCKET_V2 } from "../../policies/lib/types";
import { UNKNOWN, secretWire, testPolicy } from "../lib/policy-tester";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const kmsRule = (extra: Record<string, unknown> = {}, sseAlgorithm = "aws:kms") => ({ applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId: KEY_ARN }, ...extra });
const AES_RULE = { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } };
const off = (resource: string, path: string, value: string) => `${resource}: SSE-KMS rule ${path} does not turn on S3 Bucket Keys (${value}). Fix: set bucketKeyEnabled: true on ${path}.`;
const v2Rules = (rule: Record<string, unknown>) => ({ serverSideEncryptionConfigurations: [{ rules: [rule] }] });

testPolicy(s3BucketKeyEnabled, {
    type: S3_BUCKET_SSE_CONFIG,
    valid: [
        { title: "an SSE-KMS rule with Bucket Keys on", props: { bucket: "data-1", rules: [kmsRule({ bucketKeyEnabled: true })] } },
        { title: "an SSE-KMS rule with Bucket Keys on (V2 configuration)", type: S3_BUCKET_SSE_CONFIG_V2, props: { bucket: "data-1", rules: [kmsRule({ bucketKeyEnabled: true })] } },
        { title: "AES256 has no Bucket Keys", props: { rules: [AES_RULE] } },
        { title: "DSSE-KMS does not support Bucket Keys", props: { rules: [kmsRule({}, "aws:kms:dsse")] } },
        { title: "a bucket without inline encryption", type: S3_BUCKET, props: { bucket: "plain" } },
        { title: "malformed rules: a string", props: { rules: "aws:kms" } },
        { title: "malformed rules: a number", props: { rules: 42 } },
        { title: "malformed rules: a list of non-rules", props: { rules: [null, 1, "x"] } },
        { title: "malformed rules: a default that is a number", props: { rules: [{ applyServerSideEncryptionByDefault: 7 }] } },
        { title: "malformed rules: a nested object", props: { rules: { nested: { deeper: [] } } } },
        { title: "a malformed inline configuration", type: S3_BUCKET, props: { serverSideEncryptionConfiguration: "aws:kms" } },
        { title: "a secret `bucketKeyEnabled: true` is on (fuzz)", props: { rules: [kmsRule({ bucketKeyEnabled: secretWire(true) })] } },
    ],
    invalid: [
        { title: "an SSE-KMS rule without Bucket Keys, at advisory level", name: "data-sse", props: { bucket: "data-1", rules: [kmsRule()] }, messages: [off("data-sse", "rules[0]", "not set")], codes: ["bucket-key-off"], level: "advisory" },
        { title: "Bucket Keys off (V2 configuration)", type: S3_BUCKET_SSE_CONFIG_V2, name: "data-sse", props: { bucket: "data-1", rules: [kmsRule({ bucketKeyEnabled: false })] }, messages: [off("data-sse", "rules[0]", "false")], codes: ["bucket-key-off"] },
        {
            title: "seed 002/003: the v6 inline configuration, where it is declared",
            type: S3_BUCKET,
            name: "ai-model-s3-bucket",
            props: { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } } } },
            messages: [off("ai-model-s3-bucket", "serverSideEncryptionConfiguration.rule", "not set")],
            codes: ["bucket-key-off"],
        },
        {
            title: "a v6 BucketV2's inline configurations",
            type: S3_BUCKET_V2,
            name: "v2",
            props: v2Rules({ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }),
            messages: [off("v2", "serverSideEncryptionConfigurations[0].rules[0]", "not set")],
            codes: ["bucket-key-off"],
        },
        {
            title: "a secret sseAlgorithm reads like a plain one (fuzz)",
            props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: secretWire("aws:kms"), kmsMasterKeyId: KEY_ARN } }] },
            messages: [off("res", "rules[0]", "not set")],
            codes: ["bucket-key-off"],
        },
        {
            title: "each SSE-KMS rule on its own",
            props: { rules: [kmsRule(), AES_RULE, kmsRule({ bucketKeyEnabled: false })] },
            messages: [off("res", "rules[0]", "not set"), off("res", "rules[2]", "false")],
            codes: ["bucket-key-off", "bucket-key-off"],
        },
    ],
    preview: [
        { title: "computed rules and bucket", props: { bucket: UNKNOWN, rules: UNKNOWN } },
        { title: "a computed bucketKeyEnabled", props: { rules: [kmsRule({ bucketKeyEnabled: UNKNOWN })] } },
        { title: "a computed sseAlgorithm", props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: UNKNOWN } }] } },
        { title: "a v6 Bucket's computed inline configuration", type: S3_BUCKET, props: { serverSideEncryptionConfiguration: UNKNOWN } },
        { title: "a v6 Bucket's computed bucketKeyEnabled", type: S3_BUCKET, props: { serverSideEncryptionConfiguration: { rule: kmsRule({ bucketKeyEnabled: UNKNOWN }) } } },
        { title: "a BucketV2's computed inline configurations", type: S3_BUCKET_V2, props: { serverSideEncryptionConfigurations: UNKNOWN } },
        { title: "a BucketV2's computed bucketKeyEnabled", type: S3_BUCKET_V2, props: v2Rules({ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }], bucketKeyEnabled: UNKNOWN }) },
    ],
    remediate: [
        {
            title: "turns Bucket Keys on for each aws:kms rule, leaving the rest (and secrets) as they were",
            props: { bucket: "data-1", rules: [kmsRule(), AES_RULE, kmsRule({ bucketKeyEnabled: false })], expectedBucketOwner: secretWire("111122223333") },
            output: { bucket: "data-1", rules: [kmsRule({ bucketKeyEnabled: true }), AES_RULE, kmsRule({ bucketKeyEnabled: true })], expectedBucketOwner: new Secret("111122223333") },
        },
        { title: "the v6 inline shape", type: S3_BUCKET, props: { serverSideEncryptionConfiguration: { rule: kmsRule() } }, output: { serverSideEncryptionConfiguration: { rule: kmsRule({ bucketKeyEnabled: true }) } } },
        { title: "leaves a compliant rule alone", props: { rules: [kmsRule({ bucketKeyEnabled: true })] }, output: null },
        { title: "leaves DSSE-KMS alone", props: { rules: [kmsRule({}, "aws:kms:dsse")] }, output: null },
        { title: "leaves a secret-wrapped configuration alone (it would come back in plaintext)", props: { rules: secretWire([kmsRule()]) }, output: null },
        { title: "leaves a secret-wrapped rule alone", props: { rules: [secretWire(kmsRule())] }, output: null },
        { title: "a secret `bucketKeyEnabled: true` stays (fuzz: it was rewritten in plaintext)", props: { rules: [kmsRule({ bucketKeyEnabled: secretWire(true) })] }, output: null },
        { title: "a secret `bucketKeyEnabled: true` stays on a BucketV2", type: S3_BUCKET_V2, props: v2Rules(kmsRule({ bucketKeyEnabled: secretWire(true) })), output: null },
        {
            title: "a secret sseAlgorithm is still fixed and stays secret (fuzz)",
            props: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: secretWire("aws:kms"), kmsMasterKeyId: KEY_ARN } }] },
            output: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: new Secret("aws:kms"), kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }] },
        },
    ],
});
