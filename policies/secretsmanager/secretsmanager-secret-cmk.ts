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
    check: ({ read, plain }) => secretCmkFindings(rawOf(read("kmsKeyId")), rawOf(read("recoveryWindowInDays")), plain("replicas").value),
});
