import { expect } from "chai";
import { keyUsageFindings } from "../../policies/core/kms";
import { kmsKeyUsage } from "../../policies/kms/kms-key-usage";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const KEY = "aws:kms/key:Key";
const judgeKey = (props: Record<string, unknown>, config = {}) => judge(kmsKeyUsage, KEY, props, config, "aiPipelineKey");

describe("kms-key-usage", () => {
    it("passes a symmetric encryption key (seed 000) and a key with AWS's defaults", async () => {
        expectClean(await judgeKey({ description: "KMS key for AI pipeline", keyUsage: "ENCRYPT_DECRYPT", isEnabled: true }));
        expectClean(await judgeKey({}));
        expectClean(await judgeKey({ keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" }));
    });

    it("flags a disabled key", async () => {
        const v = await judgeKey({ isEnabled: false });
        expect(v.messages).to.deep.equal(["aiPipelineKey: key is disabled (false). Fix: set isEnabled: true, or remove the key."]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags a key spec and usage outside the allowed lists", async () => {
        const v = await judgeKey({ keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
        expect(v.messages).to.deep.equal([
            'aiPipelineKey: keySpec is not an allowed key spec ("RSA_2048"). Fix: set keySpec: "SYMMETRIC_DEFAULT", or add RSA_2048 to allowedKeySpecs.',
            'aiPipelineKey: keyUsage is not an allowed key usage ("SIGN_VERIFY"). Fix: set keyUsage: "ENCRYPT_DECRYPT", or add SIGN_VERIFY to allowedKeyUsages.',
        ]);
    });

    it("names the deprecated customerMasterKeySpec when that is what the key sets", async () => {
        const v = await judgeKey({ customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, { allowedKeyUsages: ["ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC"] });
        expect(v.messages).to.deep.equal(['aiPipelineKey: customerMasterKeySpec is not an allowed key spec ("HMAC_256"). Fix: set customerMasterKeySpec: "SYMMETRIC_DEFAULT", or add HMAC_256 to allowedKeySpecs.']);
    });

    it("gives a misspelled spec or usage its own message", async () => {
        expect((await judgeKey({ keyUsage: "ENCRYPT_DECRPYT" })).messages).to.deep.equal(['aiPipelineKey: keyUsage is not a KMS key usage ("ENCRYPT_DECRPYT"). Fix: check the spelling; set keyUsage: "ENCRYPT_DECRYPT".']);
        expect((await judgeKey({ keySpec: "SYMETRIC_DEFAULT" })).messages).to.deep.equal(['aiPipelineKey: keySpec is not a KMS key spec ("SYMETRIC_DEFAULT"). Fix: check the spelling; set keySpec: "SYMMETRIC_DEFAULT".']);
        // Object.prototype names are not key specs.
        expect((await judgeKey({ keySpec: "constructor" })).messages).to.deep.equal(['aiPipelineKey: keySpec is not a KMS key spec ("constructor"). Fix: check the spelling; set keySpec: "SYMMETRIC_DEFAULT".']);
    });

    it("flags a spec and usage pair AWS rejects, even when both are allowed", async () => {
        const config = { allowedKeySpecs: ["SYMMETRIC_DEFAULT", "ECC_NIST_P256"], allowedKeyUsages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] };
        expect((await judgeKey({ keySpec: "ECC_NIST_P256", keyUsage: "ENCRYPT_DECRYPT" }, config)).messages).to.deep.equal([
            'aiPipelineKey: keyUsage ENCRYPT_DECRYPT is not one AWS accepts for ECC_NIST_P256 keys ("ENCRYPT_DECRYPT"). Fix: set keyUsage to one of SIGN_VERIFY, KEY_AGREEMENT.',
        ]);
        expect((await judgeKey({ keyUsage: "SIGN_VERIFY" }, config)).messages).to.deep.equal([
            'aiPipelineKey: keyUsage SIGN_VERIFY is not one AWS accepts for SYMMETRIC_DEFAULT keys ("SIGN_VERIFY"). Fix: set keyUsage: "ENCRYPT_DECRYPT".',
        ]);
        expectClean(await judgeKey({ keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" }, config));
    });

    it("honours allowedKeySpecs and allowedKeyUsages config, listing several allowed values", async () => {
        const config = { allowedKeySpecs: ["SYMMETRIC_DEFAULT", "RSA_4096"], allowedKeyUsages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] };
        expectClean(await judgeKey({ keySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" }, config));
        expect((await judgeKey({ keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, config)).messages).to.deep.equal([
            'aiPipelineKey: keySpec is not an allowed key spec ("RSA_2048"). Fix: set keySpec to one of SYMMETRIC_DEFAULT, RSA_4096, or add RSA_2048 to allowedKeySpecs.',
        ]);
    });

    it("rejects config that names no real key spec, and falls back to the default", async () => {
        const v = await judgeKey({ keySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT" }, { allowedKeySpecs: ["RSA_2048X"] });
        expect(v.messages[0]).to.match(/^kms-key-usage: config allowedKeySpecs has "RSA_2048X", which is not one of SYMMETRIC_DEFAULT, .*; using the default \["SYMMETRIC_DEFAULT"\]\. Fix: correct it in the policy pack config\.$/);
        expect(v.messages.slice(1)).to.deep.equal(['aiPipelineKey: keySpec is not an allowed key spec ("RSA_2048"). Fix: set keySpec: "SYMMETRIC_DEFAULT", or add RSA_2048 to allowedKeySpecs.']);
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeKey({ keyUsage: UNKNOWN, keySpec: "RSA_2048" }, { allowedKeySpecs: ["RSA_2048"] }));
        expectClean(await judgeKey({ isEnabled: UNKNOWN }));
        expect((await judgeKey({ keySpec: UNKNOWN, isEnabled: false })).messages).to.deep.equal(["aiPipelineKey: key is disabled (false). Fix: set isEnabled: true, or remove the key."]);
    });

    it("reads secret-wrapped values like plain ones", async () => {
        expect((await judgeKey({ isEnabled: secretWire(false) })).messages).to.deep.equal(["aiPipelineKey: key is disabled (false). Fix: set isEnabled: true, or remove the key."]);
    });

    it("never throws on oddly typed input, and keeps messages short", async () => {
        expect((await judgeKey({ keyUsage: 42 })).messages).to.deep.equal(['aiPipelineKey: keyUsage is not a KMS key usage (42). Fix: check the spelling; set keyUsage: "ENCRYPT_DECRYPT".']);
        expect((await judgeKey({ isEnabled: "no" })).messages).to.deep.equal(['aiPipelineKey: isEnabled is not true or false ("no"). Fix: set isEnabled: true, or remove the key.']);
        expectClean(await judgeKey({ keySpec: null, keyUsage: null, isEnabled: null }));
        for (const props of [{ keySpec: huge() }, { keyUsage: { nested: { deeper: [1] } } }, { customerMasterKeySpec: [huge()] }]) {
            const v = await judgeKey(props);
            expect(v.messages).to.have.length(1);
            expect(v.messages[0]).to.match(/^aiPipelineKey: (keySpec|keyUsage|customerMasterKeySpec) is not a KMS key (spec|usage) \(.*\)\. Fix: check the spelling; .+\.$/);
            expect(v.messages[0].length).to.be.lessThan(400);
        }
    });

    describe("core: keyUsageFindings", () => {
        const codes = (spec: string, usage: string) => keyUsageFindings({ spec, usage, specField: "keySpec", isEnabled: undefined }, [spec], [usage]).map((f) => f.code);
        it("knows every spec's usages from AWS's table", () => {
            expect(codes("HMAC_512", "GENERATE_VERIFY_MAC")).to.deep.equal([]);
            expect(codes("SM2", "KEY_AGREEMENT")).to.deep.equal([]);
            expect(codes("ECC_SECG_P256K1", "KEY_AGREEMENT")).to.deep.equal(["usage-mismatch"]);
            expect(codes("HMAC_256", "ENCRYPT_DECRYPT")).to.deep.equal(["usage-mismatch"]);
        });
    });

    it("stays quiet when every property it reads is unknown", async () => {
        expectClean(await judgeKey({ keyUsage: UNKNOWN, keySpec: UNKNOWN, customerMasterKeySpec: UNKNOWN, isEnabled: UNKNOWN }));
    });

    it("still judges the known half while the spec or the usage is unknown (only the unknown value is skipped)", async () => {
        const usageNotAllowed = 'aiPipelineKey: keyUsage is not an allowed key usage ("SIGN_VERIFY"). Fix: set keyUsage: "ENCRYPT_DECRYPT", or add SIGN_VERIFY to allowedKeyUsages.';
        expect((await judgeKey({ keyUsage: UNKNOWN, keySpec: "RSA_2048" })).messages).to.deep.equal([
            'aiPipelineKey: keySpec is not an allowed key spec ("RSA_2048"). Fix: set keySpec: "SYMMETRIC_DEFAULT", or add RSA_2048 to allowedKeySpecs.',
        ]);
        expect((await judgeKey({ keySpec: UNKNOWN, keyUsage: "SIGN_VERIFY" })).messages).to.deep.equal([usageNotAllowed]);
        expect((await judgeKey({ customerMasterKeySpec: UNKNOWN, keyUsage: "SIGN_VERIFY" })).messages).to.deep.equal([usageNotAllowed]);
        // A missing spec is AWS's default, which is allowed; the pairing waits for the usage.
        expectClean(await judgeKey({ keyUsage: UNKNOWN, customKeyStoreId: UNKNOWN }));
    });
});
