import { expect } from "chai";
import { s3BucketKeyEnabled } from "../../policies/s3/s3-bucket-key-enabled";
import { expectClean, judge, remediate, secretWire, UNKNOWN } from "../helpers";

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const SSE_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const kmsRule = (extra: Record<string, unknown> = {}, sseAlgorithm = "aws:kms") => ({ applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId: KEY_ARN }, ...extra });
const FIX_RULES0 = "Fix: set bucketKeyEnabled: true on rules[0].";

describe("s3-bucket-key-enabled", () => {
    it("passes SSE-KMS rules with bucketKeyEnabled: true, on both configuration tokens", async () => {
        for (const type of [SSE, SSE_V2]) expectClean(await judge(s3BucketKeyEnabled, type, { bucket: "data-1", rules: [kmsRule({ bucketKeyEnabled: true })] }));
    });

    it("flags an SSE-KMS rule without Bucket Keys, at advisory level", async () => {
        const v = await judge(s3BucketKeyEnabled, SSE, { bucket: "data-1", rules: [kmsRule()] }, {}, "data-sse");
        expect(v.messages).to.deep.equal([`data-sse: SSE-KMS rule rules[0] does not turn on S3 Bucket Keys (not set). ${FIX_RULES0}`]);
        expect(v.diagnostics[0].level).to.equal("advisory");
        const off = await judge(s3BucketKeyEnabled, SSE_V2, { bucket: "data-1", rules: [kmsRule({ bucketKeyEnabled: false })] }, {}, "data-sse");
        expect(off.messages).to.deep.equal([`data-sse: SSE-KMS rule rules[0] does not turn on S3 Bucket Keys (false). ${FIX_RULES0}`]);
    });

    it("flags the v6 inline configuration where it is declared (seed 002/003 shape)", async () => {
        const props = { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } } } };
        const v = await judge(s3BucketKeyEnabled, BUCKET, props, {}, "ai-model-s3-bucket");
        expect(v.messages).to.deep.equal([
            "ai-model-s3-bucket: SSE-KMS rule serverSideEncryptionConfiguration.rule does not turn on S3 Bucket Keys (not set). Fix: set bucketKeyEnabled: true on serverSideEncryptionConfiguration.rule.",
        ]);
        const v2 = await judge(s3BucketKeyEnabled, BUCKET_V2, { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }] }, {}, "v2");
        expect(v2.messages).to.deep.equal([
            "v2: SSE-KMS rule serverSideEncryptionConfigurations[0].rules[0] does not turn on S3 Bucket Keys (not set). Fix: set bucketKeyEnabled: true on serverSideEncryptionConfigurations[0].rules[0].",
        ]);
    });

    it("does not apply to AES256 and DSSE-KMS (which has no Bucket Keys), nor to buckets without inline encryption", async () => {
        expectClean(await judge(s3BucketKeyEnabled, SSE, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }));
        expectClean(await judge(s3BucketKeyEnabled, SSE, { rules: [kmsRule({}, "aws:kms:dsse")] }));
        expectClean(await judge(s3BucketKeyEnabled, BUCKET, { bucket: "plain" }));
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judge(s3BucketKeyEnabled, SSE, { bucket: UNKNOWN, rules: UNKNOWN }));
        expectClean(await judge(s3BucketKeyEnabled, SSE, { rules: [kmsRule({ bucketKeyEnabled: UNKNOWN })] }));
        expectClean(await judge(s3BucketKeyEnabled, SSE, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: UNKNOWN } }] }));
    });

    it("never throws on malformed rules", async () => {
        for (const rules of ["aws:kms", 42, [null, 1, "x"], [{ applyServerSideEncryptionByDefault: 7 }], { nested: { deeper: [] } }]) {
            expectClean(await judge(s3BucketKeyEnabled, SSE, { rules }));
        }
        expectClean(await judge(s3BucketKeyEnabled, BUCKET, { serverSideEncryptionConfiguration: "aws:kms" }));
    });

    it("remediates by turning Bucket Keys on for each aws:kms rule, leaving the rest as it was", async () => {
        const rules = [kmsRule(), { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }, kmsRule({ bucketKeyEnabled: false })];
        const [fix] = await remediate(s3BucketKeyEnabled, SSE, { bucket: "data-1", rules, expectedBucketOwner: secretWire("111122223333") });
        expect(fix.policy).to.equal("s3-bucket-key-enabled");
        expect(fix.props.rules).to.deep.equal([{ ...kmsRule(), bucketKeyEnabled: true }, rules[1], kmsRule({ bucketKeyEnabled: true })]);
        expect(fix.props.bucket).to.equal("data-1");
        expect(fix.props.expectedBucketOwner).to.have.property("value", "111122223333");
        expect(rules[0]).to.not.have.property("bucketKeyEnabled");
    });

    it("remediates the v6 inline shape", async () => {
        const [fix] = await remediate(s3BucketKeyEnabled, BUCKET, { serverSideEncryptionConfiguration: { rule: kmsRule() } });
        expect(fix.props.serverSideEncryptionConfiguration).to.deep.equal({ rule: { ...kmsRule(), bucketKeyEnabled: true } });
    });

    it("leaves compliant, DSSE and secret-wrapped configurations alone", async () => {
        expect(await remediate(s3BucketKeyEnabled, SSE, { rules: [kmsRule({ bucketKeyEnabled: true })] })).to.deep.equal([]);
        expect(await remediate(s3BucketKeyEnabled, SSE, { rules: [kmsRule({}, "aws:kms:dsse")] })).to.deep.equal([]);
        expect(await remediate(s3BucketKeyEnabled, SSE, { rules: secretWire([kmsRule()]) })).to.deep.equal([]);
    });

    it("stays quiet while a bucket's inline encryption or its bucketKeyEnabled is unknown (v6 Bucket and BucketV2)", async () => {
        expectClean(await judge(s3BucketKeyEnabled, BUCKET, { serverSideEncryptionConfiguration: UNKNOWN }));
        expectClean(await judge(s3BucketKeyEnabled, BUCKET, { serverSideEncryptionConfiguration: { rule: kmsRule({ bucketKeyEnabled: UNKNOWN }) } }));
        expectClean(await judge(s3BucketKeyEnabled, BUCKET_V2, { serverSideEncryptionConfigurations: UNKNOWN }));
        expectClean(await judge(s3BucketKeyEnabled, BUCKET_V2, { serverSideEncryptionConfigurations: [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }], bucketKeyEnabled: UNKNOWN }] }] }));
    });
    it("remediates as it judges when parts of a rule are secrets: a secret `true` stays, a secret sseAlgorithm is still fixed and stays secret (fuzz)", async () => {
        const secretOn = { rules: [{ ...kmsRule(), bucketKeyEnabled: secretWire(true) }] };
        expectClean(await judge(s3BucketKeyEnabled, SSE, secretOn));
        expect(await remediate(s3BucketKeyEnabled, SSE, secretOn)).to.deep.equal([]);
        expect(await remediate(s3BucketKeyEnabled, BUCKET_V2, { serverSideEncryptionConfigurations: [{ rules: [{ ...kmsRule(), bucketKeyEnabled: secretWire(true) }] }] })).to.deep.equal([]);

        const secretAlgorithm = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: secretWire("aws:kms"), kmsMasterKeyId: KEY_ARN } }] };
        expect((await judge(s3BucketKeyEnabled, SSE, secretAlgorithm)).messages).to.deep.equal([`res: SSE-KMS rule rules[0] does not turn on S3 Bucket Keys (not set). ${FIX_RULES0}`]);
        const [fix] = await remediate(s3BucketKeyEnabled, SSE, secretAlgorithm);
        const [rule] = fix.props.rules as { bucketKeyEnabled: unknown; applyServerSideEncryptionByDefault: { sseAlgorithm: unknown } }[];
        expect(rule.bucketKeyEnabled).to.equal(true);
        expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).to.have.property("value", "aws:kms");
    });
});
