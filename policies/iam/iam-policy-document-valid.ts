import { documentProblems } from "../core/iam/validity";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf, reportDocumentFindings } from "../lib/documents";

const KINDS = ["identity", "trust", "key"] as const;

export const iamPolicyDocumentValid = resourcePolicy({
    name: "iam-policy-document-valid",
    description: "IAM, trust and key policy documents parse, use the 2012-10-17 language, and name resources their actions can reach.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        "Write the document as JSON (JSON.stringify or aws.iam.getPolicyDocument) with Version \"2012-10-17\"; give every statement Effect Allow or Deny; use \"*\" or full ARNs as Resource (a key's ARN, not its id); keep each ARN in a statement whose actions apply to it.",
    types: documentTypes([...KINDS]),
    check({ type, read, report }) {
        for (const doc of parsedDocumentsOf(type, read, KINDS)) {
            // An attached AWS managed policy is AWS's document, not the program's: its validity is not the program's to fix.
            if (doc.managed) continue;
            reportDocumentFindings(report, doc.property, documentProblems(doc.parsed, doc.kind), doc.secret);
        }
    },
});
