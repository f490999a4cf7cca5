/**
 * A Secrets Manager secret's value must reach the engine as a Pulumi secret. Judged on the wire
 * (see lib/wire-tap.ts), not on what @pulumi/aws wraps. The write-only `secretStringWo` never
 * reaches the state and is fine.
 */
import { Secret } from "@pulumi/policy";
import { plaintextFinding } from "../core/secrets";
import { resourcePolicy } from "../lib/define";
import { secretsVisible } from "../lib/read";
import { SECRETSMANAGER_SECRET_VERSION } from "../lib/types";

const VALUE_PROPERTIES = ["secretString", "secretBinary"] as const;

export const secretsmanagerNoPlaintextValue = resourcePolicy({
    name: "secretsmanager-no-plaintext-value",
    description: "A Secrets Manager secret version's value reaches the engine as a Pulumi secret, so it is encrypted in the state.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Pass secretString/secretBinary as a Pulumi secret: store the value with `pulumi config set --secret` or in Pulumi ESC and read it with config.requireSecret(), or use the write-only secretStringWo. Automatic remediation re-marks the value as a secret, which encrypts the state, but the literal stays in your source: move it out.",
    types: [SECRETSMANAGER_SECRET_VERSION],
    check({ props, read, report, notApplicable }) {
        if (!secretsVisible(props)) notApplicable("the engine's secret markers are not visible to this pack (wire tap not installed), so plaintext cannot be told from secrets");
        for (const key of VALUE_PROPERTIES) {
            const finding = plaintextFinding(key, read(key));
            if (finding) report(finding);
        }
    },
    remediate({ read, withChanges }) {
        const changes: Record<string, unknown> = {};
        for (const key of VALUE_PROPERTIES) {
            const reading = read(key);
            if (reading.state === "known" && plaintextFinding(key, reading)) changes[key] = new Secret(reading.value);
        }
        return Object.keys(changes).length > 0 ? withChanges(changes) : undefined;
    },
});
