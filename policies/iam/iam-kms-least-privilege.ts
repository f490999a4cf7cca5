import { DEFAULT_ALLOWED_KMS_ACTIONS, kmsLeastPrivilegeFindings } from "../core/iam/least-privilege";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf } from "../lib/documents";

interface Config {
    allowedKmsActions: string[];
}

export const iamKmsLeastPrivilege = resourcePolicy<Config>({
    name: "iam-kms-least-privilege",
    description: "Identity policies grant only the KMS actions a workload needs, on named keys.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "In each Allow statement that grants KMS actions: list the actions instead of kms:* or broad wildcards (keep to allowedKmsActions), set Resource to the key's ARN (key.arn, not key.id or an alias), and leave grant, key-policy and deletion actions to an administrator role.",
    framework: { name: "AWS Foundational Security Best Practices", version: "1.0.0", reference: "KMS.1, KMS.2", specification: "IAM policies should not allow decryption actions on all KMS keys" },
    config: {
        allowedKmsActions: {
            type: "array",
            items: { type: "string" },
            description: "KMS actions an identity policy may grant (\"kms:Decrypt\" or \"Decrypt\"); wildcards must expand to these only.",
            default: [...DEFAULT_ALLOWED_KMS_ACTIONS],
        },
    },
    types: documentTypes(["identity"]),
    check: (resource) => kmsLeastPrivilegeFindings(parsedDocumentsOf(resource, ["identity"]), resource.config.allowedKmsActions),
});
