import { expect } from "chai";
import { urnOf, WireResource } from "../../harness/in-process";
import { s3KmsKeyAccess } from "../../policies/s3/s3-kms-key-access";
import { expectClean, judgeStack, UNKNOWN } from "../helpers";

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;
const BUCKET_NAME = "ai-app-s3-bucket-4f1c2e7";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET_NAME}`;
const ROLE_ARN = "arn:aws:iam::111122223333:role/ai-worker";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:model-api-key-Ab12Cd";

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (Action: unknown, Resource: unknown) => ({ Effect: "Allow", Action, Resource });

const key = (props: Record<string, unknown> = {}) => res("aws:kms/key:Key", "ai-app-kms-key", { id: KEY_ID, keyId: KEY_ID, arn: KEY_ARN, ...props });
/** Seed 003's bucket: the v6 inline SSE-KMS shape, key by id. */
const v6Bucket = (kmsMasterKeyId: unknown = KEY_ID) =>
    res("aws:s3/bucket:Bucket", "ai-app-s3-bucket", { bucket: BUCKET_NAME, arn: BUCKET_ARN, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId } } } });
/** The v7 shape: a bare bucket and a separate SSE configuration resource pointing at it. */
const v7Bucket = () => [
    res("aws:s3/bucket:Bucket", "ai-app-s3-bucket", { bucket: BUCKET_NAME, arn: BUCKET_ARN }),
    res(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "ai-app-sse",
        { bucket: BUCKET_NAME, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }] },
        { bucket: [urnOf("aws:s3/bucket:Bucket", "ai-app-s3-bucket")], rules: [urnOf("aws:kms/key:Key", "ai-app-kms-key")] },
    ),
];
const vaultRole = (policyDocument: unknown, extra: Record<string, unknown> = {}) => res("vault:aws/secretBackendRole:SecretBackendRole", "ai-app-role", { backend: "aws", credentialType: "iam_user", policyDocument, ...extra });
const role = (props: Record<string, unknown> = {}) => res("aws:iam/role:Role", "ai-worker", { name: "ai-worker", arn: ROLE_ARN, ...props });

const SEED_003 = doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], [`${BUCKET_ARN}/*`, KEY_ARN]));
const READ_MISSING = (holder: string, property: string, principal: string, missing = "kms:Decrypt") =>
    `${holder}: ${property} lets ${principal} read objects of bucket ai-app-s3-bucket (s3:GetObject), which is encrypted under KMS key ai-app-kms-key, but nothing allows it ${missing.replace(", ", " and ")} on that key, so reads fail with AccessDenied ("${missing}"). Fix: allow ${missing.replace(", ", " and ")} on the key's ARN (ai-app-kms-key.arn) for ${principal}, in its policy or in the key policy.`;
const WRITE_MISSING = (holder: string, property: string, principal: string, missing = "kms:GenerateDataKey, kms:Decrypt") =>
    `${holder}: ${property} lets ${principal} write objects to bucket ai-app-s3-bucket (s3:PutObject), which is encrypted under KMS key ai-app-kms-key, but nothing allows it ${missing.replace(", ", " and ")} on that key, so writes fail (multipart uploads call kms:Decrypt too) with AccessDenied ("${missing}"). Fix: allow ${missing.replace(", ", " and ")} on the key's ARN (ai-app-kms-key.arn) for ${principal}, in its policy or in the key policy.`;
const VAULT = "the credentials of Vault role ai-app-role";

describe("s3-kms-key-access", () => {
    describe("invalid", () => {
        it("flags seed 003: the Vault role reads and writes an SSE-KMS bucket with no KMS action at all (v6 inline SSE)", async () => {
            const v = await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), vaultRole(SEED_003)]);
            expect(v.messages).to.deep.equal([READ_MISSING("ai-app-role", "policyDocument", VAULT), WRITE_MISSING("ai-app-role", "policyDocument", VAULT)]);
            expect(v.diagnostics.map((d) => [d.level, d.urn])).to.deep.equal([
                ["advisory", urnOf("vault:aws/secretBackendRole:SecretBackendRole", "ai-app-role")],
                ["advisory", urnOf("vault:aws/secretBackendRole:SecretBackendRole", "ai-app-role")],
            ]);
        });

        it("flags a writer with GenerateDataKey but no Decrypt (multipart), on the v7 shape (separate SSE configuration)", async () => {
            const policy = doc(allow("s3:PutObject", `${BUCKET_ARN}/uploads/*`), allow("kms:GenerateDataKey", KEY_ARN));
            const v = await judgeStack(s3KmsKeyAccess, [key(), ...v7Bucket(), role({ inlinePolicies: [{ name: "data", policy }] })]);
            expect(v.messages).to.deep.equal([WRITE_MISSING("ai-worker", "inlinePolicies[0].policy", "role ai-worker", "kms:Decrypt")]);
        });

        it("gathers a role's grants from its RolePolicy and an attached in-stack policy, and reports on the document that grants the read", async () => {
            const reader = res("aws:iam/policy:Policy", "reader", { arn: "arn:aws:iam::111122223333:policy/reader", policy: doc(allow("s3:GetObject*", `${BUCKET_ARN}/*`)) });
            const attachment = res("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach", { role: "ai-worker", policyArn: "arn:aws:iam::111122223333:policy/reader" });
            const other = res("aws:iam/rolePolicy:RolePolicy", "kms-elsewhere", { role: "ai-worker", policy: doc(allow("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/other")) });
            const v = await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), role(), reader, attachment, other]);
            expect(v.messages).to.deep.equal([READ_MISSING("reader", "policy", "role ai-worker")]);
        });

        it("flags a reader of an in-stack secret under a CMK without kms:Decrypt", async () => {
            const secret = res("aws:secretsmanager/secret:Secret", "model-api-key", { name: "model-api-key", arn: SECRET_ARN, kmsKeyId: KEY_ARN });
            const v = await judgeStack(s3KmsKeyAccess, [key(), secret, role({ inlinePolicies: [{ name: "s", policy: doc(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:111122223333:secret:model-api-key-*")) }] })]);
            expect(v.messages).to.deep.equal([
                `ai-worker: inlinePolicies[0].policy lets role ai-worker read secret model-api-key (secretsmanager:GetSecretValue), which is encrypted under KMS key ai-app-kms-key, but nothing allows it kms:Decrypt on that key, so GetSecretValue fails with AccessDenied ("kms:Decrypt"). Fix: allow kms:Decrypt on the key's ARN (ai-app-kms-key.arn) for role ai-worker, in its policy or in the key policy.`,
            ]);
        });
    });

    describe("inputs only (what a stack policy sees: outputs such as bucket names and key ARNs are absent)", () => {
        const KEY_URN = urnOf("aws:kms/key:Key", "ai-app-kms-key");
        const BUCKET_URN = urnOf("aws:s3/bucket:Bucket", "ai-app-s3-bucket");
        const inputKey = () => res("aws:kms/key:Key", "ai-app-kms-key", { description: "KMS key for AI application data" });
        const autoNamed = () =>
            res("aws:s3/bucket:Bucket", "ai-app-s3-bucket", { serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ID } } } }, { serverSideEncryptionConfiguration: [KEY_URN] });
        const builtFrom = (policyDocument: string) => res("vault:aws/secretBackendRole:SecretBackendRole", "ai-app-role", { backend: "aws", credentialType: "iam_user", policyDocument }, { policyDocument: [BUCKET_URN, KEY_URN] });

        it("binds an auto-named bucket to the name the document built from bucket.arn spells, and the key to its id (seed 003 as the engine sends it)", async () => {
            const v = await judgeStack(s3KmsKeyAccess, [inputKey(), autoNamed(), builtFrom(SEED_003)]);
            expect(v.messages).to.deep.equal([READ_MISSING("ai-app-role", "policyDocument", VAULT), WRITE_MISSING("ai-app-role", "policyDocument", VAULT)]);
        });

        it("passes when that document grants the key actions on the key's ARN", async () => {
            const fixed = doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow(["kms:Decrypt", "kms:GenerateDataKey"], KEY_ARN));
            expectClean(await judgeStack(s3KmsKeyAccess, [inputKey(), autoNamed(), builtFrom(fixed)]));
        });

        it("stays silent when two documents bind the bucket to different names: no guess", async () => {
            const other = res("vault:aws/secretBackendRole:SecretBackendRole", "other-role", { backend: "aws", policyDocument: doc(allow("s3:GetObject", "arn:aws:s3:::another-name/*")) }, { policyDocument: [BUCKET_URN] });
            expectClean(await judgeStack(s3KmsKeyAccess, [inputKey(), autoNamed(), builtFrom(SEED_003), other]));
        });
    });

    describe("valid", () => {
        it("passes when the same documents grant the key actions", async () => {
            const fixed = doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow("s3:ListBucket", BUCKET_ARN), allow(["kms:Decrypt", "kms:GenerateDataKey"], KEY_ARN));
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), vaultRole(fixed)]));
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), ...v7Bucket(), role({ inlinePolicies: [{ name: "data", policy: fixed }] })]));
        });

        it("passes when the key policy names the principal", async () => {
            const keyPolicy = doc({ Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" });
            const reader = role({ inlinePolicies: [{ name: "data", policy: doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`)) }] });
            expectClean(await judgeStack(s3KmsKeyAccess, [key({ policy: keyPolicy }), v6Bucket(), reader]));
            // The same stack without that statement is flagged: the key policy is what grants.
            const rootOnly = doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" });
            expect((await judgeStack(s3KmsKeyAccess, [key({ policy: rootOnly }), v6Bucket(), reader])).messages).to.have.length(2);
        });

        it("passes a bucket under SSE-S3 or a key outside the stack, and a grant on every bucket (*), which names no bucket", async () => {
            const aes = res("aws:s3/bucket:Bucket", "ai-app-s3-bucket", { bucket: BUCKET_NAME, serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } } } });
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), aes, vaultRole(SEED_003)]));
            expectClean(await judgeStack(s3KmsKeyAccess, [v6Bucket("arn:aws:kms:us-east-1:111122223333:key/elsewhere"), vaultRole(SEED_003)]));
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), vaultRole(doc(allow("s3:GetObject", "*")))]));
            // s3:* grants writes too, but says nothing of what the job does (seed 002 only reads): iam-least-privilege-actions reports it.
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), vaultRole(doc(allow("s3:*", `${BUCKET_ARN}/*`), allow("kms:Decrypt", KEY_ARN)))]));
            expect((await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), vaultRole(doc(allow("s3:Put*", `${BUCKET_ARN}/*`), allow("kms:Decrypt", KEY_ARN)))])).messages).to.deep.equal([
                WRITE_MISSING("ai-app-role", "policyDocument", VAULT, "kms:GenerateDataKey"),
            ]);
        });

        it("counts the grants of attached AWS managed policies by their real documents", async () => {
            const reads = { inlinePolicies: [{ name: "data", policy: doc(allow("s3:GetObject", `${BUCKET_ARN}/*`)) }] };
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), role({ managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], ...reads })]));
            // AmazonS3ReadOnlyAccess grants no KMS action: the read still fails.
            const v = await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), role({ managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], ...reads })]);
            expect(v.messages).to.deep.equal([READ_MISSING("ai-worker", "inlinePolicies[0].policy", "role ai-worker")]);
            // A customer-managed policy from outside the stack may grant it: not judged.
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), role({ managedPolicyArns: ["arn:aws:iam::111122223333:policy/shared-kms"], ...reads })]));
        });
    });

    describe("preview", () => {
        it("stays silent while the document, the key or the bucket's encryption is unknown", async () => {
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(), vaultRole(UNKNOWN)]));
            expectClean(await judgeStack(s3KmsKeyAccess, [key({ arn: UNKNOWN, id: UNKNOWN, keyId: UNKNOWN }), v6Bucket(UNKNOWN), vaultRole(SEED_003)]));
            expectClean(await judgeStack(s3KmsKeyAccess, [key(), v6Bucket(UNKNOWN), vaultRole(SEED_003)]));
            expectClean(await judgeStack(s3KmsKeyAccess, [key({ policy: UNKNOWN }), v6Bucket(), vaultRole(SEED_003)]));
        });
    });
});
