import { expect } from "chai";
import { ssmParameterSecure } from "../../policies/ssm/ssm-parameter-secure";
import { typeAt } from "../aws/aws-definitions";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const PARAMETER = "aws:ssm/parameter:Parameter";
const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const HF_TOKEN = `hf_${"q".repeat(34)}`;
const NOT_SECURE = (why: string, type: string) => `res: ${why}, but its type is not SecureString, so SSM stores it unencrypted ("${type}"). Fix: set type: "SecureString" and keyId to a customer-managed KMS key.`;
const BY_NAME = "the parameter's name says it holds a credential";
const KEY_FIX = "Fix: set keyId to a customer-managed KMS key (its ARN, ID or alias).";
const PLAINTEXT = (size: number) =>
    `res: value is not a Pulumi secret, so it is stored in plaintext in the state ("<${size} characters, redacted>"). Fix: pass value as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret().`;
const secure = { name: "/ai/openai-api-key", type: "SecureString", keyId: KEY_ARN, value: secretWire("sk-test-value") };

testPolicy(ssmParameterSecure, {
    type: PARAMETER,
    valid: [
        { title: "a credential as a SecureString under a customer-managed key, its value a secret", props: secure },
        { title: "a key alias of the customer's own", props: { ...secure, keyId: "alias/ai-pipeline-params" } },
        { title: "the write-only value", props: { name: "/ai/openai-api-key", type: "SecureString", keyId: KEY_ARN, valueWo: "sk-test-value", valueWoVersion: 1 } },
        { title: "a setting that is not a credential", props: { name: "/ai/model-id", type: "String", value: "anthropic.claude-3-haiku" } },
        { title: "a setting about a credential", props: { name: "/ai/token-ttl", type: "String", value: "3600" } },
    ],
    invalid: [
        { title: "a credential by name, stored as String", props: { ...secure, type: "String" }, messages: [NOT_SECURE(BY_NAME, "String")], codes: ["not-secure-string"] },
        { title: "a credential by name, stored as StringList", props: { ...secure, type: "StringList" }, messages: [NOT_SECURE(BY_NAME, "StringList")], codes: ["not-secure-string"] },
        {
            title: "a credential by value, under a harmless name",
            props: { name: "/ai/model-id", type: "String", value: HF_TOKEN },
            messages: [NOT_SECURE("its value is a Hugging Face credential by its format", "String"), PLAINTEXT(37)],
            codes: ["not-secure-string", "value-not-secret"],
        },
        { title: "no keyId: the AWS managed key", props: { ...secure, keyId: undefined }, messages: [`res: keyId is not set, so SSM encrypts this SecureString with the AWS managed key alias/aws/ssm (not set). ${KEY_FIX}`], codes: ["no-customer-key"] },
        { title: "an empty keyId", props: { ...secure, keyId: "" }, messages: [`res: keyId is not set, so SSM encrypts this SecureString with the AWS managed key alias/aws/ssm (""). ${KEY_FIX}`], codes: ["no-customer-key"] },
        { title: "alias/aws/ssm", props: { ...secure, keyId: "alias/aws/ssm" }, messages: [`res: keyId names an AWS managed key, not a customer-managed one ("alias/aws/ssm"). ${KEY_FIX}`], codes: ["aws-managed-key"] },
        { title: "alias/aws/ssm as an ARN", props: { ...secure, keyId: "arn:aws:kms:us-east-1:111122223333:alias/aws/ssm" }, messages: [`res: keyId names an AWS managed key, not a customer-managed one ("arn:aws:kms:us-east-1:111122223333:alias/aws/ssm"). ${KEY_FIX}`], codes: ["aws-managed-key"] },
        { title: "a plaintext value (another SDK, or a version that did not wrap it)", props: { ...secure, value: "sk-test-value" }, messages: [PLAINTEXT(13)], codes: ["value-not-secret"] },
        {
            title: "a credential in insecureValue",
            props: { name: "/ai/db-password", type: "String", insecureValue: "hunter2" },
            messages: [NOT_SECURE(BY_NAME, "String"), 'res: insecureValue holds the credential, which the provider never treats as a secret ("<7 characters, redacted>"). Fix: pass it as value (a Pulumi secret, e.g. config.requireSecret()) with type: "SecureString".'],
            codes: ["not-secure-string", "insecure-value"],
        },
        { title: "no name: the parameter is named after the resource", name: "github-token", props: { type: "String", value: secretWire("x") }, messages: [NOT_SECURE(BY_NAME, "String").replace(/^res:/, "github-token:")], codes: ["not-secure-string"] },
    ],
    preview: [
        { title: "a computed type", props: { ...secure, type: UNKNOWN, keyId: undefined } },
        { title: "a computed key", props: { ...secure, keyId: UNKNOWN } },
        { title: "a computed value", props: { ...secure, value: UNKNOWN } },
        { title: "a computed name", props: { name: UNKNOWN, type: "String", value: secretWire("x") } },
    ],
});

describe("ssm-parameter-secure", () => {
    it("reads the inputs @pulumi/aws 7.48 gives aws.ssm.Parameter", () => {
        for (const input of ["name", "type", "keyId", "value", "insecureValue", "valueWo"]) expect(typeAt(PARAMETER, [input]), input).to.match(/\bstring\b/);
    });
});
