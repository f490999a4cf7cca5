import { Secret } from "@pulumi/policy";
import { kmsKeyDeletionWindow } from "../../policies/kms/kms-key-deletion-window";
import { KMS_ALIAS, KMS_EXTERNAL_KEY, KMS_KEY, KMS_REPLICA_EXTERNAL_KEY, KMS_REPLICA_KEY } from "../../policies/lib/types";
import { huge } from "../helpers";
import { UNKNOWN, secretWire, testPolicy } from "../lib/policy-tester";

const name = "aiPipelineKey";
const tooShort = (value: number, minDays = 30) => `${name}: deletionWindowInDays is shorter than the required ${minDays} days (${value}). Fix: set deletionWindowInDays: ${minDays}.`;
const outOfRange = (value: string) => `${name}: deletionWindowInDays is not a whole number of days from 7 to 30 (${value}). Fix: set deletionWindowInDays: 30.`;
const MIN_DAYS_ERROR = "kms-key-deletion-window: config minDays must be ≥ 7 (got 5); using the default 30. Fix: correct it in the policy pack config.";

testPolicy(kmsKeyDeletionWindow, {
    type: KMS_KEY,
    valid: [
        { title: "AWS's default window (unset)", props: {} },
        { title: "a 30-day window", props: { deletionWindowInDays: 30 } },
        { title: "a window of minDays", props: { deletionWindowInDays: 14 }, config: { minDays: 14 } },
        { title: "an alias is not a key", type: KMS_ALIAS, props: { deletionWindowInDays: 7 } },
        { title: "null is unset", props: { deletionWindowInDays: null } },
    ],
    invalid: [
        { title: "a window shorter than minDays, at advisory level", name, props: { deletionWindowInDays: 7 }, messages: [tooShort(7)], codes: ["too-short"], level: "advisory" },
        { title: "a window shorter than the configured minDays", name, props: { deletionWindowInDays: 10 }, config: { minDays: 14 }, messages: [tooShort(10, 14)], codes: ["too-short"] },
        { title: "a window AWS rejects: too short", name, props: { deletionWindowInDays: 3 }, messages: [outOfRange("3")], codes: ["out-of-range"] },
        { title: "a window AWS rejects: too long", name, props: { deletionWindowInDays: 45 }, messages: [outOfRange("45")], codes: ["out-of-range"] },
        { title: "a window AWS rejects: not whole days", name, props: { deletionWindowInDays: 7.5 }, messages: [outOfRange("7.5")], codes: ["out-of-range"] },
        { title: "minDays outside AWS's 7..30 falls back to the default", name, props: { deletionWindowInDays: 20 }, config: { minDays: 5 }, messages: [MIN_DAYS_ERROR, tooShort(20)], codes: ["too-short"] },
        { title: "an external key, with the same message", type: KMS_EXTERNAL_KEY, name, props: { deletionWindowInDays: 7 }, messages: [tooShort(7)], codes: ["too-short"] },
        { title: "a replica key, with the same message", type: KMS_REPLICA_KEY, name, props: { deletionWindowInDays: 7 }, messages: [tooShort(7)], codes: ["too-short"] },
        { title: "a replica external key, with the same message", type: KMS_REPLICA_EXTERNAL_KEY, name, props: { deletionWindowInDays: 7 }, messages: [tooShort(7)], codes: ["too-short"] },
        { title: "a secret-wrapped window reads like a plain one", name, props: { deletionWindowInDays: secretWire(7) }, messages: [tooShort(7)], codes: ["too-short"] },
        { title: "text", name, props: { deletionWindowInDays: "thirty" }, messages: [outOfRange('"thirty"')], codes: ["out-of-range"] },
        { title: "a nested object", name, props: { deletionWindowInDays: { days: { n: 30 } } }, messages: [outOfRange('{"days":{"n":30}}')], codes: ["out-of-range"] },
        { title: "a 5 MB string is shown truncated", name, props: { deletionWindowInDays: huge() }, messages: [outOfRange(`"${"x".repeat(158)}…`)], codes: ["out-of-range"] },
        { title: "a secret wrapped in a secret (fuzz)", name, props: { deletionWindowInDays: secretWire(secretWire(7)) }, messages: [tooShort(7)], codes: ["too-short"] },
    ],
    preview: [
        { title: "a computed window", props: { deletionWindowInDays: UNKNOWN } },
        { title: "a computed window inside two secrets (fuzz)", props: { deletionWindowInDays: secretWire(secretWire(UNKNOWN)) } },
    ],
    remediate: [
        { title: "raises the window to minDays, keeping secrets secret", props: { description: secretWire("d"), deletionWindowInDays: 7 }, output: { description: new Secret("d"), deletionWindowInDays: 30 } },
        { title: "raises it to the configured minDays", props: { deletionWindowInDays: 7 }, config: { minDays: 14 }, output: { deletionWindowInDays: 14 } },
        { title: "leaves a 30-day window alone", props: { deletionWindowInDays: 30 }, output: null },
        { title: "leaves an unset window alone", props: {}, output: null },
        { title: "leaves a computed window alone", props: { deletionWindowInDays: UNKNOWN }, output: null },
        { title: "leaves a computed window inside two secrets alone (fuzz: it was overwritten)", props: { deletionWindowInDays: secretWire(secretWire(UNKNOWN)) }, output: null },
        { title: "fixes a window inside two secrets", props: { deletionWindowInDays: secretWire(secretWire(7)) }, output: { deletionWindowInDays: 30 } },
    ],
    config: [{ config: { minDays: 5 }, errors: [MIN_DAYS_ERROR] }],
});
