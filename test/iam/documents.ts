/** Small builders for IAM test documents. */
export const ACCOUNT = "111122223333";
export const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
export const ALIAS_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:alias/ai-data`;
export const BUCKET_ARN = "arn:aws:s3:::ai-model-data";

export type StatementSpec = Record<string, unknown>;

/** A policy document as most programs write it: a JSON string. */
export function doc(...statements: StatementSpec[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const allow = (Action: unknown, Resource: unknown = KEY_ARN, extra: StatementSpec = {}): StatementSpec => ({ Effect: "Allow", Action, Resource, ...extra });

export const IAM_POLICY = "aws:iam/policy:Policy";
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const ROLE = "aws:iam/role:Role";
export const KMS_KEY = "aws:kms/key:Key";
export const VAULT_ROLE = "vault:aws/secretBackendRole:SecretBackendRole";

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
