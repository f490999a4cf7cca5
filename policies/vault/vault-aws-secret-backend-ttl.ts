import { leaseTtlFindings } from "../core/vault";
import { resourcePolicy } from "../lib/define";
import { rawOf } from "../lib/read";
import { VAULT_AWS_SECRET_BACKEND } from "../lib/types";

interface Config {
    maxLeaseTtlSeconds: number;
}

export const vaultAwsSecretBackendTtl = resourcePolicy<Config>({
    name: "vault-aws-secret-backend-ttl",
    description: "Vault's AWS secret engine hands out leases with an explicit, short default and maximum TTL.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set defaultLeaseTtlSeconds and maxLeaseTtlSeconds on the vault.aws.SecretBackend, with the default no longer than the maximum and the maximum no longer than the configured cap (86400 seconds by default). Left unset (or 0), both fall back to Vault's 32-day system TTL.",
    config: {
        maxLeaseTtlSeconds: { type: "integer", description: "Longest allowed maxLeaseTtlSeconds (and defaultLeaseTtlSeconds), in seconds.", default: 86400, minimum: 1 },
    },
    types: [VAULT_AWS_SECRET_BACKEND],
    check: ({ read, config }) =>
        leaseTtlFindings({ defaultLeaseTtlSeconds: rawOf(read("defaultLeaseTtlSeconds")), maxLeaseTtlSeconds: rawOf(read("maxLeaseTtlSeconds")) }, config.maxLeaseTtlSeconds),
});
