import { forcesImmediateDeletion, secretKeyProblem } from "../core/secretsmanager";
import { resourcePolicy } from "../lib/define";
import { SECRETSMANAGER_SECRET } from "../lib/types";

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export const secretsmanagerSecretCmk = resourcePolicy({
    name: "secretsmanager-secret-cmk",
    description: "Secrets Manager secrets, and their replicas, are encrypted with a customer-managed KMS key and can be recovered after deletion.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set kmsKeyId (and each replicas[].kmsKeyId) to the ARN of a customer-managed aws.kms.Key, not alias/aws/secretsmanager, so the org's key policy decides who can decrypt. Leave recoveryWindowInDays unset (30 days) or set it from 7 to 30; 0 deletes the secret beyond recovery.",
    types: [SECRETSMANAGER_SECRET],
    check({ read, report }) {
        const key = read("kmsKeyId");
        if (key.state !== "unknown") {
            const value = key.state === "known" ? key.value : undefined;
            const problem = secretKeyProblem(value);
            if (problem) report({ problem: `secret ${problem}`, value, fix: "set kmsKeyId to a customer-managed key's ARN (e.g. key.arn)" });
        }
        const window = read("recoveryWindowInDays");
        if (window.state === "known" && forcesImmediateDeletion(window.value)) {
            report({ problem: "recoveryWindowInDays 0 deletes the secret at once, beyond recovery", value: window.value, fix: "set recoveryWindowInDays from 7 to 30, or leave it unset (30 days)" });
        }
        const replicas = read("replicas");
        if (replicas.state !== "known" || !Array.isArray(replicas.value)) return;
        replicas.value.forEach((_, i) => {
            if (read("replicas", i).state === "unknown") return;
            const replicaKey = read("replicas", i, "kmsKeyId");
            if (replicaKey.state === "unknown") return;
            const value = replicaKey.state === "known" ? replicaKey.value : undefined;
            const problem = secretKeyProblem(value);
            if (!problem) return;
            const region = read("replicas", i, "region");
            const where = region.state === "known" && typeof region.value === "string" && REGION.test(region.value) ? `replica in ${region.value}` : `replicas[${i}]`;
            report({ problem: `${where} ${problem}`, value, fix: `set replicas[${i}].kmsKeyId to a customer-managed key's ARN in that region` });
        });
    },
});
