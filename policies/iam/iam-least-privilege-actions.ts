import { actionLeastPrivilegeFindings } from "../core/iam/least-privilege";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf } from "../lib/documents";

export const iamLeastPrivilegeActions = resourcePolicy({
    name: "iam-least-privilege-actions",
    description: "Identity policies name the actions they grant: no *, no service-wide wildcard, no NotAction, no misspelt actions.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Replace \"*\", \"<service>:*\" and NotAction in Allow statements with the list of actions the workload calls. Correct action names IAM does not know: IAM ignores them without an error.",
    framework: { name: "CIS AWS Foundations Benchmark", version: "3.0.0", reference: "1.16", specification: "Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached" },
    types: documentTypes(["identity"]),
    check: (resource) => actionLeastPrivilegeFindings(parsedDocumentsOf(resource, ["identity"])),
});
