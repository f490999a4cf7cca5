import { secretsmanagerSecretCmk } from "../../policies/secretsmanager/secretsmanager-secret-cmk";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const SECRET = "aws:secretsmanager/secret:Secret";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:123456789012:key/${KEY_ID}`;
const FIX = "Fix: set kmsKeyId to a customer-managed key's ARN (e.g. key.arn).";
const NO_KEY = "has no kmsKeyId, so Secrets Manager uses the AWS managed key alias/aws/secretsmanager";
const MANAGED = "is encrypted with an AWS managed key, whose policy the org cannot control";
const NOT_A_KEY = "has a kmsKeyId that is not a KMS key id, key ARN, alias or alias ARN";
const secretMessage = (why: string, shown: string) => `pipelineSecret: secret ${why} (${shown}). ${FIX}`;
const replicaMessage = (where: string, i: number, why: string, shown: string) => `pipelineSecret: ${where} ${why} (${shown}). Fix: set replicas[${i}].kmsKeyId to a customer-managed key's ARN in that region.`;
const MANAGED_ALIAS_ARN = "arn:aws:kms:eu-west-1:123456789012:alias/aws/secretsmanager";
const BAD_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/not-a-key-id";
const CUSTOMER_KEYS: [string, string][] = [
    ["a key ARN", KEY_ARN],
    ["a key id", KEY_ID],
    ["a multi-Region key id", "mrk-1234abcd12ab34cd56ef1234567890ab"],
    ["an alias of the customer's", "alias/ai-pipeline"],
    ["an alias ARN of the customer's", "arn:aws:kms:us-east-1:123456789012:alias/ai-pipeline"],
    ["a key ARN in another partition", `arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY_ID}`],
];

testPolicy(secretsmanagerSecretCmk, {
    type: SECRET,
    valid: [
        ...CUSTOMER_KEYS.map(([title, kmsKeyId]) => ({ title: `under a customer-managed key: ${title}`, props: { kmsKeyId, recoveryWindowInDays: 7 } })),
        { title: "a secret-wrapped key ARN reads like a plain one", props: { kmsKeyId: secretWire(KEY_ARN) } },
        { title: "replicas under customer-managed keys", props: { kmsKeyId: KEY_ARN, replicas: [{ region: "eu-central-1", kmsKeyId: "alias/ai-pipeline" }, { region: "us-west-2", kmsKeyId: KEY_ARN }] } },
        { title: "replicas past the first 100 are not judged", props: { kmsKeyId: KEY_ARN, replicas: [...Array.from({ length: 100 }, () => ({ region: "us-west-2", kmsKeyId: KEY_ARN })), { region: "eu-west-1" }] } },
        { title: "a recovery window that is not a number, and replicas that are not a list", props: { kmsKeyId: KEY_ARN, recoveryWindowInDays: "seven", replicas: "none" } },
    ],
    invalid: [
        { title: "no kmsKeyId, at mandatory level", name: "pipelineSecret", props: { name: "ai/openai-key" }, messages: [secretMessage(NO_KEY, "not set")], codes: ["no-customer-key"] },
        { title: "a blank kmsKeyId", name: "pipelineSecret", props: { kmsKeyId: " " }, messages: [secretMessage(NO_KEY, '" "')], codes: ["no-customer-key"] },
        { title: "the AWS managed key by alias", name: "pipelineSecret", props: { kmsKeyId: "alias/aws/secretsmanager" }, messages: [secretMessage(MANAGED, '"alias/aws/secretsmanager"')], codes: ["no-customer-key"] },
        { title: "the AWS managed key by alias ARN", name: "pipelineSecret", props: { kmsKeyId: MANAGED_ALIAS_ARN }, messages: [secretMessage(MANAGED, `"${MANAGED_ALIAS_ARN}"`)], codes: ["no-customer-key"] },
        { title: "a kmsKeyId that names no key", name: "pipelineSecret", props: { kmsKeyId: "my-key" }, messages: [secretMessage(NOT_A_KEY, '"my-key"')], codes: ["no-customer-key"] },
        { title: "a key ARN whose key id is malformed", name: "pipelineSecret", props: { kmsKeyId: BAD_KEY_ARN }, messages: [secretMessage(NOT_A_KEY, `"${BAD_KEY_ARN}"`)], codes: ["no-customer-key"] },
        {
            title: "recoveryWindowInDays 0 (force delete)",
            name: "pipelineSecret",
            props: { kmsKeyId: KEY_ARN, recoveryWindowInDays: 0 },
            messages: ["pipelineSecret: recoveryWindowInDays 0 deletes the secret at once, beyond recovery (0). Fix: set recoveryWindowInDays from 7 to 30, or leave it unset (30 days)."],
            codes: ["no-recovery-window"],
        },
        {
            title: 'recoveryWindowInDays "0"',
            name: "pipelineSecret",
            props: { kmsKeyId: KEY_ARN, recoveryWindowInDays: "0" },
            messages: ['pipelineSecret: recoveryWindowInDays 0 deletes the secret at once, beyond recovery ("0"). Fix: set recoveryWindowInDays from 7 to 30, or leave it unset (30 days).'],
            codes: ["no-recovery-window"],
        },
        {
            title: "every replica's key judged the same way",
            name: "pipelineSecret",
            props: { kmsKeyId: KEY_ARN, replicas: [{ region: "us-west-2" }, { region: "eu-west-1", kmsKeyId: "alias/aws/secretsmanager" }, { region: "eu-central-1", kmsKeyId: "alias/ai-pipeline" }] },
            messages: [replicaMessage("replica in us-west-2", 0, NO_KEY, "not set"), replicaMessage("replica in eu-west-1", 1, MANAGED, '"alias/aws/secretsmanager"')],
            codes: ["replica-no-customer-key", "replica-no-customer-key"],
        },
        {
            title: "a secret-wrapped replica key reads like a plain one",
            name: "pipelineSecret",
            props: { kmsKeyId: KEY_ARN, replicas: [{ region: "us-west-2", kmsKeyId: secretWire("alias/aws/secretsmanager") }] },
            messages: [replicaMessage("replica in us-west-2", 0, MANAGED, '"alias/aws/secretsmanager"')],
            codes: ["replica-no-customer-key"],
        },
        { title: "a secret-wrapped AWS managed alias", name: "pipelineSecret", props: { kmsKeyId: secretWire("alias/aws/secretsmanager") }, messages: [secretMessage(MANAGED, '"alias/aws/secretsmanager"')], codes: ["no-customer-key"] },
        { title: "a number", name: "pipelineSecret", props: { kmsKeyId: 42 }, messages: [secretMessage(NOT_A_KEY, "42")], codes: ["no-customer-key"] },
        { title: "null", name: "pipelineSecret", props: { kmsKeyId: null }, messages: [secretMessage(NO_KEY, "not set")], codes: ["no-customer-key"] },
        { title: "a nested object", name: "pipelineSecret", props: { kmsKeyId: { arn: { deeper: [KEY_ARN] } } }, messages: [secretMessage(NOT_A_KEY, `{"arn":{"deeper":["${KEY_ARN}"]}}`)], codes: ["no-customer-key"] },
        { title: "a 5 MB string, shown cut short", name: "pipelineSecret", props: { kmsKeyId: huge() }, messages: [secretMessage(NOT_A_KEY, `"${"x".repeat(158)}…`)], codes: ["no-customer-key"] },
        {
            title: "a malformed replica is named by its index, not by a region it does not have",
            name: "pipelineSecret",
            props: { kmsKeyId: KEY_ARN, replicas: [null, { region: "us-west-2) Fix: nothing", kmsKeyId: 7 }] },
            messages: [replicaMessage("replicas[0]", 0, NO_KEY, "not set"), replicaMessage("replicas[1]", 1, NOT_A_KEY, "7")],
            codes: ["replica-no-customer-key", "replica-no-customer-key"],
        },
    ],
    preview: [
        { title: "a computed key and recovery window", props: { kmsKeyId: UNKNOWN, recoveryWindowInDays: UNKNOWN } },
        { title: "computed replicas", props: { kmsKeyId: KEY_ARN, replicas: UNKNOWN } },
        { title: "a computed replica, replica key and replica region", props: { kmsKeyId: KEY_ARN, replicas: [UNKNOWN, { region: "us-west-2", kmsKeyId: UNKNOWN }, { region: UNKNOWN, kmsKeyId: KEY_ARN }] } },
    ],
});
