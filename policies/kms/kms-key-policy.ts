import { kmsKeyPolicyFindings } from "../core/iam/key-policy";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf } from "../lib/documents";
import { extraServicePrincipalsField } from "../lib/shared-config";

interface Config {
    extraServicePrincipals: string[];
}

export const kmsKeyPolicy = resourcePolicy<Config>({
    name: "kms-key-policy",
    description: "KMS key policies keep the key to named principals: no unconditioned access for everyone, kms:* only for the account root, real service principals, and the policy lockout safety check left on.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps:
        'In the key policy, give kms:* only to arn:aws:iam::<account>:root; grant other principals the actions they use; limit any Principal "*" statement with a condition on kms:CallerAccount, aws:PrincipalOrgID, aws:SourceAccount or kms:ViaService; name services by their documented principals; remove bypassPolicyLockoutSafetyCheck.',
    config: {
        extraServicePrincipals: extraServicePrincipalsField,
    },
    types: documentTypes(["key"]),
    check: (resource) =>
        kmsKeyPolicyFindings(resource.known("bypassPolicyLockoutSafetyCheck"), parsedDocumentsOf(resource, ["key"]), { extra: resource.config.extraServicePrincipals }),
});
