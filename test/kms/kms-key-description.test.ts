import { kmsKeyDescription } from "../../policies/kms/kms-key-description";
import { KMS_KEY, KMS_REPLICA_KEY } from "../../policies/lib/types";
import { huge } from "../helpers";
import { UNKNOWN, secretWire, testPolicy } from "../lib/policy-tester";

const name = "aiPipelineKey";
const FIX = 'Fix: set description: "<what the key protects and who uses it>".';
const tooShort = (value: string) => `${name}: description is shorter than 6 characters (${JSON.stringify(value)}). ${FIX}`;
const placeholder = (value: string) => ({ title: `a placeholder: ${JSON.stringify(value)}`, name, props: { description: value }, messages: [`${name}: description is a placeholder (${JSON.stringify(value)}). ${FIX}`], codes: ["placeholder"] });

testPolicy(kmsKeyDescription, {
    type: KMS_KEY,
    valid: [
        { title: "seed 000: says what the key protects", props: { description: "KMS key for AI pipeline" } },
        { title: "a replica key's description", type: KMS_REPLICA_KEY, props: { description: "Encrypts training data" } },
        { title: "exactly AWS's 8192-character limit", props: { description: "y".repeat(8192) } },
        { title: "a real description that starts with a placeholder word", props: { description: "Test data encryption for the ranking model" } },
        { title: "a real description that contains a placeholder word", props: { description: "key for the feature store" } },
    ],
    invalid: [
        { title: "no description, at advisory level", name, props: { keyUsage: "ENCRYPT_DECRYPT" }, messages: [`${name}: key has no description (not set). ${FIX}`], codes: ["missing"], level: "advisory" },
        { title: "null is no description", name, props: { description: null }, messages: [`${name}: key has no description (not set). ${FIX}`], codes: ["missing"] },
        { name, props: { description: "ai" }, messages: [tooShort("ai")], codes: ["too-short"] },
        { title: "short after trimming", name, props: { description: "   key     " }, messages: [tooShort("   key     ")], codes: ["too-short"] },
        { title: "empty", name, props: { description: "" }, messages: [tooShort("")], codes: ["too-short"] },
        placeholder("Test Key"),
        placeholder("  changeme "),
        placeholder("My  KMS key."),
        placeholder("Encryption key"),
        placeholder("placeholder"),
        {
            title: "over AWS's 8192-character limit, shown truncated",
            name,
            props: { description: huge() },
            messages: [`${name}: description is longer than AWS's 8192-character limit ("${"x".repeat(158)}…). ${FIX}`],
            codes: ["too-long"],
        },
        { title: "a secret-wrapped description reads like a plain one", name, props: { description: secretWire("todo") }, messages: [tooShort("todo")], codes: ["too-short"] },
        { title: "a number", name, props: { description: 42 }, messages: [`${name}: description is not text (42). ${FIX}`], codes: ["not-text"] },
        { title: "a nested object", name, props: { description: { text: { deeper: ["a key"] } } }, messages: [`${name}: description is not text ({"text":{"deeper":["a key"]}}). ${FIX}`], codes: ["not-text"] },
    ],
    preview: [{ title: "a computed description", props: { description: UNKNOWN } }],
});
