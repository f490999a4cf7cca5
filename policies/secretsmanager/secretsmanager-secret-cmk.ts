import { secretCmkFindings } from "../core/secretsmanager";
import { resourcePolicy } from "../lib/define";
import { rawOf } from "../lib/read";
import { SECRETSMANAGER_SECRET } from "../lib/types";

export const secretsmanagerSecretCmk = resourcePolicy({
    name: "secretsmanager-secret-cmk",
    description: "Secrets Manager secrets, and their replicas, are encrypted with a customer-managed KMS key and can be recovered after deletion.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set kmsKeyId (and each replicas[].kmsKeyId) to the ARN of a customer-managed aws.kms.Key, not alias/aws/secretsmanager, so the org's key policy decides who can decrypt. Leave recoveryWindowInDays unset (30 days) or set it from 7 to 30; 0 deletes the secret beyond recovery.",
    types: [SECRETSMANAGER_SECRET],
    check({ read }) {
        const replicas = read("replicas");
        // Each replica entry as read (secrets unwrapped, unknowns as the sentinel); at most the first 100.
        const entries = replicas.state === "known" && Array.isArray(replicas.value) ? replicas.value.slice(0, 100).map((_, i) => ({ entry: read("replicas", i), i })) : [];
        const asRead = entries.map(({ entry, i }) =>
            entry.state === "unknown" ? rawOf(entry) : { kmsKeyId: rawOf(read("replicas", i, "kmsKeyId")), region: rawOf(read("replicas", i, "region")) },
        );
        return secretCmkFindings(rawOf(read("kmsKeyId")), rawOf(read("recoveryWindowInDays")), asRead);
    },
});
