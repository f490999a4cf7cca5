import { KEY_SPECS } from "../../policies/core/kms";
import { kmsKeyUsage } from "../../policies/kms/kms-key-usage";
import { KMS_KEY } from "../../policies/lib/types";
import { huge } from "../helpers";
import { UNKNOWN, secretWire, testPolicy } from "../lib/policy-tester";

const name = "aiPipelineKey";
const DISABLED = `${name}: key is disabled (false). Fix: set isEnabled: true, or remove the key.`;
const RSA_2048_NOT_ALLOWED = `${name}: keySpec is not an allowed key spec ("RSA_2048"). Fix: set keySpec: "SYMMETRIC_DEFAULT", or add RSA_2048 to allowedKeySpecs.`;
const SIGN_VERIFY_NOT_ALLOWED = `${name}: keyUsage is not an allowed key usage ("SIGN_VERIFY"). Fix: set keyUsage: "ENCRYPT_DECRYPT", or add SIGN_VERIFY to allowedKeyUsages.`;
const specTypo = (field: string, shown: string) => `${name}: ${field} is not a KMS key spec (${shown}). Fix: check the spelling; set ${field}: "SYMMETRIC_DEFAULT".`;
const usageTypo = (shown: string) => `${name}: keyUsage is not a KMS key usage (${shown}). Fix: check the spelling; set keyUsage: "ENCRYPT_DECRYPT".`;
const NO_SUCH_SPEC = `kms-key-usage: config allowedKeySpecs has "RSA_2048X", which is not one of ${Object.keys(KEY_SPECS).join(", ")} (got ["RSA_2048X"]); using the default ["SYMMETRIC_DEFAULT"]. Fix: correct it in the policy pack config.`;
const ECC_SIGNING = { allowedKeySpecs: ["SYMMETRIC_DEFAULT", "ECC_NIST_P256"], allowedKeyUsages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] };
const RSA_4096_SIGNING = { allowedKeySpecs: ["SYMMETRIC_DEFAULT", "RSA_4096"], allowedKeyUsages: ["ENCRYPT_DECRYPT", "SIGN_VERIFY"] };

testPolicy(kmsKeyUsage, {
    type: KMS_KEY,
    valid: [
        { title: "seed 000: a symmetric encryption key", props: { description: "KMS key for AI pipeline", keyUsage: "ENCRYPT_DECRYPT", isEnabled: true } },
        { title: "AWS's defaults (nothing set)", props: {} },
        { props: { keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" } },
        { title: "a pair AWS accepts, both allowed", props: { keySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" }, config: ECC_SIGNING },
        { title: "a spec and usage allowed by config", props: { keySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" }, config: RSA_4096_SIGNING },
        { title: "nulls are AWS's defaults", props: { keySpec: null, keyUsage: null, isEnabled: null } },
    ],
    invalid: [
        { title: "a disabled key", name, props: { isEnabled: false }, messages: [DISABLED], codes: ["disabled"], level: "mandatory" },
        { title: "a spec and usage outside the allowed lists", name, props: { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, messages: [RSA_2048_NOT_ALLOWED, SIGN_VERIFY_NOT_ALLOWED], codes: ["disallowed-spec", "disallowed-usage"] },
        {
            title: "names the deprecated customerMasterKeySpec when the key sets it",
            name,
            props: { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" },
            config: { allowedKeyUsages: ["ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC"] },
            messages: [`${name}: customerMasterKeySpec is not an allowed key spec ("HMAC_256"). Fix: set customerMasterKeySpec: "SYMMETRIC_DEFAULT", or add HMAC_256 to allowedKeySpecs.`],
            codes: ["disallowed-spec"],
        },
        { title: "a misspelled usage", name, props: { keyUsage: "ENCRYPT_DECRPYT" }, messages: [usageTypo('"ENCRYPT_DECRPYT"')], codes: ["unrecognized-usage"] },
        { title: "a misspelled spec", name, props: { keySpec: "SYMETRIC_DEFAULT" }, messages: [specTypo("keySpec", '"SYMETRIC_DEFAULT"')], codes: ["unrecognized-spec"] },
        { title: "Object.prototype names are not key specs", name, props: { keySpec: "constructor" }, messages: [specTypo("keySpec", '"constructor"')], codes: ["unrecognized-spec"] },
        {
            title: "a pair AWS rejects though both are allowed",
            name,
            props: { keySpec: "ECC_NIST_P256", keyUsage: "ENCRYPT_DECRYPT" },
            config: ECC_SIGNING,
            messages: [`${name}: keyUsage ENCRYPT_DECRYPT is not one AWS accepts for ECC_NIST_P256 keys ("ENCRYPT_DECRYPT"). Fix: set keyUsage to one of SIGN_VERIFY, KEY_AGREEMENT.`],
            codes: ["usage-mismatch"],
        },
        {
            title: "a usage AWS rejects for the default spec",
            name,
            props: { keyUsage: "SIGN_VERIFY" },
            config: ECC_SIGNING,
            messages: [`${name}: keyUsage SIGN_VERIFY is not one AWS accepts for SYMMETRIC_DEFAULT keys ("SIGN_VERIFY"). Fix: set keyUsage: "ENCRYPT_DECRYPT".`],
            codes: ["usage-mismatch"],
        },
        {
            title: "the fix lists several allowed values",
            name,
            props: { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
            config: RSA_4096_SIGNING,
            messages: [`${name}: keySpec is not an allowed key spec ("RSA_2048"). Fix: set keySpec to one of SYMMETRIC_DEFAULT, RSA_4096, or add RSA_2048 to allowedKeySpecs.`],
            codes: ["disallowed-spec"],
        },
        {
            title: "config naming no real key spec falls back to the default",
            name,
            props: { keySpec: "RSA_2048", keyUsage: "ENCRYPT_DECRYPT" },
            config: { allowedKeySpecs: ["RSA_2048X"] },
            messages: [NO_SUCH_SPEC, RSA_2048_NOT_ALLOWED],
            codes: ["disallowed-spec"],
        },
        { title: "a disabled key is judged while its spec is computed", name, props: { keySpec: UNKNOWN, isEnabled: false }, messages: [DISABLED], codes: ["disabled"] },
        { title: "a secret-wrapped isEnabled reads like a plain one", name, props: { isEnabled: secretWire(false) }, messages: [DISABLED], codes: ["disabled"] },
        { title: "a numeric usage", name, props: { keyUsage: 42 }, messages: [usageTypo("42")], codes: ["unrecognized-usage"] },
        { title: "isEnabled as text", name, props: { isEnabled: "no" }, messages: [`${name}: isEnabled is not true or false ("no"). Fix: set isEnabled: true, or remove the key.`], codes: ["disabled"] },
        { title: "a 5 MB spec is shown truncated", name, props: { keySpec: huge() }, messages: [specTypo("keySpec", `"${"x".repeat(158)}…`)], codes: ["unrecognized-spec"] },
        { title: "a nested usage", name, props: { keyUsage: { nested: { deeper: [1] } } }, messages: [usageTypo('{"nested":{"deeper":[1]}}')], codes: ["unrecognized-usage"] },
        { title: "a list holding a 5 MB spec", name, props: { customerMasterKeySpec: [huge()] }, messages: [specTypo("customerMasterKeySpec", `["${"x".repeat(157)}…`)], codes: ["unrecognized-spec"] },
        { title: "the known spec is judged while the usage is computed", name, props: { keyUsage: UNKNOWN, keySpec: "RSA_2048" }, messages: [RSA_2048_NOT_ALLOWED], codes: ["disallowed-spec"] },
        { title: "the known usage is judged while keySpec is computed", name, props: { keySpec: UNKNOWN, keyUsage: "SIGN_VERIFY" }, messages: [SIGN_VERIFY_NOT_ALLOWED], codes: ["disallowed-usage"] },
        { title: "the known usage is judged while customerMasterKeySpec is computed", name, props: { customerMasterKeySpec: UNKNOWN, keyUsage: "SIGN_VERIFY" }, messages: [SIGN_VERIFY_NOT_ALLOWED], codes: ["disallowed-usage"] },
    ],
    preview: [
        { title: "a computed usage on an allowed spec", props: { keyUsage: UNKNOWN, keySpec: "RSA_2048" }, config: { allowedKeySpecs: ["RSA_2048"] } },
        { title: "a computed isEnabled", props: { isEnabled: UNKNOWN } },
        { title: "every property it reads computed", props: { keyUsage: UNKNOWN, keySpec: UNKNOWN, customerMasterKeySpec: UNKNOWN, isEnabled: UNKNOWN } },
        { title: "a missing spec is AWS's default; the pairing waits for the computed usage", props: { keyUsage: UNKNOWN, customKeyStoreId: UNKNOWN } },
    ],
    config: [{ config: { allowedKeySpecs: ["RSA_2048X"] }, errors: [NO_SUCH_SPEC] }],
});
