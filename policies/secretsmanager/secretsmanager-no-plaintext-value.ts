/**
 * A Secrets Manager secret's value must reach the engine as a Pulumi secret. Judged on the wire
 * (see lib/wire-tap.ts), not on what @pulumi/aws wraps. The write-only `secretStringWo` never
 * reaches the state and is fine.
 */
import { Secret } from "@pulumi/policy";
import { plaintextSecretValues } from "../core/secretsmanager";
import { resourcePolicy } from "../lib/define";
import { Path, Reading, secretsVisible } from "../lib/read";
import { SECRETSMANAGER_SECRET_VERSION } from "../lib/types";

/** The secret version's value properties, read as the engine sent them. */
function plaintextOf(read: (...path: Path) => Reading) {
    return plaintextSecretValues({ secretString: read("secretString"), secretBinary: read("secretBinary") });
}

export const secretsmanagerNoPlaintextValue = resourcePolicy({
    name: "secretsmanager-no-plaintext-value",
    description: "A Secrets Manager secret version's value reaches the engine as a Pulumi secret, so it is encrypted in the state.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        "Pass secretString/secretBinary as a Pulumi secret: store the value with `pulumi config set --secret` or in Pulumi ESC and read it with config.requireSecret(), or use the write-only secretStringWo. Automatic remediation re-marks the value as a secret, which encrypts the state, but the literal stays in your source: move it out.",
    types: [SECRETSMANAGER_SECRET_VERSION],
    check({ props, read, notApplicable }) {
        if (!secretsVisible(props)) notApplicable("the engine's secret markers are not visible to this pack (wire tap not installed), so plaintext cannot be told from secrets");
        return plaintextOf(read).map((p) => p.finding);
    },
    remediate({ read, withChanges }) {
        const plaintext = plaintextOf(read);
        if (plaintext.length === 0) return undefined;
        const changes: Record<string, unknown> = {};
        for (const { property } of plaintext) {
            const reading = read(property);
            if (reading.state === "known") changes[property] = new Secret(reading.value);
        }
        return withChanges(changes);
    },
});
