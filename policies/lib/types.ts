/**
 * Resource type tokens. Policies match on these strings rather than on SDK classes, so both
 * @pulumi/aws majors (v6 and v7) are covered and the pack never loads the provider SDKs.
 */
export const KMS_KEY = "aws:kms/key:Key";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
export const KMS_ALIAS = "aws:kms/alias:Alias";
export const KMS_EXTERNAL_KEY = "aws:kms/externalKey:ExternalKey";

export const SECRETSMANAGER_SECRET = "aws:secretsmanager/secret:Secret";
export const SECRETSMANAGER_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_ROLE = "aws:iam/role:Role";

export const VAULT_AWS_SECRET_BACKEND_ROLE = "vault:aws/secretBackendRole:SecretBackendRole";
