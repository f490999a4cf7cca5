import { Secret } from "@pulumi/policy";
import { kmsKeyRotation } from "../../policies/kms/kms-key-rotation";
import { KMS_KEY } from "../../policies/lib/types";
import { huge } from "../helpers";
import { UNKNOWN, secretWire, testPolicy } from "../lib/policy-tester";

const OFF = (value: string) => `aiPipelineKey: automatic key rotation is off (${value}). Fix: set enableKeyRotation: true.`;
const NOT_SYMMETRIC = "automatic rotation applies only to SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys";
const name = "aiPipelineKey";

testPolicy(kmsKeyRotation, {
    type: KMS_KEY,
    valid: [
        { title: "a symmetric key with rotation on", props: { enableKeyRotation: true } },
        { title: "a period inside the window", props: { enableKeyRotation: true, rotationPeriodInDays: 180 } },
        { title: "an asymmetric key", props: { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, notApplicable: NOT_SYMMETRIC },
        { title: "an HMAC key (legacy spec name)", props: { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }, notApplicable: NOT_SYMMETRIC },
        { title: "a custom key store key", props: { customKeyStoreId: "cks-1234" }, notApplicable: "keys in a custom key store cannot rotate automatically" },
        { title: "an imported-material key (ExternalKey) is not this policy's", type: "aws:kms/externalKey:ExternalKey", props: { keyUsage: "ENCRYPT_DECRYPT" } },
        { title: "a numeric keySpec is no symmetric key", props: { keySpec: 42 }, notApplicable: NOT_SYMMETRIC },
        { title: "a nested keyUsage is no encryption usage", props: { keyUsage: { nested: [1, 2] } }, notApplicable: NOT_SYMMETRIC },
    ],
    invalid: [
        { title: "seed 000: enableKeyRotation not set", name, props: { description: "KMS key for AI pipeline", keyUsage: "ENCRYPT_DECRYPT", isEnabled: true }, messages: [OFF("not set")], codes: ["rotation-off"] },
        { name, props: { enableKeyRotation: false }, messages: [OFF("false")], codes: ["rotation-off"] },
        { title: "a secret-wrapped value reads like a plain one", name, props: { enableKeyRotation: secretWire(false) }, messages: [OFF("false")] },
        { name, props: { enableKeyRotation: "yes" }, messages: [OFF('"yes"')] },
        { name, props: { enableKeyRotation: true, rotationPeriodInDays: 730 }, messages: ["aiPipelineKey: rotationPeriodInDays is longer than the allowed 365 days (730). Fix: set rotationPeriodInDays between 90 and 365."], codes: ["rotation-period"] },
        {
            title: "minRotationDays and maxRotationDays config",
            name,
            props: { enableKeyRotation: true, rotationPeriodInDays: 180 },
            config: { minRotationDays: 90, maxRotationDays: 120 },
            messages: ["aiPipelineKey: rotationPeriodInDays is longer than the allowed 120 days (180). Fix: set rotationPeriodInDays between 90 and 120."],
        },
        { name, props: { rotationPeriodInDays: "ninety", enableKeyRotation: true }, messages: ['aiPipelineKey: rotationPeriodInDays is not a whole number of days ("ninety"). Fix: set rotationPeriodInDays between 90 and 365.'] },
        {
            title: "a 5 MB period is shown truncated",
            name,
            props: { rotationPeriodInDays: huge(), enableKeyRotation: true },
            messages: [`aiPipelineKey: rotationPeriodInDays is not a whole number of days ("${"x".repeat(158)}…). Fix: set rotationPeriodInDays between 90 and 365.`],
        },
        { title: "null is absent", name, props: { enableKeyRotation: null }, messages: [OFF("not set")] },
    ],
    preview: [
        { props: { enableKeyRotation: UNKNOWN } },
        { props: { keySpec: UNKNOWN } },
        { props: { enableKeyRotation: true, rotationPeriodInDays: UNKNOWN } },
        { props: { keyUsage: UNKNOWN, enableKeyRotation: false } },
        { props: { customerMasterKeySpec: UNKNOWN, enableKeyRotation: false } },
        { props: { customKeyStoreId: UNKNOWN, enableKeyRotation: false } },
    ],
    remediate: [
        { title: "turns rotation on, keeping secrets secret", props: { description: secretWire("d"), enableKeyRotation: false }, output: { description: new Secret("d"), enableKeyRotation: true } },
        { title: "leaves an asymmetric key alone", props: { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" }, output: null },
        { title: "leaves a key with rotation on alone", props: { enableKeyRotation: true }, output: null },
        { title: "leaves an unknown setting alone", props: { enableKeyRotation: UNKNOWN }, output: null },
    ],
    config: [
        { config: { minRotationDays: 30 }, errors: ["kms-key-rotation: config minRotationDays must be ≥ 90 (got 30); using the default 90. Fix: correct it in the policy pack config."] },
        { config: { maxRotationDays: "x" }, errors: ['kms-key-rotation: config maxRotationDays must be an integer (got "x"); using the default 365. Fix: correct it in the policy pack config.'] },
    ],
});
