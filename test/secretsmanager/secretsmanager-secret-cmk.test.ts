import { expect } from "chai";
import { parseKeyReference } from "../../policies/core/kms";
import { secretsmanagerSecretCmk } from "../../policies/secretsmanager/secretsmanager-secret-cmk";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const SECRET = "aws:secretsmanager/secret:Secret";
const judgeSecret = (props: Record<string, unknown>) => judge(secretsmanagerSecretCmk, SECRET, props, {}, "pipelineSecret");
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const FIX = "Fix: set kmsKeyId to a customer-managed key's ARN (e.g. key.arn).";
const NO_KEY = "has no kmsKeyId, so Secrets Manager uses the AWS managed key alias/aws/secretsmanager";
const MANAGED = "is encrypted with an AWS managed key, whose policy the org cannot control";
const NOT_A_KEY = "has a kmsKeyId that is not a KMS key id, key ARN, alias or alias ARN";

describe("secretsmanager-secret-cmk", () => {
    it("passes a secret under a customer-managed key, named any way Secrets Manager accepts", async () => {
        for (const kmsKeyId of [KEY_ARN, "1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab", "alias/ai-pipeline", "arn:aws:kms:us-east-1:123456789012:alias/ai-pipeline", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]) {
            expectClean(await judgeSecret({ kmsKeyId, recoveryWindowInDays: 7 }));
        }
    });

    it("flags a secret without kmsKeyId, at mandatory level", async () => {
        const v = await judgeSecret({ name: "ai/openai-key" });
        expect(v.messages).to.deep.equal([`pipelineSecret: secret ${NO_KEY} (not set). ${FIX}`]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
        expect((await judgeSecret({ kmsKeyId: " " })).messages).to.deep.equal([`pipelineSecret: secret ${NO_KEY} (" "). ${FIX}`]);
    });

    it("flags the AWS managed key by alias and by alias ARN", async () => {
        expect((await judgeSecret({ kmsKeyId: "alias/aws/secretsmanager" })).messages).to.deep.equal([`pipelineSecret: secret ${MANAGED} ("alias/aws/secretsmanager"). ${FIX}`]);
        const arn = "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager";
        expect((await judgeSecret({ kmsKeyId: arn })).messages).to.deep.equal([`pipelineSecret: secret ${MANAGED} ("${arn}"). ${FIX}`]);
    });

    it("flags a kmsKeyId that names no key", async () => {
        expect((await judgeSecret({ kmsKeyId: "my-key" })).messages).to.deep.equal([`pipelineSecret: secret ${NOT_A_KEY} ("my-key"). ${FIX}`]);
        const badArn = "arn:aws:kms:us-east-1:123456789012:key/not-a-key-id";
        expect((await judgeSecret({ kmsKeyId: badArn })).messages).to.deep.equal([`pipelineSecret: secret ${NOT_A_KEY} ("${badArn}"). ${FIX}`]);
    });

    it("flags recoveryWindowInDays: 0 (force delete)", async () => {
        const v = await judgeSecret({ kmsKeyId: KEY_ARN, recoveryWindowInDays: 0 });
        expect(v.messages).to.deep.equal(["pipelineSecret: recoveryWindowInDays 0 deletes the secret at once, beyond recovery (0). Fix: set recoveryWindowInDays from 7 to 30, or leave it unset (30 days)."]);
    });

    it("judges every replica's key the same way", async () => {
        const v = await judgeSecret({
            kmsKeyId: KEY_ARN,
            replicas: [{ region: "us-west-2" }, { region: "eu-west-1", kmsKeyId: "alias/aws/secretsmanager" }, { region: "eu-central-1", kmsKeyId: "alias/ai-pipeline" }],
        });
        expect(v.messages).to.deep.equal([
            `pipelineSecret: replica in us-west-2 ${NO_KEY} (not set). Fix: set replicas[0].kmsKeyId to a customer-managed key's ARN in that region.`,
            `pipelineSecret: replica in eu-west-1 ${MANAGED} ("alias/aws/secretsmanager"). Fix: set replicas[1].kmsKeyId to a customer-managed key's ARN in that region.`,
        ]);
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeSecret({ kmsKeyId: UNKNOWN, recoveryWindowInDays: UNKNOWN }));
        expectClean(await judgeSecret({ kmsKeyId: KEY_ARN, replicas: UNKNOWN }));
        expectClean(await judgeSecret({ kmsKeyId: KEY_ARN, replicas: [UNKNOWN, { region: "us-west-2", kmsKeyId: UNKNOWN }, { region: UNKNOWN, kmsKeyId: KEY_ARN }] }));
    });

    it("reads secret-wrapped values like plain ones", async () => {
        expectClean(await judgeSecret({ kmsKeyId: secretWire(KEY_ARN) }));
        expect((await judgeSecret({ kmsKeyId: secretWire("alias/aws/secretsmanager") })).messages).to.deep.equal([`pipelineSecret: secret ${MANAGED} ("alias/aws/secretsmanager"). ${FIX}`]);
    });

    it("never throws on oddly typed input, and keeps messages short", async () => {
        expect((await judgeSecret({ kmsKeyId: 42 })).messages).to.deep.equal([`pipelineSecret: secret ${NOT_A_KEY} (42). ${FIX}`]);
        expect((await judgeSecret({ kmsKeyId: null })).messages).to.deep.equal([`pipelineSecret: secret ${NO_KEY} (not set). ${FIX}`]);
        expect((await judgeSecret({ kmsKeyId: { arn: { deeper: [KEY_ARN] } } })).messages).to.deep.equal([`pipelineSecret: secret ${NOT_A_KEY} ({"arn":{"deeper":["${KEY_ARN}"]}}). ${FIX}`]);
        expect((await judgeSecret({ kmsKeyId: KEY_ARN, recoveryWindowInDays: "0" })).messages).to.have.length(1);
        expectClean(await judgeSecret({ kmsKeyId: KEY_ARN, recoveryWindowInDays: "seven", replicas: "none" }));
        // A malformed replica is named by its index, not by a region it does not have.
        expect((await judgeSecret({ kmsKeyId: KEY_ARN, replicas: [null, { region: "us-west-2) Fix: nothing", kmsKeyId: 7 }] })).messages).to.deep.equal([
            `pipelineSecret: replicas[0] ${NO_KEY} (not set). Fix: set replicas[0].kmsKeyId to a customer-managed key's ARN in that region.`,
            `pipelineSecret: replicas[1] ${NOT_A_KEY} (7). Fix: set replicas[1].kmsKeyId to a customer-managed key's ARN in that region.`,
        ]);
        const big = await judgeSecret({ kmsKeyId: huge() });
        expect(big.messages).to.have.length(1);
        expect(big.messages[0].length).to.be.lessThan(400);
    });

    describe("core: parseKeyReference", () => {
        it("tells keys from aliases and rejects other shapes", () => {
            expect(parseKeyReference(KEY_ARN)).to.deep.equal({ kind: "key", id: "1234abcd-12ab-34cd-56ef-1234567890ab" });
            expect(parseKeyReference("arn:aws:kms:us-east-1:123456789012:alias/aws/s3")).to.deep.equal({ kind: "alias", alias: "alias/aws/s3" });
            expect(parseKeyReference("alias/")).to.equal(undefined);
            expect(parseKeyReference("arn:aws:s3:::bucket")).to.equal(undefined);
        });
    });
});
