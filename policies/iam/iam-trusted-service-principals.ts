import { trustDocumentFindings } from "../core/iam/trust-policy";
import { resourcePolicy } from "../lib/define";
import { documentTypes, parsedDocumentsOf } from "../lib/documents";
import { extraServicePrincipalsField } from "../lib/shared-config";

interface Config {
    allowedServicePrincipals: string[];
    extraServicePrincipals: string[];
}

export const iamTrustedServicePrincipals = resourcePolicy<Config>({
    name: "iam-trusted-service-principals",
    description: "Role trust policies trust only real AWS service principals, never everyone, and narrow web-identity and SAML federation to the intended subjects.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'In the role\'s assumeRolePolicy, name each AWS service by its documented principal (e.g. "sagemaker.amazonaws.com"); replace Principal "*" with the accounts or roles that may assume the role; give every OIDC Federated principal a StringEquals/StringLike condition on "<provider>:sub" and every SAML one a condition on "SAML:aud".',
    config: {
        allowedServicePrincipals: {
            type: "array",
            items: { type: "string" },
            description: "When non-empty, the only service principals a trust policy may name (regional and China forms of an allowed principal count as it).",
            default: [],
        },
        extraServicePrincipals: extraServicePrincipalsField,
    },
    types: documentTypes(["trust"]),
    check: (resource) =>
        trustDocumentFindings(parsedDocumentsOf(resource, ["trust"]), { allowed: resource.config.allowedServicePrincipals, extra: resource.config.extraServicePrincipals }),
});
