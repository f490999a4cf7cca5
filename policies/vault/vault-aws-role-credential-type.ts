/**
 * Vault AWS secret engine roles issue short-lived STS credentials. The role's policyDocument is an
 * IAM identity document and is judged by the IAM policies (lib/documents.ts), not here.
 */
import { credentialTypeProblems, includesAssumedRole } from "../core/vault";
import { resourcePolicy } from "../lib/define";
import { VAULT_AWS_SECRET_BACKEND_ROLE } from "../lib/types";

export const vaultAwsRoleCredentialType = resourcePolicy({
    name: "vault-aws-role-credential-type",
    description: "Vault AWS secret engine roles issue short-lived STS credentials (assumed_role or federation_token), not IAM users.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Set credentialType: assumed_role with roleArns listing the IAM roles Vault may assume (or federation_token) on the vault.aws.SecretBackendRole. iam_user creates an IAM user with long-lived access keys for every lease.",
    types: [VAULT_AWS_SECRET_BACKEND_ROLE],
    check({ read, report }) {
        const type = read("credentialType");
        if (type.state === "unknown") return;
        const value = type.state === "known" ? type.value : undefined;
        for (const p of credentialTypeProblems(value)) report(p);
        if (!includesAssumedRole(value)) return;
        const roleArns = read("roleArns");
        if (roleArns.state === "absent" || (roleArns.state === "known" && Array.isArray(roleArns.value) && roleArns.value.length === 0)) {
            report({ problem: "credentialType assumed_role lists no roleArns, so Vault has no role to assume", value: roleArns.state === "known" ? roleArns.value : undefined, fix: "set roleArns to the IAM role ARNs this Vault role may assume" });
        }
    },
});
