/**
 * Who may log in to Vault through the AWS auth method, and what they get. An `iam` role must be
 * bound to specific IAM roles or users; the tokens it issues carry no root policy and expire.
 */
import { AUTH_ROLE_PROPERTIES, AuthRole, authRoleFindings } from "../core/vault";
import { resourcePolicy } from "../lib/define";
import type { PlainReading } from "../lib/read";
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
    check: ({ plain, config }) => authRoleFindings(authRoleOf(plain), config.maxTokenTtlSeconds),
});

/** The role's properties the rule reads, as plain data (a loop into one object: `Object.fromEntries` over pairs cost more than the rule). */
function authRoleOf(plain: (property: string) => PlainReading): AuthRole {
    const role: Record<string, unknown> = {};
    for (const property of AUTH_ROLE_PROPERTIES) role[property] = plain(property).value;
    return role as AuthRole;
}
