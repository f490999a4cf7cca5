import { vaultAwsRoleCredentialType } from "../../policies/vault/vault-aws-role-credential-type";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const ROLE = "vault:aws/secretBackendRole:SecretBackendRole";
const FIX = "Fix: set credentialType: assumed_role (with roleArns) or federation_token.";
const IAM_USER = `ai-app-role: credentialType iam_user creates IAM users with long-lived access keys ("iam_user"). ${FIX}`;
const NOT_A_TYPE = (shown: string) => `ai-app-role: credentialType is not a Vault AWS credential type (${shown}). ${FIX}`;
const NO_ROLE_ARNS = (shown: string) => `ai-app-role: credentialType assumed_role lists no roleArns, so Vault has no role to assume (${shown}). Fix: set roleArns to the IAM role ARNs this Vault role may assume.`;

testPolicy(vaultAwsRoleCredentialType, {
    type: ROLE,
    valid: [
        { title: "assumed_role with roleArns", props: { backend: "aws", credentialType: "assumed_role", roleArns: ["arn:aws:iam::123456789012:role/ai-app"] } },
        { title: "federation_token", props: { backend: "aws", credentialType: "federation_token", policyDocument: "{}" } },
        { title: "a list of short-lived types", props: { credentialType: "federation_token, assumed_role", roleArns: ["arn:aws:iam::123456789012:role/ai-app"] } },
    ],
    invalid: [
        {
            title: "seed 003: iam_user, at advisory level",
            name: "ai-app-role",
            props: { backend: "aws", credentialType: "iam_user", policyDocument: '{"Version":"2012-10-17","Statement":[]}' },
            messages: [IAM_USER],
            codes: ["iam-user"],
            level: "advisory",
        },
        {
            title: "session_token",
            name: "ai-app-role",
            props: { credentialType: "session_token" },
            messages: [`ai-app-role: credentialType session_token returns STS credentials with all the permissions of Vault's own IAM identity, unscoped by the role ("session_token"). ${FIX}`],
            codes: ["session-token"],
        },
        { title: "a type in the wrong case", name: "ai-app-role", props: { credentialType: "IAM_USER" }, messages: [NOT_A_TYPE('"IAM_USER"')], codes: ["unknown-credential-type"] },
        { title: "no credentialType", name: "ai-app-role", props: {}, messages: [NOT_A_TYPE("not set")], codes: ["unknown-credential-type"] },
        { title: "iam_user in a list with assumed_role", name: "ai-app-role", props: { credentialType: "assumed_role,iam_user", roleArns: ["arn:aws:iam::123456789012:role/ai-app"] }, messages: [IAM_USER], codes: ["iam-user"] },
        { title: "assumed_role without roleArns", name: "ai-app-role", props: { credentialType: "assumed_role" }, messages: [NO_ROLE_ARNS("not set")], codes: ["no-role-arns"] },
        { title: "assumed_role with empty roleArns", name: "ai-app-role", props: { credentialType: "assumed_role", roleArns: [] }, messages: [NO_ROLE_ARNS("[]")], codes: ["no-role-arns"] },
        { title: "a secret-wrapped iam_user reads like a plain one", name: "ai-app-role", props: { credentialType: secretWire("iam_user") }, messages: [IAM_USER], codes: ["iam-user"] },
        { title: "a number", name: "ai-app-role", props: { credentialType: 42 }, messages: [NOT_A_TYPE("42")], codes: ["unknown-credential-type"] },
        { title: "null", name: "ai-app-role", props: { credentialType: null }, messages: [NOT_A_TYPE("not set")], codes: ["unknown-credential-type"] },
        { title: "an object", name: "ai-app-role", props: { credentialType: { t: "iam_user" } }, messages: [NOT_A_TYPE('{"t":"iam_user"}')], codes: ["unknown-credential-type"] },
        { title: "a list", name: "ai-app-role", props: { credentialType: ["assumed_role"] }, messages: [NOT_A_TYPE('["assumed_role"]')], codes: ["unknown-credential-type"] },
        { title: "a 5 MB string, shown cut short", name: "ai-app-role", props: { credentialType: huge() }, messages: [NOT_A_TYPE(`"${"x".repeat(158)}…`)], codes: ["unknown-credential-type"] },
    ],
    preview: [
        { title: "a computed credentialType", props: { credentialType: UNKNOWN, policyDocument: UNKNOWN } },
        { title: "assumed_role with computed roleArns", props: { credentialType: "assumed_role", roleArns: UNKNOWN } },
    ],
});
