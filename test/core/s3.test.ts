/** policies/core/s3.ts: reading SSE rules in every shape, and the s3-bucket-sse-kms and s3-bucket-key-enabled rules. */
import { expect } from "chai";
import {
    SseRules,
    SseSource,
    StackKey,
    bucketKeyFindings,
    bucketSseFindings,
    effectiveSseSources,
    isSymmetricEncryptionKey,
    rulesWithoutBucketKey,
    sseKmsFindings,
    sseKmsKeyReference,
    sseRulesOf,
    withBucketKeys,
} from "../../policies/core/s3";
import { UNKNOWN } from "../../policies/core/wire";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const kms = (extra: Record<string, unknown> = {}, sseAlgorithm: unknown = "aws:kms") => ({ applyServerSideEncryptionByDefault: { sseAlgorithm, kmsMasterKeyId: KEY_ARN }, ...extra });
const source = (where: string, rules: SseRules): SseSource => ({ where, rules });
const noKey = (): StackKey | undefined => undefined;
const codes = (findings: { code: string }[] | undefined) => findings?.map((f) => f.code);

describe("core/s3: sseRulesOf", () => {
    it("reads the three shapes: v6 Bucket (rule object or list), BucketV2 (plural lists), configuration resource", () => {
        expect(sseRulesOf("bucket", { rule: kms({ bucketKeyEnabled: true }) })).to.deep.equal({
            state: "known",
            rules: [{ path: ["serverSideEncryptionConfiguration", "rule"], bucketKeyEnabled: true, defaults: [{ algorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }] }],
            malformed: [],
        });
        const list = sseRulesOf("bucket", { rule: [kms(), kms()] });
        expect(list.state === "known" && list.rules.map((r) => r.path)).to.deep.equal([
            ["serverSideEncryptionConfiguration", "rule", 0],
            ["serverSideEncryptionConfiguration", "rule", 1],
        ]);
        const v2 = sseRulesOf("bucketV2", [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }]);
        expect(v2.state === "known" && v2.rules.map((r) => r.path)).to.deep.equal([["serverSideEncryptionConfigurations", 0, "rules", 0]]);
        const config = sseRulesOf("config", [kms(), { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        expect(config.state === "known" && config.rules.map((r) => [r.path, r.defaults[0].algorithm])).to.deep.equal([
            [["rules", 0], "aws:kms"],
            [["rules", 1], "AES256"],
        ]);
    });

    it("is absent for nothing, unknown for anything computed along the way, and lists what is not an object", () => {
        expect(sseRulesOf("config", undefined)).to.deep.equal({ state: "absent" });
        expect(sseRulesOf("config", null)).to.deep.equal({ state: "absent" });
        for (const computed of [UNKNOWN, [UNKNOWN], [{ applyServerSideEncryptionByDefault: UNKNOWN }]]) expect(sseRulesOf("config", computed)).to.deep.equal({ state: "unknown" });
        expect(sseRulesOf("bucket", { rule: UNKNOWN })).to.deep.equal({ state: "unknown" });
        expect(sseRulesOf("config", [1, "x", null, { applyServerSideEncryptionByDefault: 7 }])).to.deep.equal({ state: "known", rules: [{ path: ["rules", 3], bucketKeyEnabled: undefined, defaults: [] }], malformed: [1, "x", 7] });
    });
});

describe("core/s3: s3-bucket-sse-kms's rule", () => {
    const known = (value: unknown) => sseRulesOf("config", value);
    it("codes each way a bucket misses a customer-managed key", () => {
        expect(codes(sseKmsFindings([], noKey))).to.deep.equal(["no-encryption"]);
        expect(codes(sseKmsFindings([source("c", known("AES256"))], noKey))).to.deep.equal(["no-default-rule"]);
        expect(codes(sseKmsFindings([source("c", known([kms({}, "AES256")]))], noKey))).to.deep.equal(["not-sse-kms"]);
        for (const id of [undefined, "", "alias/aws/s3", "arn:aws:kms:us-east-1:111122223333:alias/aws/s3"]) {
            expect(codes(sseKmsFindings([source("c", known([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: id } }]))], noKey)), String(id)).to.deep.equal(["aws-managed-key"]);
        }
        // Malformed, so not an AWS managed key: KMS would reject it.
        expect(codes(sseKmsFindings([source("c", known([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:::alias/aws/s3" } }]))], noKey))).to.deep.equal(["malformed-key-id"]);
        const rsa = (): StackKey => ({ name: "rsa", shape: { spec: "RSA_2048", usage: "ENCRYPT_DECRYPT" } });
        expect(sseKmsFindings([source("c", known([kms()]))], rsa)?.map((f) => [f.code, f.value])).to.deep.equal([["not-symmetric-key", "RSA_2048 ENCRYPT_DECRYPT"]]);
    });

    it("passes a CMK in or out of the stack, DSSE-KMS, and a key whose shape is still computed", () => {
        expect(sseKmsFindings([source("c", known([kms()]))], noKey)).to.deep.equal([]);
        expect(sseKmsFindings([source("c", known([kms({}, "aws:kms:dsse")]))], noKey)).to.deep.equal([]);
        expect(sseKmsFindings([source("c", known([kms()]))], () => ({ name: "k", shape: undefined }))).to.deep.equal([]);
        expect(sseKmsFindings([source("c", known([kms()]))], () => ({ name: "k", shape: { spec: "SYMMETRIC_DEFAULT", usage: "ENCRYPT_DECRYPT" } }))).to.deep.equal([]);
    });

    it("gives no verdict while a source or an algorithm is computed", () => {
        expect(sseKmsFindings([source("a", known("AES256")), source("b", { state: "unknown" })], noKey)).to.equal(undefined);
        expect(sseKmsFindings([source("c", known([kms({}, UNKNOWN)]))], noKey)).to.equal(undefined);
    });

    it("lets separate configurations supersede the inline one, and says nothing of a bucket an untraceable configuration may cover", () => {
        const inline = source("inline", known([kms({}, "AES256")]));
        const config = source("config", known([kms()]));
        expect(effectiveSseSources([config], inline)).to.deep.equal([config]);
        expect(effectiveSseSources([], inline)).to.deep.equal([inline]);
        expect(effectiveSseSources([], source("inline", { state: "absent" }))).to.deep.equal([]);
        const buckets = [
            { subject: "covered", configs: [config], inline },
            { subject: "bare", configs: [], inline: source("inline", { state: "absent" }) },
        ];
        expect(bucketSseFindings(buckets, false, noKey).map((f) => [f.subject, f.code])).to.deep.equal([["bare", "no-encryption"]]);
        expect(bucketSseFindings(buckets, true, noKey)).to.deep.equal([]);
    });

    it("finds the key reference of a bucket's first KMS default", () => {
        const config = source("config", known([kms({}, "AES256"), { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms:dsse", kmsMasterKeyId: "k" } }]));
        expect(sseKmsKeyReference([config])).to.deep.equal({ source: config, kmsMasterKeyId: "k" });
        expect(sseKmsKeyReference([source("c", known([kms({}, "AES256")]))])).to.equal(undefined);
        expect(sseKmsKeyReference([source("a", { state: "absent" }), source("b", { state: "unknown" })])).to.equal("unknown");
        expect(sseKmsKeyReference([source("c", known([kms({}, UNKNOWN)]))])).to.equal("unknown");
    });

    it("S3 takes only symmetric encryption keys", () => {
        expect(isSymmetricEncryptionKey("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")).to.equal(true);
        expect(isSymmetricEncryptionKey("SYMMETRIC_DEFAULT", "GENERATE_VERIFY_MAC")).to.equal(false);
        expect(isSymmetricEncryptionKey("RSA_2048", "ENCRYPT_DECRYPT")).to.equal(false);
    });
});

describe("core/s3: s3-bucket-key-enabled's rule and remediation", () => {
    const rules = [kms(), kms({}, "AES256"), kms({ bucketKeyEnabled: false }), kms({ bucketKeyEnabled: true }), kms({}, "aws:kms:dsse"), kms({ bucketKeyEnabled: UNKNOWN })];
    const judged = sseRulesOf("config", rules);

    it("finds the aws:kms rules without Bucket Keys: not DSSE-KMS (no Bucket Keys there), not a computed flag", () => {
        expect(rulesWithoutBucketKey(judged).map((r) => r.path)).to.deep.equal([
            ["rules", 0],
            ["rules", 2],
        ]);
        expect(rulesWithoutBucketKey({ state: "unknown" })).to.deep.equal([]);
        expect(bucketKeyFindings(judged).map((f) => [f.code, f.problem, f.fix])).to.deep.equal([
            ["bucket-key-off", "SSE-KMS rule rules[0] does not turn on S3 Bucket Keys", "set bucketKeyEnabled: true on rules[0]"],
            ["bucket-key-off", "SSE-KMS rule rules[2] does not turn on S3 Bucket Keys", "set bucketKeyEnabled: true on rules[2]"],
        ]);
        const v2 = sseRulesOf("bucketV2", [{ rules: [{ applyServerSideEncryptionByDefaults: [{ sseAlgorithm: "aws:kms" }] }] }]);
        expect(bucketKeyFindings(v2).map((f) => f.problem)).to.deep.equal(["SSE-KMS rule serverSideEncryptionConfigurations[0].rules[0] does not turn on S3 Bucket Keys"]);
    });

    it("turns Bucket Keys on along each rule's path, copying only that path and never the input", () => {
        const fixed = withBucketKeys(rules, judged) as Record<string, unknown>[];
        expect(fixed.map((r) => r.bucketKeyEnabled)).to.deep.equal([true, undefined, true, true, undefined, UNKNOWN]);
        expect(rules[0]).to.not.have.property("bucketKeyEnabled");
        expect(fixed[1]).to.equal(rules[1]);
        expect(fixed[0].applyServerSideEncryptionByDefault).to.equal(rules[0].applyServerSideEncryptionByDefault);
        const top = { rule: kms() };
        expect(withBucketKeys(top, sseRulesOf("bucket", top))).to.deep.equal({ rule: kms({ bucketKeyEnabled: true }) });
    });

    it("gives no remediation when nothing is missing, or when a container on the path is not plain (a Secret would come back in plaintext)", () => {
        expect(withBucketKeys([kms({ bucketKeyEnabled: true })], sseRulesOf("config", [kms({ bucketKeyEnabled: true })]))).to.equal(undefined);
        class Wrapped {
            constructor(readonly value: unknown) {}
        }
        expect(withBucketKeys([new Wrapped(kms())], sseRulesOf("config", [kms()]))).to.equal(undefined);
    });
});
