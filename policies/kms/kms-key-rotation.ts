import { ROTATION_PERIOD_BOUNDS, rotationFindings, rotationNotApplicable } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { keyShape } from "../lib/kms-key";
import { rawOf } from "../lib/read";
import { KMS_KEY } from "../lib/types";

interface Config {
    minRotationDays: number;
    maxRotationDays: number;
}

export const kmsKeyRotation = resourcePolicy<Config>({
    name: "kms-key-rotation",
    description: "Symmetric KMS encryption keys rotate their key material automatically.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: "Set enableKeyRotation: true on the aws.kms.Key. If you set rotationPeriodInDays, keep it within the configured window (90 to 365 days by default).",
    framework: { name: "CIS AWS Foundations Benchmark", version: "3.0.0", reference: "3.6", specification: "Ensure rotation for customer-created symmetric CMKs is enabled" },
    config: {
        minRotationDays: { type: "integer", description: "Shortest allowed rotationPeriodInDays.", default: 90, minimum: ROTATION_PERIOD_BOUNDS.min, maximum: ROTATION_PERIOD_BOUNDS.max },
        maxRotationDays: { type: "integer", description: "Longest allowed rotationPeriodInDays.", default: 365, minimum: ROTATION_PERIOD_BOUNDS.min, maximum: ROTATION_PERIOD_BOUNDS.max },
    },
    types: [KMS_KEY],
    check({ read, notApplicable, config }) {
        const key = keyShape(read);
        if (!key) return []; // spec, usage or key store is computed: judge it once it is known
        const reason = rotationNotApplicable(key);
        if (reason) notApplicable(reason);
        return rotationFindings(rawOf(read("enableKeyRotation")), rawOf(read("rotationPeriodInDays")), { min: config.minRotationDays, max: config.maxRotationDays });
    },
    remediate({ read, withChanges, config }) {
        const key = keyShape(read);
        if (!key || rotationNotApplicable(key)) return undefined;
        const findings = rotationFindings(rawOf(read("enableKeyRotation")), undefined, { min: config.minRotationDays, max: config.maxRotationDays });
        return findings.some((f) => f.code === "rotation-off") ? withChanges({ enableKeyRotation: true }) : undefined;
    },
});
