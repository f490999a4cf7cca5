/**
 * Resource type tokens. Policies match on these strings rather than on SDK classes, so both
 * @pulumi/aws majors (v6 and v7) are covered and the pack never loads the provider SDKs.
 */
export const KMS_KEY = "aws:kms/key:Key";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const KMS_ALIAS = "aws:kms/alias:Alias";
export const KMS_EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey";
export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";
export const KMS_REPLICA_EXTERNAL_KEY = "aws:kms/replicaExternalKey:ReplicaExternalKey";

export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";
export const SECRETSMANAGER_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

/** v6 legacy Bucket and v7 Bucket share this token. */
export const S3_BUCKET = "aws:s3/bucket:Bucket";
export const S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
export const S3_BUCKET_SSE_CONFIG = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
export const S3_BUCKET_SSE_CONFIG_V2 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";

export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
export const IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";

export const VAULT_AWS_SECRET_BACKEND_ROLE = "vault:aws/secretBackendRole:SecretBackendRole";
export const VAULT_AWS_SECRET_BACKEND = "vault:aws/secretBackend:SecretBackend";
export const VAULT_AWS_AUTH_BACKEND_ROLE = "vault:aws/authBackendRole:AuthBackendRole";
export const VAULT_KV_SECRET = "vault:kv/secret:Secret";
export const VAULT_KV_SECRET_V2 = "vault:kv/secretV2:SecretV2";
export const VAULT_GENERIC_SECRET = "vault:generic/secret:Secret";
export const VAULT_GENERIC_ENDPOINT = "vault:generic/endpoint:Endpoint";
export const VAULT_MOUNT = "vault:index/mount:Mount";
/**
 * Resources that mount a secrets engine other than kv at their `path` (@pulumi/vault 7.8 tokens).
 * Auth methods are left out: they live under `auth/`, so a kv secret never lands in one.
 */
export const VAULT_NON_KV_ENGINES: readonly string[] = [
    VAULT_AWS_SECRET_BACKEND,
    "vault:ad/secretBackend:SecretBackend",
    "vault:azure/backend:Backend",
    "vault:consul/secretBackend:SecretBackend",
    "vault:database/secretsMount:SecretsMount",
    "vault:gcp/secretBackend:SecretBackend",
    "vault:index/nomadSecretBackend:NomadSecretBackend",
    "vault:kmip/secretBackend:SecretBackend",
    "vault:kubernetes/secretBackend:SecretBackend",
    "vault:ldap/secretBackend:SecretBackend",
    "vault:mongodbatlas/secretBackend:SecretBackend",
    "vault:rabbitMq/secretBackend:SecretBackend",
    "vault:terraformcloud/secretBackend:SecretBackend",
];
/** Every resource of the Vault provider (a prefix, see `typeMatcher` in define.ts). */
export const VAULT_ANY = "vault:*";
/** The Vault provider resource itself (explicit or default provider); it carries the provider's token and logins. */
export const VAULT_PROVIDER = "pulumi:providers:vault";

export const SSM_PARAMETER = "aws:ssm/parameter:Parameter";

/**
 * The data stores aws-encryption-at-rest-cmk judges. The tokens live with that policy's rule table
 * (core/encryption-at-rest.ts), since the core cannot import lib; re-exported here so this file
 * still lists every token the pack matches.
 */
export { ENCRYPTION_TYPES as ENCRYPTION_AT_REST_TYPES } from "../core/encryption-at-rest";
/** The compute types aws-no-plaintext-credentials judges; their tokens live with its table (core/compute-credentials.ts). */
export { COMPUTE_TYPES as COMPUTE_CREDENTIAL_TYPES } from "../core/compute-credentials";
