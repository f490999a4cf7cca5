import { ROTATION_PERIOD_BOUNDS, rotationPeriodProblem, supportsAutomaticRotation } from "../core/kms";
import { resourcePolicy } from "../lib/define";
import { keyShape } from "../lib/kms-key";
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
    check({ read, report, notApplicable, config }) {
        const key = keyShape(read);
        if (!key) return; // spec or usage is computed: judge it once it is known
        if (!supportsAutomaticRotation(key.spec, key.usage)) notApplicable("automatic rotation applies only to SYMMETRIC_DEFAULT ENCRYPT_DECRYPT keys");
        if (key.customKeyStore) notApplicable("keys in a custom key store cannot rotate automatically");

        const rotation = read("enableKeyRotation");
        if (rotation.state === "absent" || (rotation.state === "known" && rotation.value !== true)) {
            report({ problem: "automatic key rotation is off", value: rotation.state === "known" ? rotation.value : undefined, fix: "set enableKeyRotation: true" });
        }
        const period = read("rotationPeriodInDays");
        if (period.state === "known") {
            const problem = rotationPeriodProblem(period.value, config.minRotationDays, config.maxRotationDays);
            if (problem) report({ problem, value: period.value, fix: `set rotationPeriodInDays between ${config.minRotationDays} and ${config.maxRotationDays}` });
        }
    },
    remediate({ read, withChanges }) {
        const key = keyShape(read);
        const rotation = read("enableKeyRotation");
        if (!key || key.customKeyStore || !supportsAutomaticRotation(key.spec, key.usage)) return undefined;
        if (rotation.state === "unknown" || (rotation.state === "known" && rotation.value === true)) return undefined;
        return withChanges({ enableKeyRotation: true });
    },
});
