import { documentValidityFindings } from "../core/iam/validity";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf } from "../lib/documents";

const KINDS = ["identity", "trust", "key"] as const;

export const iamPolicyDocumentValid = resourcePolicy({
    name: "iam-policy-document-valid",
    description: "IAM, trust and key policy documents parse, use the 2012-10-17 language, and name resources their actions can reach.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps:
        "Write the document as JSON (JSON.stringify or aws.iam.getPolicyDocument) with Version \"2012-10-17\"; give every statement Effect Allow or Deny; use \"*\" or full ARNs as Resource (a key's ARN, not its id); keep each ARN in a statement whose actions apply to it.",
    types: documentTypes([...KINDS]),
    check: (resource) => documentValidityFindings(parsedDocumentsOf(resource, KINDS)),
});
