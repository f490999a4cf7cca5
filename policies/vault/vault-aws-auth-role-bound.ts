/**
 * Who may log in to Vault through the AWS auth method, and what they get. An `iam` role must be
 * bound to specific IAM roles or users; the tokens it issues carry no root policy and expire.
 */
import { AUTH_ROLE_PROPERTIES, AuthRole, authRoleFindings } from "../core/vault";
import { resourcePolicy } from "../lib/define";
import { readPlain } from "../lib/read";
import { VAULT_AWS_AUTH_BACKEND_ROLE } from "../lib/types";

interface Config {
    maxTokenTtlSeconds: number;
}

export const vaultAwsAuthRoleBound = resourcePolicy<Config>({
    name: "vault-aws-auth-role-bound",
    description: "Vault AWS auth roles bind specific IAM roles or users, never grant the root policy, and issue tokens with a bounded lifetime.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "On the vault.aws.AuthBackendRole: with authType iam (Vault's default), set boundIamPrincipalArns to the exact IAM role or user ARNs that may log in (arn:aws:iam::<account-id>:role/<name>), not `*`, a wildcard account, or another resource's ARN; keep root out of tokenPolicies; set tokenMaxTtl (or tokenExplicitMaxTtl) to at most the configured cap (86400 seconds by default).",
    config: {
        maxTokenTtlSeconds: { type: "integer", description: "Longest allowed tokenMaxTtl, in seconds.", default: 86400, minimum: 1 },
    },
    types: [VAULT_AWS_AUTH_BACKEND_ROLE],
    check: ({ read, config }) => authRoleFindings(Object.fromEntries(AUTH_ROLE_PROPERTIES.map((p) => [p, readPlain(read, p).value])) as AuthRole, config.maxTokenTtlSeconds),
});
