import { iamTrustedServicePrincipals } from "../../policies/iam/iam-trusted-service-principals";
import { IAM_POLICY, IAM_ROLE } from "../../policies/lib/types";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const ACCOUNT = "123456789012";
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const EKS_ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const EKS = `arn:aws:iam::${ACCOUNT}:oidc-provider/${EKS_ISSUER}`;
const SAML = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;
const name = "aiServiceRole";

const trustDocument = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
/** A trust policy as most programs write it: a JSON string. Preview cases pass the object, where an unknown can sit. */
const trust = (...statements: object[]) => JSON.stringify(trustDocument(...statements));
const assume = (principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });
const role = (assumeRolePolicy: unknown) => ({ assumeRolePolicy });

const AT = "aiServiceRole: assumeRolePolicy statement 1:";
const CATALOG_FIX = "add it to extraServicePrincipals if AWS launched it after this catalog was built";
const SERVICE_FIX = `name the service's principal as AWS documents it (usually <service>.amazonaws.com), or ${CATALOG_FIX}`;
const INVENTED = (at: string, principal: string, fix: string) => `${at} Principal.Service names a service principal that does not exist ("${principal}"). Fix: ${fix}.`;
const DID_YOU_MEAN = (suggestion: string) => `did you mean "${suggestion}"? Otherwise name the service's principal as AWS documents it, or ${CATALOG_FIX}`;
const OIDC_FIX_GITHUB =
    'add a StringEquals or StringLike condition on "token.actions.githubusercontent.com:sub" that names who may assume the role (for GitHub "repo:<owner>/<repository>:ref:refs/heads/main"); an :aud condition alone admits every token the provider issues';
const GITHUB_NO_SUB = `${AT} lets any token from web-identity provider token.actions.githubusercontent.com assume the role: no condition on token.actions.githubusercontent.com:sub ("${GITHUB}"). Fix: ${OIDC_FIX_GITHUB}.`;
const EVERYONE = (statement: string, value: string) => `aiServiceRole: assumeRolePolicy ${statement}: lets any AWS principal, in any account, assume the role (${value}). Fix: name the accounts or roles that may assume it in Principal.AWS.`;

const webIdentity = (principal: string, Condition?: object) => assume({ Federated: principal }, { Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) });
const githubSub = (sub: string) => webIdentity(GITHUB, { StringLike: { "token.actions.githubusercontent.com:sub": sub } });
const cognito = (Condition?: object) => webIdentity("cognito-identity.amazonaws.com", Condition);
const SUB_CONDITION = { Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/ml:ref:refs/heads/main" } } };
const SAML_AUD = { Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } };

let deep: unknown = "x";
for (let i = 0; i < 60; i++) deep = { a: deep };
/** Documents no policy can read: iam-policy-document-valid reports them; this policy stays silent and does not throw. */
const MALFORMED: unknown[] = [
    "{not json",
    "",
    42,
    [],
    { Statement: "nope" },
    { Statement: [{ Effect: "Maybe", Principal: "*" }] },
    huge(),
    "[".repeat(100000),
    { Statement: [{ Effect: "Allow", Principal: { Service: 42 }, Action: "sts:AssumeRole" }] },
    { Statement: deep },
];

/** A hostile trust policy: 60 statements that each trust any principal. A preview shows 20 and counts the rest. */
const SIXTY = trust(...Array.from({ length: 60 }, (_, i) => ({ Effect: "Allow", Sid: `s${i}`, Principal: { AWS: "*" }, Action: "sts:AssumeRole" })));

testPolicy(iamTrustedServicePrincipals, {
    type: IAM_ROLE,
    valid: [
        { title: "real service principals, sub-service ones included", props: role(trust(assume({ Service: ["sagemaker.amazonaws.com", "ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"] }))) },
        { title: "an object document", props: role(trustDocument(assume({ Service: "lambda.amazonaws.com" }))) },
        { title: "the account root", props: role(trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` }))) },
        { title: "the China partition and regional forms", props: role(trust(assume({ Service: ["ec2.amazonaws.com.cn", "states.cn-north-1.amazonaws.com", "logs.cn-northwest-1.amazonaws.com.cn"] }))) },
        { title: "extraServicePrincipals accepts a principal outside the catalog", props: role(trust(assume({ Service: "brandnew.amazonaws.com" }))), config: { extraServicePrincipals: ["brandnew.amazonaws.com"] } },
        { title: "a principal within allowedServicePrincipals", props: role(trust(assume({ Service: "sagemaker.amazonaws.com" }))), config: { allowedServicePrincipals: ["sagemaker.amazonaws.com"] } },
        { title: "a Deny to everyone", props: role(trust({ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" })) },
        {
            title: "OIDC providers narrowed by their :sub claim (GitHub, EKS; condition keys in any case)",
            props: role(
                trust(
                    webIdentity(GITHUB, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/models:ref:refs/heads/main" } }),
                    webIdentity(EKS, { StringEquals: { [`${EKS_ISSUER}:sub`]: "system:serviceaccount:ml:trainer" } }),
                    webIdentity(GITHUB, { StringEquals: { "Token.Actions.GitHubUserContent.com:SUB": "repo:acme/models:environment:prod" } }),
                ),
            ),
        },
        { title: "a GitHub :sub pattern that names its owner", props: role(trust(githubSub("repo:acme/*"))) },
        { title: "a Cognito identity pool narrowed by :aud (the pool id)", props: role(trust(cognito({ StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012" } }))) },
        { title: "SAML with SAML:aud", props: role(trust(assume({ Federated: SAML }, { Action: "sts:AssumeRoleWithSAML", ...SAML_AUD }))) },
        { title: "web identity with its own action among others", props: role(trust(assume({ Federated: GITHUB }, { ...SUB_CONDITION, Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] }))) },
        { title: "the lower-case twin of a wrongly cased principal", props: role(trust(assume({ Service: "sagemaker.amazonaws.com" }))) },
        ...MALFORMED.map((document) => ({ title: `a malformed document: ${JSON.stringify(document).slice(0, 40)}`, props: role(document) })),
        { title: "only roles are judged", type: IAM_POLICY, props: { policy: trust(assume("*")) } },
    ],
    invalid: [
        {
            title: "seed 002: an invented service principal, with a suggestion",
            name,
            props: role(trust(assume({ Service: "aiforecasts.amazonaws.com" }))),
            messages: [INVENTED(AT, "aiforecasts.amazonaws.com", DID_YOU_MEAN("forecast.amazonaws.com"))],
            codes: ["service-principal-invented"],
        },
        {
            title: "typos, the statement named by its Sid",
            name,
            props: role(trust(assume({ Service: ["sagemaker.amazonaw.com", "lamda.amazonaws.com"] }, { Sid: "Services" }))),
            messages: [
                INVENTED('aiServiceRole: assumeRolePolicy statement "Services":', "sagemaker.amazonaw.com", DID_YOU_MEAN("sagemaker.amazonaws.com")),
                INVENTED('aiServiceRole: assumeRolePolicy statement "Services":', "lamda.amazonaws.com", DID_YOU_MEAN("lambda.amazonaws.com")),
            ],
            codes: ["service-principal-invented", "service-principal-invented"],
        },
        {
            title: "a principal with nothing close, and an ARN put under Service",
            name,
            props: role(trust(assume({ Service: ["qqqqqqqqqqqq.amazonaws.com", `arn:aws:iam::${ACCOUNT}:role/ci`] }))),
            messages: [
                INVENTED(AT, "qqqqqqqqqqqq.amazonaws.com", SERVICE_FIX),
                INVENTED(AT, `arn:aws:iam::${ACCOUNT}:role/ci`, "put account ids and role or user ARNs under Principal.AWS; Principal.Service takes AWS service principals such as lambda.amazonaws.com"),
            ],
            codes: ["service-principal-invented", "service-principal-is-arn"],
        },
        { title: "a principal outside the catalog, twin of extraServicePrincipals", name, props: role(trust(assume({ Service: "brandnew.amazonaws.com" }))), messages: [INVENTED(AT, "brandnew.amazonaws.com", SERVICE_FIX)], codes: ["service-principal-invented"] },
        {
            title: "a real principal outside allowedServicePrincipals",
            name,
            props: role(trust(assume({ Service: "lambda.amazonaws.com" }))),
            config: { allowedServicePrincipals: ["sagemaker.amazonaws.com"] },
            messages: [`${AT} Principal.Service names a service principal outside allowedServicePrincipals ("lambda.amazonaws.com"). Fix: trust only the allowed service principals (sagemaker.amazonaws.com), or add this one to allowedServicePrincipals.`],
            codes: ["service-principal-not-allowed"],
        },
        {
            title: 'Principal "*" and {AWS: "*"} on Allow, not on Deny',
            name,
            props: role(trust(assume("*"), assume({ AWS: "*" }), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" })),
            messages: [EVERYONE("statement 1", '"*"'), EVERYONE("statement 2", '{"AWS":"*"}')],
            codes: ["everyone-may-assume", "everyone-may-assume"],
        },
        {
            title: "Allow with NotPrincipal",
            name,
            props: role(trust({ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/mallory` }, Action: "sts:AssumeRole" })),
            messages: [`${AT} lets every principal except those in NotPrincipal assume the role ("NotPrincipal"). Fix: replace NotPrincipal with a Principal that names who may assume the role.`],
            codes: ["not-principal"],
        },
        { title: "an OIDC provider narrowed only by :aud", name, props: role(trust(webIdentity(GITHUB, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }))), messages: [GITHUB_NO_SUB], codes: ["web-identity-unnarrowed"] },
        ...["*", "repo:*"].map((sub) => ({
            title: `a :sub condition that admits any subject: ${sub}`,
            name,
            props: role(trust(githubSub(sub))),
            messages: [`${AT} the condition on token.actions.githubusercontent.com:sub admits any sub of web-identity provider token.actions.githubusercontent.com ("${GITHUB}"). Fix: ${OIDC_FIX_GITHUB}.`],
            codes: ["web-identity-unnarrowed"],
        })),
        {
            title: "an EKS provider with only a negated :sub condition",
            name,
            props: role(trust(webIdentity(EKS, { StringNotEquals: { [`${EKS_ISSUER}:sub`]: "system:serviceaccount:kube-system:default" } }))),
            messages: [
                `${AT} the condition on ${EKS_ISSUER}:sub admits any sub of web-identity provider ${EKS_ISSUER} ("${EKS}"). Fix: add a StringEquals or StringLike condition on "${EKS_ISSUER}:sub" that names who may assume the role (for EKS "system:serviceaccount:<namespace>:<service-account>"); an :aud condition alone admits every token the provider issues.`,
            ],
            codes: ["web-identity-unnarrowed"],
        },
        {
            title: "a Cognito identity pool without :aud",
            name,
            props: role(trust(cognito({ "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } }))),
            messages: [
                `${AT} lets any token from web-identity provider cognito-identity.amazonaws.com assume the role: no condition on cognito-identity.amazonaws.com:aud ("cognito-identity.amazonaws.com"). Fix: add a StringEquals condition on "cognito-identity.amazonaws.com:aud" that names your identity pool id ("<region>:<pool-uuid>").`,
            ],
            codes: ["web-identity-unnarrowed"],
        },
        {
            title: "SAML without SAML:aud",
            name,
            props: role(trust(assume({ Federated: SAML }, { Action: "sts:AssumeRoleWithSAML" }))),
            messages: [`${AT} trusts a SAML provider without a condition on SAML:aud ("${SAML}"). Fix: add "StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"} so only assertions meant for AWS sign-in are accepted.`],
            codes: ["saml-unnarrowed"],
        },
        {
            title: "a web-identity provider without sts:AssumeRoleWithWebIdentity (reading rules)",
            name,
            props: role(trust(assume({ Federated: GITHUB }, SUB_CONDITION))),
            messages: [`${AT} trusts a web-identity provider without allowing sts:AssumeRoleWithWebIdentity, the only call that assumes a role with its tokens ("${GITHUB}"). Fix: set Action to "sts:AssumeRoleWithWebIdentity" in this statement.`],
            codes: ["federated-action-missing"],
        },
        {
            title: "a SAML provider without sts:AssumeRoleWithSAML (reading rules)",
            name,
            props: role(trust(assume({ Federated: SAML }, { Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] }))),
            messages: [`${AT} trusts a SAML provider without allowing sts:AssumeRoleWithSAML, the only call that assumes a role with its assertions ("${SAML}"). Fix: set Action to "sts:AssumeRoleWithSAML" in this statement.`],
            codes: ["federated-action-missing"],
        },
        { title: "federation through sts:* is judged on its claims", name, props: role(trust(assume({ Federated: GITHUB }, { Action: "sts:*" }))), messages: [GITHUB_NO_SUB], codes: ["web-identity-unnarrowed"] },
        {
            title: "a service principal in the wrong letter case matches no service (reading rules)",
            name,
            props: role(trust(assume({ Service: "Sagemaker.amazonaws.com" }))),
            messages: [`${AT} Principal.Service names a service principal in the wrong letter case, which IAM compares exactly, so it matches no service ("Sagemaker.amazonaws.com"). Fix: write it in lower case: "sagemaker.amazonaws.com".`],
            codes: ["service-principal-case"],
        },
        { title: "a partial wildcard principal is a wildcard (reading rules)", name, props: role(trust(assume({ AWS: "arn:aws:iam::*:root" }))), messages: [EVERYONE("statement 1", '{"AWS":"arn:aws:iam::*:root"}')], codes: ["everyone-may-assume"] },
        {
            title: "a known principal next to an unknown one is still judged",
            name,
            props: role(trustDocument(assume({ Service: [UNKNOWN, "aiforecasts.amazonaws.com"] }))),
            messages: [INVENTED(AT, "aiforecasts.amazonaws.com", DID_YOU_MEAN("forecast.amazonaws.com"))],
            codes: ["service-principal-invented"],
        },
        {
            title: "a secret-wrapped document reads like a plain one, its values hidden, a near miss's suggestion too (twin of the typos row)",
            name,
            props: role(secretWire(trust(assume({ Service: "lamda.amazonaws.com" })))),
            messages: [INVENTED(AT, "[secret]", SERVICE_FIX)],
            codes: ["service-principal-invented"],
        },
        {
            title: "a secret principal in the wrong letter case is said to be, without its lower-case form (twin of the letter-case row)",
            name,
            props: role(secretWire(trust(assume({ Service: "Sagemaker.amazonaws.com" })))),
            messages: [`${AT} Principal.Service names a service principal in the wrong letter case, which IAM compares exactly, so it matches no service ("[secret]"). Fix: write it in lower case.`],
            codes: ["service-principal-case"],
        },
        { title: "a secret trust policy's values are not echoed", name, props: role(secretWire(trust(assume("*")))), messages: [EVERYONE("statement 1", '"[secret]"')], codes: ["everyone-may-assume"] },
        {
            title: "a secret trust policy's web-identity provider is not named: its name holds the cluster's OIDC id (twin of the EKS row)",
            name,
            props: role(secretWire(trust(webIdentity(EKS, { StringNotEquals: { [`${EKS_ISSUER}:sub`]: "system:serviceaccount:kube-system:default" } })))),
            messages: [
                `${AT} the condition on <provider>:sub admits any sub of web-identity provider <provider> ("[secret]"). Fix: add a StringEquals or StringLike condition on "<provider>:sub" that names who may assume the role (for EKS "system:serviceaccount:<namespace>:<service-account>"); an :aud condition alone admits every token the provider issues.`,
            ],
            codes: ["web-identity-unnarrowed"],
        },
        {
            title: "a secret trust policy's Cognito provider without :aud, not named (twin of the Cognito row)",
            name,
            props: role(secretWire(trust(cognito()))),
            messages: [`${AT} lets any token from web-identity provider <provider> assume the role: no condition on <provider>:aud ("[secret]"). Fix: add a StringEquals condition on "<provider>:aud" that names your identity pool id ("<region>:<pool-uuid>").`],
            codes: ["web-identity-unnarrowed"],
        },
        {
            title: "60 statements that trust any principal: 20 findings and one that counts the rest",
            name: "role",
            props: role(SIXTY),
            messages: [
                ...Array.from({ length: 20 }, (_, i) => `role: assumeRolePolicy statement "s${i}": lets any AWS principal, in any account, assume the role ({"AWS":"*"}). Fix: name the accounts or roles that may assume it in Principal.AWS.`),
                'role: assumeRolePolicy: 40 more problems not shown ("60 in all"). Fix: fix the problems above and run the preview again.',
            ],
            codes: [...Array.from({ length: 20 }, () => "everyone-may-assume"), "more-not-shown"],
        },
    ],
    preview: [
        { title: "an unknown document", props: role(UNKNOWN) },
        { title: "an unknown service principal", props: role(trustDocument(assume({ Service: UNKNOWN }))) },
        { title: "an unknown service principal next to a real one", props: role(trustDocument(assume({ Service: [UNKNOWN, "lambda.amazonaws.com"] }))) },
        { title: "an unknown Condition on a web-identity provider", props: role(trustDocument(webIdentity(GITHUB, UNKNOWN as unknown as object))) },
        { title: "an unknown :sub value", props: role(trustDocument(githubSub(UNKNOWN as unknown as string))) },
        { title: "an unknown Statement list", props: role({ Version: "2012-10-17", Statement: UNKNOWN }) },
        { title: "an unknown Action on a web-identity provider", props: role(trustDocument(assume({ Federated: GITHUB }, { Action: UNKNOWN }))) },
    ],
    config: [
        {
            props: role(trust(assume({ Service: "lambda.amazonaws.com" }))),
            config: { allowedServicePrincipals: "lambda.amazonaws.com" },
            errors: ['iam-trusted-service-principals: config allowedServicePrincipals must be an array of strings (got "lambda.amazonaws.com"); using the default []. Fix: correct it in the policy pack config.'],
        },
    ],
});
