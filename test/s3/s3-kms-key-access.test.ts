import { urnOf } from "../../harness/in-process";
import { s3KmsKeyAccess } from "../../policies/s3/s3-kms-key-access";
import { IAM_POLICY, IAM_ROLE, IAM_ROLE_POLICY, IAM_ROLE_POLICY_ATTACHMENT, KMS_KEY, S3_BUCKET, S3_BUCKET_SSE_CONFIG, SECRETSMANAGER_SECRET } from "../../policies/lib/types";
import { UNKNOWN, stackResource as res, testPolicy } from "../lib/policy-tester";

const VAULT_ROLE = "vault:aws/secretBackendRole:SecretBackendRole";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;
const BUCKET_NAME = "ai-app-s3-bucket-4f1c2e7";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET_NAME}`;
const ROLE_ARN = "arn:aws:iam::111122223333:role/ai-worker";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:model-api-key-Ab12Cd";
const CODE = "bucket-key-access-missing";

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Action: unknown, Resource: unknown) => ({ Effect: "Allow", Action, Resource });

const key = (props: Record<string, unknown> = {}) => res(KMS_KEY, "ai-app-kms-key", { id: KEY_ID, keyId: KEY_ID, arn: KEY_ARN, ...props });
/** Seed 003's bucket: the v6 inline SSE-KMS shape, key by id. */
const v6Bucket = (kmsMasterKeyId: unknown = KEY_ID) =>
    res(S3_BUCKET, "ai-app-s3-bucket", { bucket: BUCKET_NAME, arn: BUCKET_ARN, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId } } } });
/** The v7 shape: a bare bucket and a separate SSE configuration resource pointing at it. */
const v7Bucket = () => [
    res(S3_BUCKET, "ai-app-s3-bucket", { bucket: BUCKET_NAME, arn: BUCKET_ARN }),
    res(
        S3_BUCKET_SSE_CONFIG,
        "ai-app-sse",
        { bucket: BUCKET_NAME, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }] },
        { bucket: [urnOf(S3_BUCKET, "ai-app-s3-bucket")], rules: [urnOf(KMS_KEY, "ai-app-kms-key")] },
    ),
];
const vaultRole = (policyDocument: unknown, extra: Record<string, unknown> = {}) => res(VAULT_ROLE, "ai-app-role", { backend: "aws", credentialType: "iam_user", policyDocument, ...extra });
const role = (props: Record<string, unknown> = {}) => res(IAM_ROLE, "ai-worker", { name: "ai-worker", arn: ROLE_ARN, ...props });
const inline = (policy: string) => ({ inlinePolicies: [{ name: "data", policy }] });

const SEED_003 = doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], [`${BUCKET_ARN}/*`, KEY_ARN]));
const GRANTS_KEY = doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow("s3:ListBucket", BUCKET_ARN), allow(["kms:Decrypt", "kms:GenerateDataKey"], KEY_ARN));
const READS_AND_WRITES = inline(doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`)));
const READS = inline(doc(allow("s3:GetObject", `${BUCKET_ARN}/*`)));
const READ_MISSING = (holder: string, property: string, principal: string, missing = "kms:Decrypt") =>
    `${holder}: ${property} lets ${principal} read objects of bucket ai-app-s3-bucket (s3:GetObject), which is encrypted under KMS key ai-app-kms-key, but nothing allows it ${missing.replace(", ", " and ")} on that key, so reads fail with AccessDenied ("${missing}"). Fix: allow ${missing.replace(", ", " and ")} on the key's ARN (ai-app-kms-key.arn) for ${principal}, in its policy or in the key policy.`;
const WRITE_MISSING = (holder: string, property: string, principal: string, missing = "kms:GenerateDataKey, kms:Decrypt") =>
    `${holder}: ${property} lets ${principal} write objects to bucket ai-app-s3-bucket (s3:PutObject), which is encrypted under KMS key ai-app-kms-key, but nothing allows it ${missing.replace(", ", " and ")} on that key, so writes fail (multipart uploads call kms:Decrypt too) with AccessDenied ("${missing}"). Fix: allow ${missing.replace(", ", " and ")} on the key's ARN (ai-app-kms-key.arn) for ${principal}, in its policy or in the key policy.`;
const VAULT = "the credentials of Vault role ai-app-role";

// Inputs only: what a stack policy sees in preview (outputs such as bucket names and key ARNs are absent).
const KEY_URN = urnOf(KMS_KEY, "ai-app-kms-key");
const BUCKET_URN = urnOf(S3_BUCKET, "ai-app-s3-bucket");
const inputKey = () => res(KMS_KEY, "ai-app-kms-key", { description: "KMS key for AI application data" });
const autoNamed = () =>
    res(S3_BUCKET, "ai-app-s3-bucket", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ID } } } }, { serverSideEncryptionConfiguration: [KEY_URN] });
const builtFrom = (policyDocument: string) => res(VAULT_ROLE, "ai-app-role", { backend: "aws", credentialType: "iam_user", policyDocument }, { policyDocument: [BUCKET_URN, KEY_URN] });

const KEY_POLICY_FOR_ROLE = doc({ Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" });
const ROOT_ONLY_KEY_POLICY = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" });

testPolicy(s3KmsKeyAccess, {
    valid: [
        { title: "the seed 003 Vault role once its document grants the key actions", resources: [key(), v6Bucket(), vaultRole(GRANTS_KEY)] },
        { title: "a role whose inline policy grants the key actions (v7 shape)", resources: [key(), ...v7Bucket(), role(inline(GRANTS_KEY))] },
        { title: "the key policy names the principal", resources: [key({ policy: KEY_POLICY_FOR_ROLE }), v6Bucket(), role(READS_AND_WRITES)] },
        {
            title: "a bucket under SSE-S3",
            resources: [key(), res(S3_BUCKET, "ai-app-s3-bucket", { bucket: BUCKET_NAME, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } }), vaultRole(SEED_003)],
        },
        { title: "a key outside the stack", resources: [v6Bucket("arn:aws:kms:us-east-1:111122223333:key/elsewhere"), vaultRole(SEED_003)] },
        { title: "a grant on every bucket (*) names no bucket", resources: [key(), v6Bucket(), vaultRole(doc(allow("s3:GetObject", "*")))] },
        {
            title: "s3:* says nothing of what the job does (seed 002 only reads); iam-least-privilege-actions reports it",
            resources: [key(), v6Bucket(), vaultRole(doc(allow("s3:*", `${BUCKET_ARN}/*`), allow("kms:Decrypt", KEY_ARN)))],
        },
        { title: "an attached AWS managed AdministratorAccess grants the key actions", resources: [key(), v6Bucket(), role({ managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], ...READS })] },
        { title: "a customer-managed policy from outside the stack may grant them: not judged", resources: [key(), v6Bucket(), role({ managedPolicyArns: ["arn:aws:iam::111122223333:policy/shared-kms"], ...READS })] },
        {
            title: "inputs only: passes when the document built from bucket.arn grants the key actions on the key's ARN",
            resources: [inputKey(), autoNamed(), builtFrom(doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow(["kms:Decrypt", "kms:GenerateDataKey"], KEY_ARN)))],
        },
        {
            title: "inputs only: silent when two documents bind the bucket to different names (no guess)",
            resources: [inputKey(), autoNamed(), builtFrom(SEED_003), res(VAULT_ROLE, "other-role", { backend: "aws", policyDocument: doc(allow("s3:GetObject", "arn:aws:s3:::another-name/*")) }, { policyDocument: [BUCKET_URN] })],
        },
    ],
    invalid: [
        {
            title: "seed 003: the Vault role reads and writes an SSE-KMS bucket with no KMS action at all (v6 inline SSE)",
            resources: [key(), v6Bucket(), vaultRole(SEED_003)],
            messages: [READ_MISSING("ai-app-role", "policyDocument", VAULT), WRITE_MISSING("ai-app-role", "policyDocument", VAULT)],
            codes: [CODE, CODE],
            level: "advisory",
        },
        {
            title: "a writer with GenerateDataKey but no Decrypt (multipart), on the v7 shape",
            resources: [key(), ...v7Bucket(), role(inline(doc(allow("s3:PutObject", `${BUCKET_ARN}/uploads/*`), allow("kms:GenerateDataKey", KEY_ARN))))],
            messages: [WRITE_MISSING("ai-worker", "inlinePolicies[0].policy", "role ai-worker", "kms:Decrypt")],
            codes: [CODE],
        },
        {
            title: "a role's grants gathered from its RolePolicy and an attached in-stack policy, reported on the document that grants the read",
            resources: [
                key(),
                v6Bucket(),
                role(),
                res(IAM_POLICY, "reader", { arn: "arn:aws:iam::111122223333:policy/reader", policy: doc(allow("s3:GetObject*", `${BUCKET_ARN}/*`)) }),
                res(IAM_ROLE_POLICY_ATTACHMENT, "attach", { role: "ai-worker", policyArn: "arn:aws:iam::111122223333:policy/reader" }),
                res(IAM_ROLE_POLICY, "kms-elsewhere", { role: "ai-worker", policy: doc(allow("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/other")) }),
            ],
            messages: [READ_MISSING("reader", "policy", "role ai-worker")],
            codes: [CODE],
        },
        {
            title: "a reader of an in-stack secret under a CMK without kms:Decrypt",
            resources: [
                key(),
                res(SECRETSMANAGER_SECRET, "model-api-key", { name: "model-api-key", arn: SECRET_ARN, kmsKeyId: KEY_ARN }),
                role({ inlinePolicies: [{ name: "s", policy: doc(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:model-api-key-*")) }] }),
            ],
            messages: [
                `ai-worker: inlinePolicies[0].policy lets role ai-worker read secret model-api-key (secretsmanager:GetSecretValue), which is encrypted under KMS key ai-app-kms-key, but nothing allows it kms:Decrypt on that key, so GetSecretValue fails with AccessDenied ("kms:Decrypt"). Fix: allow kms:Decrypt on the key's ARN (ai-app-kms-key.arn) for role ai-worker, in its policy or in the key policy.`,
            ],
            codes: ["secret-key-access-missing"],
        },
        {
            title: "inputs only: an auto-named bucket bound to the name the document built from bucket.arn spells, the key to its id (seed 003 as the engine sends it)",
            resources: [inputKey(), autoNamed(), builtFrom(SEED_003)],
            messages: [READ_MISSING("ai-app-role", "policyDocument", VAULT), WRITE_MISSING("ai-app-role", "policyDocument", VAULT)],
            codes: [CODE, CODE],
        },
        {
            title: "a key policy that names only the account root grants the role nothing",
            resources: [key({ policy: ROOT_ONLY_KEY_POLICY }), v6Bucket(), role(READS_AND_WRITES)],
            messages: [READ_MISSING("ai-worker", "inlinePolicies[0].policy", "role ai-worker"), WRITE_MISSING("ai-worker", "inlinePolicies[0].policy", "role ai-worker")],
            codes: [CODE, CODE],
        },
        {
            title: "s3:Put* within the service makes a writer",
            resources: [key(), v6Bucket(), vaultRole(doc(allow("s3:Put*", `${BUCKET_ARN}/*`), allow("kms:Decrypt", KEY_ARN)))],
            messages: [WRITE_MISSING("ai-app-role", "policyDocument", VAULT, "kms:GenerateDataKey")],
            codes: [CODE],
        },
        {
            title: "an attached AmazonS3ReadOnlyAccess grants no KMS action: the read still fails",
            resources: [key(), v6Bucket(), role({ managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], ...READS })],
            messages: [READ_MISSING("ai-worker", "inlinePolicies[0].policy", "role ai-worker")],
            codes: [CODE],
        },
    ],
    preview: [
        { title: "a computed document", resources: [key(), v6Bucket(), vaultRole(UNKNOWN)] },
        { title: "a computed key and key reference", resources: [key({ arn: UNKNOWN, id: UNKNOWN, keyId: UNKNOWN }), v6Bucket(UNKNOWN), vaultRole(SEED_003)] },
        { title: "a computed key reference", resources: [key(), v6Bucket(UNKNOWN), vaultRole(SEED_003)] },
        { title: "a computed key policy", resources: [key({ policy: UNKNOWN }), v6Bucket(), vaultRole(SEED_003)] },
    ],
});
