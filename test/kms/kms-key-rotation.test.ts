import { expect } from "chai";
import { kmsKeyRotation } from "../../policies/kms/kms-key-rotation";
import { expectClean, huge, judge, remediate, secretWire, UNKNOWN } from "../helpers";

const KEY = "aws:kms/key:Key";
const judgeKey = (props: Record<string, unknown>, config = {}) => judge(kmsKeyRotation, KEY, props, config, "aiPipelineKey");

describe("kms-key-rotation", () => {
    it("passes a symmetric key with rotation on", async () => {
        expectClean(await judgeKey({ enableKeyRotation: true }));
    });

    it("flags a key that does not set enableKeyRotation (seed 000)", async () => {
        const v = await judgeKey({ description: "KMS key for AI pipeline", keyUsage: "ENCRYPT_DECRYPT", isEnabled: true });
        expect(v.messages).to.deep.equal(["aiPipelineKey: automatic key rotation is off (not set). Fix: set enableKeyRotation: true."]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags enableKeyRotation: false", async () => {
        const v = await judgeKey({ enableKeyRotation: false });
        expect(v.messages).to.deep.equal(["aiPipelineKey: automatic key rotation is off (false). Fix: set enableKeyRotation: true."]);
    });

    it("flags a rotation period outside the configured window", async () => {
        const long = await judgeKey({ enableKeyRotation: true, rotationPeriodInDays: 730 });
        expect(long.messages).to.deep.equal(["aiPipelineKey: rotationPeriodInDays is longer than the allowed 365 days (730). Fix: set rotationPeriodInDays between 90 and 365."]);
        expectClean(await judgeKey({ enableKeyRotation: true, rotationPeriodInDays: 180 }));
    });

    it("honours minRotationDays and maxRotationDays config", async () => {
        const v = await judgeKey({ enableKeyRotation: true, rotationPeriodInDays: 180 }, { minRotationDays: 90, maxRotationDays: 120 });
        expect(v.messages).to.deep.equal(["aiPipelineKey: rotationPeriodInDays is longer than the allowed 120 days (180). Fix: set rotationPeriodInDays between 90 and 120."]);
    });

    it("is not applicable to asymmetric, HMAC and custom-key-store keys", async () => {
        for (const props of [{ keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, { customKeyStoreId: "cks-1234" }]) {
            const v = await judgeKey(props);
            expectClean(v);
            expect(v.notApplicable.map((n) => n.policy)).to.deep.equal(["kms-key-rotation"]);
        }
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeKey({ enableKeyRotation: UNKNOWN }));
        expectClean(await judgeKey({ keySpec: UNKNOWN }));
        expectClean(await judgeKey({ enableKeyRotation: true, rotationPeriodInDays: UNKNOWN }));
    });

    it("reads secret-wrapped values like plain ones", async () => {
        const v = await judgeKey({ enableKeyRotation: secretWire(false) });
        expect(v.messages).to.deep.equal(["aiPipelineKey: automatic key rotation is off (false). Fix: set enableKeyRotation: true."]);
    });

    it("never throws on oddly typed input", async () => {
        const odd = [{ enableKeyRotation: "yes" }, { enableKeyRotation: null }, { keySpec: 42 }, { rotationPeriodInDays: "ninety", enableKeyRotation: true }, { rotationPeriodInDays: huge(), enableKeyRotation: true }, { keyUsage: { nested: [1, 2] } }];
        for (const props of odd) {
            const v = await judgeKey(props);
            for (const m of v.messages) expect(m).to.match(/^aiPipelineKey: .* Fix: .+\.$/);
            expect(v.messages.join("").length).to.be.lessThan(1000);
        }
        expect((await judgeKey({ enableKeyRotation: "yes" })).messages).to.deep.equal(['aiPipelineKey: automatic key rotation is off ("yes"). Fix: set enableKeyRotation: true.']);
        expect((await judgeKey({ rotationPeriodInDays: "ninety", enableKeyRotation: true })).messages).to.deep.equal(['aiPipelineKey: rotationPeriodInDays is not a whole number of days ("ninety"). Fix: set rotationPeriodInDays between 90 and 365.']);
    });

    it("remediates by turning rotation on, keeping secrets secret", async () => {
        const [fix] = await remediate(kmsKeyRotation, KEY, { description: secretWire("d"), enableKeyRotation: false });
        expect(fix.policy).to.equal("kms-key-rotation");
        expect(fix.props.enableKeyRotation).to.equal(true);
        expect(fix.props.description).to.have.property("value", "d");
        expect(await remediate(kmsKeyRotation, KEY, { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })).to.deep.equal([]);
    });

    it("stays quiet while keyUsage or customerMasterKeySpec is unknown, and leaves imported-material keys (ExternalKey) alone", async () => {
        expectClean(await judgeKey({ keyUsage: UNKNOWN, enableKeyRotation: false }));
        expectClean(await judgeKey({ customerMasterKeySpec: UNKNOWN, enableKeyRotation: false }));
        expectClean(await judge(kmsKeyRotation, "aws:kms/externalKey:ExternalKey", { keyUsage: "ENCRYPT_DECRYPT" }));
    });
});
