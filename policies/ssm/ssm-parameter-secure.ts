/**
 * SSM parameters that hold credentials are SecureStrings under a customer-managed key, and their
 * value reaches the engine as a Pulumi secret. The rules are in core/ssm-parameter.ts.
 */
import { loadedSecretPatterns } from "../core/secret-patterns";
import { ssmParameterFindings } from "../core/ssm-parameter";
import { resourcePolicy } from "../lib/define";
import { PATTERNS_MISSING, withSecretPatterns } from "../lib/secret-patterns";
import { secretsVisible } from "../lib/read";
import { SSM_PARAMETER } from "../lib/types";
import { installWireTap } from "../lib/wire-tap";

// The value's secret-ness is judged on the engine's wire format (idempotent).
installWireTap();

const policy = resourcePolicy({
    name: "ssm-parameter-secure",
    description: "SSM parameters that hold credentials are SecureStrings encrypted under a customer-managed KMS key, and their value reaches the engine as a Pulumi secret.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Set type: "SecureString" and keyId to a customer-managed KMS key (not alias/aws/ssm) on the aws.ssm.Parameter, and pass its value as a Pulumi secret (pulumi config set --secret, then config.requireSecret()), or use the write-only valueWo. Do not put a credential in insecureValue.',
    types: [SSM_PARAMETER],
    check({ name, props, read, report }) {
        const detect = loadedSecretPatterns();
        const given = read("name");
        const findings = ssmParameterFindings(
            {
                // Without `name`, the provider names the parameter after the resource.
                name: given.state === "absent" ? name : given.state === "known" ? given.value : undefined,
                type: read("type"),
                keyId: read("keyId"),
                value: read("value"),
                insecureValue: read("insecureValue"),
                secretsVisible: secretsVisible(props),
            },
            detect ?? (() => undefined),
        );
        for (const f of findings) report(f);
        if (!detect) throw new Error(PATTERNS_MISSING);
    },
});

/** Loads the value patterns before the first parameter is judged (lib/secret-patterns.ts). */
export const ssmParameterSecure = withSecretPatterns(policy);
