/**
 * Vault AWS secret engine roles issue short-lived STS credentials. The role's policyDocument is an
 * IAM identity document and is judged by the IAM policies (lib/documents.ts), not here.
 */
import { credentialTypeFindings } from "../core/vault";
import { resourcePolicy } from "../lib/define";
import { rawOf } from "../lib/read";
import { VAULT_AWS_SECRET_BACKEND_ROLE } from "../lib/types";

export const vaultAwsRoleCredentialType = resourcePolicy({
    name: "vault-aws-role-credential-type",
    description: "Vault AWS secret engine roles issue short-lived STS credentials (assumed_role or federation_token), not IAM users.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Set credentialType: assumed_role with roleArns listing the IAM roles Vault may assume (or federation_token) on the vault.aws.SecretBackendRole. iam_user creates an IAM user with long-lived access keys for every lease.",
    types: [VAULT_AWS_SECRET_BACKEND_ROLE],
    check: ({ read }) => credentialTypeFindings(rawOf(read("credentialType")), rawOf(read("roleArns"))),
});
