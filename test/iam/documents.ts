/** Small builders for IAM test documents, shared by the IAM policies' tables. */
import {
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_USER_POLICY_ATTACHMENT,
    VAULT_AWS_SECRET_BACKEND_ROLE,
} from "../../policies/lib/types";

export const ACCOUNT = "111122223333";
export const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
export const ALIAS_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/ai-data`;
export const BUCKET_ARN = "arn:aws:s3:::ai-model-data";

export type StatementSpec = Record<string, unknown>;

/** A policy document as an object: where a preview case's unknowns sit (a JSON string cannot hold one). */
export const document = (...statements: StatementSpec[]) => ({ Version: "2012-10-17", Statement: statements });

/** A policy document as most programs write it: a JSON string. */
export function doc(...statements: StatementSpec[]): string {
    return JSON.stringify(document(...statements));
}

export const allow = (Action: unknown, Resource: unknown = KEY_ARN, extra: StatementSpec = {}): StatementSpec => ({ Effect: "Allow", Action, Resource, ...extra });

/** A key policy's standard first statement: the account root holds kms:*. Identity-policy readers must leave it alone. */
export const ROOT_KEY_POLICY = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" });

/** Documents no policy can read; iam-policy-document-valid reports each, the others stay silent. */
export function badDocuments(): Array<[string, unknown]> {
    let deep: Record<string, unknown> = {};
    const deepObject = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: deep }] };
    // 1,000 levels: deeper objects overflow @pulumi/policy's own deserializer before any policy runs
    // (the engine's protobuf limit of 100 levels keeps them from arriving at all); the core's test goes to 10,000.
    for (let i = 0; i < 1_000; i++) deep = (deep.x = {}) as Record<string, unknown>;
    return [
        ["not JSON", "{'Version': '2012-10-17'"],
        ["a number", 42],
        ["a list", [{ Effect: "Allow", Action: "kms:*", Resource: "*" }]],
        ["no Statement", { Version: "2012-10-17" }],
        ["Statement of the wrong type", { Version: "2012-10-17", Statement: "kms:*" }],
        ["a 1 MB document", doc(allow("kms:*", "*"), allow("s3:GetObject", `${BUCKET_ARN}/${"x".repeat(1024 * 1024)}`))],
        ["deeply nested JSON", `{"Statement":${"[".repeat(10_000)}${"]".repeat(10_000)}}`],
        ["a deeply nested object", deepObject],
    ];
}

/** Passing rows for a table: every bad document, which only iam-policy-document-valid reports. */
export const badDocumentRows = (property = "policy") => badDocuments().map(([what, input]) => ({ title: `unreadable, left to iam-policy-document-valid: ${what}`, props: { [property]: input } }));

export const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const LAMBDA_BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
/** The fix of a finding on an attached AWS managed policy starts so. */
export const REPLACE_ADMIN = "replace the AWS managed policy AdministratorAccess with a customer-managed policy of your own, and in it";

/** Every way to attach an AWS managed policy (AdministratorAccess here), and the label its findings carry. */
export const ADMIN_ATTACHMENTS: ReadonlyArray<{ what: string; type: string; props: Record<string, unknown>; where: string }> = [
    { what: "Role.managedPolicyArns", type: IAM_ROLE, props: { managedPolicyArns: [LAMBDA_BASIC, ADMIN] }, where: "managedPolicyArns[1] (AdministratorAccess)" },
    { what: "RolePolicyAttachment", type: IAM_ROLE_POLICY_ATTACHMENT, props: { role: "ai-worker", policyArn: ADMIN }, where: "policyArn (AdministratorAccess)" },
    { what: "UserPolicyAttachment", type: IAM_USER_POLICY_ATTACHMENT, props: { user: "ci", policyArn: ADMIN }, where: "policyArn (AdministratorAccess)" },
    { what: "GroupPolicyAttachment", type: IAM_GROUP_POLICY_ATTACHMENT, props: { group: "ml", policyArn: ADMIN }, where: "policyArn (AdministratorAccess)" },
    { what: "PolicyAttachment", type: IAM_POLICY_ATTACHMENT, props: { roles: ["ai-worker"], policyArn: ADMIN }, where: "policyArn (AdministratorAccess)" },
    { what: "Vault SecretBackendRole.policyArns", type: VAULT_AWS_SECRET_BACKEND_ROLE, props: { backend: "aws", credentialType: "assumed_role", policyArns: [ADMIN] }, where: "policyArns[0] (AdministratorAccess)" },
];

/** Attachments that pass every identity-policy reader: a narrow AWS managed policy, a customer-managed ARN, ARNs the data does not know. */
export const HARMLESS_ATTACHMENTS: ReadonlyArray<{ title: string; type: string; props: Record<string, unknown> }> = [
    { title: "a narrow AWS managed policy (AWSLambdaBasicExecutionRole)", type: IAM_ROLE, props: { managedPolicyArns: [LAMBDA_BASIC] } },
    { title: "a customer-managed policy ARN", type: IAM_ROLE_POLICY_ATTACHMENT, props: { role: "r", policyArn: `arn:aws:iam::${ACCOUNT}:policy/admin` } },
    { title: "ARNs the managed-policy data does not know, and non-strings", type: IAM_ROLE, props: { managedPolicyArns: ["arn:aws:iam::aws:policy/NotAPolicyAwsHas", 42, null] } },
];
