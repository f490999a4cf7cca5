import { keyPolicyFindings } from "../core/iam/key-policy";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf, reportDocumentFindings } from "../lib/documents";
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
    check({ type, read, report, config }) {
        const bypass = read("bypassPolicyLockoutSafetyCheck");
        if (bypass.state === "known" && bypass.value === true) {
            report({
                problem: "bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key",
                value: true,
                fix: "remove bypassPolicyLockoutSafetyCheck or set it to false",
            });
        }
        for (const doc of parsedDocumentsOf(type, read, ["key"])) {
            // Unknown (preview) and unparseable documents are skipped: iam-policy-document-valid reports the latter, once.
            if (doc.parsed.ok !== true) continue;
            // Located, capped per document and secret-safe, as every document reader reports.
            reportDocumentFindings(report, doc.property, keyPolicyFindings(doc.parsed.statements, { extra: config.extraServicePrincipals }), doc.secret);
        }
    },
});
