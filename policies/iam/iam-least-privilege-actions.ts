import { actionLeastPrivilege } from "../core/iam/least-privilege";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf, reportDocumentFindings } from "../lib/documents";

export const iamLeastPrivilegeActions = resourcePolicy({
    name: "iam-least-privilege-actions",
    description: "Identity policies name the actions they grant: no *, no service-wide wildcard, no NotAction, no misspelt actions.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Replace \"*\", \"<service>:*\" and NotAction in Allow statements with the list of actions the workload calls. Correct action names IAM does not know: IAM ignores them without an error.",
    framework: { name: "CIS AWS Foundations Benchmark", version: "3.0.0", reference: "1.16", specification: "Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached" },
    types: documentTypes(["identity"]),
    check({ type, read, report }) {
        for (const doc of parsedDocumentsOf(type, read, ["identity"])) {
            if (doc.parsed.ok !== true) continue; // iam-policy-document-valid reports documents that do not parse
            reportDocumentFindings(report, doc.property, doc.parsed.statements.flatMap(actionLeastPrivilege), doc.secret, doc.managed);
        }
    },
});
