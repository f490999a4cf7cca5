/**
 * The catalog: every keyguard policy, in the order of POLICIES.md. Importing this module does
 * not start the gRPC server (index.ts does), so tests, docs and `keyguard scan` can use it.
 */
import type { KeyguardPolicy } from "./lib/define";
import { kmsKeyRotation } from "./kms/kms-key-rotation";
import { kmsAliasName } from "./kms/kms-alias-name";
import { kmsKeyUsage } from "./kms/kms-key-usage";
import { kmsKeyDeletionWindow } from "./kms/kms-key-deletion-window";
import { kmsKeyDescription } from "./kms/kms-key-description";
import { secretsmanagerSecretCmk } from "./secretsmanager/secretsmanager-secret-cmk";
import { iamKmsLeastPrivilege } from "./iam/iam-kms-least-privilege";
import { iamLeastPrivilegeActions } from "./iam/iam-least-privilege-actions";
import { iamPolicyDocumentValid } from "./iam/iam-policy-document-valid";
import { iamTrustedServicePrincipals } from "./iam/iam-trusted-service-principals";
import { kmsKeyPolicy } from "./kms/kms-key-policy";
import { s3BucketSseKms } from "./s3/s3-bucket-sse-kms";
import { s3BucketKeyEnabled } from "./s3/s3-bucket-key-enabled";
import { s3KmsKeyAccess } from "./s3/s3-kms-key-access";
import { vaultKvMountType } from "./vault/vault-kv-mount-type";
import { secretsmanagerNoPlaintextValue } from "./secretsmanager/secretsmanager-no-plaintext-value";
import { vaultNoPlaintextData } from "./vault/vault-no-plaintext-data";
import { vaultAwsSecretBackendTtl } from "./vault/vault-aws-secret-backend-ttl";
import { vaultAwsRoleCredentialType } from "./vault/vault-aws-role-credential-type";
import { vaultAwsAuthRoleBound } from "./vault/vault-aws-auth-role-bound";
import { awsEncryptionAtRestCmk } from "./aws/aws-encryption-at-rest-cmk";
import { sourceNoSecretLiterals } from "./program/source-no-secret-literals";
import { awsNoPlaintextCredentials } from "./aws/aws-no-plaintext-credentials";
import { ssmParameterSecure } from "./ssm/ssm-parameter-secure";

// Placeholders (`// name`) mark where each policy goes: replace yours with its export.
export const policies: KeyguardPolicy[] = [
    kmsAliasName,
    kmsKeyUsage,
    kmsKeyRotation,
    kmsKeyDeletionWindow,
    kmsKeyPolicy,
    kmsKeyDescription,
    s3BucketSseKms,
    s3BucketKeyEnabled,
    s3KmsKeyAccess,
    iamKmsLeastPrivilege,
    iamLeastPrivilegeActions,
    iamTrustedServicePrincipals,
    iamPolicyDocumentValid,
    secretsmanagerSecretCmk,
    secretsmanagerNoPlaintextValue,
    vaultNoPlaintextData,
    vaultKvMountType,
    vaultAwsSecretBackendTtl,
    vaultAwsRoleCredentialType,
    vaultAwsAuthRoleBound,
    awsEncryptionAtRestCmk,
    awsNoPlaintextCredentials,
    ssmParameterSecure,
];

/**
 * Program policies (catalog level `check-only`): judged only by `keyguard check`, which sees the
 * program's source files. They are never in the pack, since the engine cannot see source.
 */
export const programPolicies: KeyguardPolicy[] = [sourceNoSecretLiterals];
