import { expect } from "chai";
import { iamTrustedServicePrincipals } from "../../policies/iam/iam-trusted-service-principals";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const ROLE = "aws:iam/role:Role";
const ACCOUNT = "123456789012";
const GITHUB = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const EKS = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
const SAML = `arn:aws:iam::${ACCOUNT}:saml-provider/Okta`;

const trust = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const assume = (principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra });
const judgeRole = (assumeRolePolicy: unknown, config = {}) => judge(iamTrustedServicePrincipals, ROLE, { assumeRolePolicy }, config, "aiServiceRole");

const SERVICE_FIX = "name the service's principal as AWS documents it (usually <service>.amazonaws.com), or add it to extraServicePrincipals if AWS launched it after this catalog was built";
const OIDC_FIX_GITHUB =
    'add a StringEquals or StringLike condition on "token.actions.githubusercontent.com:sub" that names who may assume the role (for GitHub "repo:<owner>/<repository>:ref:refs/heads/main"); an :aud condition alone admits every token the provider issues';

describe("iam-trusted-service-principals", () => {
    it("passes a role trusted by real service principals", async () => {
        expectClean(await judgeRole(trust(assume({ Service: ["sagemaker.amazonaws.com", "ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com"] }))));
        expectClean(await judgeRole({ Version: "2012-10-17", Statement: [assume({ Service: "lambda.amazonaws.com" })] }));
        expectClean(await judgeRole(trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` }))));
    });

    it("flags an invented service principal with a suggestion (seed 002)", async () => {
        const v = await judgeRole(trust(assume({ Service: "aiforecasts.amazonaws.com" })));
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: Principal.Service names a service principal that does not exist ("aiforecasts.amazonaws.com"). Fix: did you mean "forecast.amazonaws.com"? Otherwise name the service\'s principal as AWS documents it, or add it to extraServicePrincipals if AWS launched it after this catalog was built.',
        ]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags typos and names the statement by its Sid", async () => {
        const v = await judgeRole(trust(assume({ Service: ["sagemaker.amazonaw.com", "lamda.amazonaws.com"] }, { Sid: "Services" })));
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement "Services": Principal.Service names a service principal that does not exist ("sagemaker.amazonaw.com"). Fix: did you mean "sagemaker.amazonaws.com"? Otherwise name the service\'s principal as AWS documents it, or add it to extraServicePrincipals if AWS launched it after this catalog was built.',
            'aiServiceRole: assumeRolePolicy statement "Services": Principal.Service names a service principal that does not exist ("lamda.amazonaws.com"). Fix: did you mean "lambda.amazonaws.com"? Otherwise name the service\'s principal as AWS documents it, or add it to extraServicePrincipals if AWS launched it after this catalog was built.',
        ]);
    });

    it("flags a principal with nothing close, and an ARN put under Service", async () => {
        const v = await judgeRole(trust(assume({ Service: ["qqqqqqqqqqqq.amazonaws.com", `arn:aws:iam::${ACCOUNT}:role/ci`] })));
        expect(v.messages).to.deep.equal([
            `aiServiceRole: assumeRolePolicy statement 1: Principal.Service names a service principal that does not exist ("qqqqqqqqqqqq.amazonaws.com"). Fix: ${SERVICE_FIX}.`,
            `aiServiceRole: assumeRolePolicy statement 1: Principal.Service names a service principal that does not exist ("arn:aws:iam::${ACCOUNT}:role/ci"). Fix: put account ids and role or user ARNs under Principal.AWS; Principal.Service takes AWS service principals such as lambda.amazonaws.com.`,
        ]);
    });

    it("accepts the China partition and regional forms", async () => {
        expectClean(await judgeRole(trust(assume({ Service: ["ec2.amazonaws.com.cn", "states.cn-north-1.amazonaws.com", "logs.cn-northwest-1.amazonaws.com.cn"] }))));
    });

    it("honours extraServicePrincipals", async () => {
        const doc = trust(assume({ Service: "brandnew.amazonaws.com" }));
        expect((await judgeRole(doc)).messages).to.have.length(1);
        expectClean(await judgeRole(doc, { extraServicePrincipals: ["brandnew.amazonaws.com"] }));
    });

    it("honours allowedServicePrincipals", async () => {
        const config = { allowedServicePrincipals: ["sagemaker.amazonaws.com"] };
        expectClean(await judgeRole(trust(assume({ Service: "sagemaker.amazonaws.com" })), config));
        const v = await judgeRole(trust(assume({ Service: "lambda.amazonaws.com" })), config);
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: Principal.Service names a service principal outside allowedServicePrincipals ("lambda.amazonaws.com"). Fix: trust only the allowed service principals (sagemaker.amazonaws.com), or add this one to allowedServicePrincipals.',
        ]);
    });

    it("reports bad config and uses the default", async () => {
        const v = await judgeRole(trust(assume({ Service: "lambda.amazonaws.com" })), { allowedServicePrincipals: "lambda.amazonaws.com" });
        expect(v.messages).to.deep.equal([
            'iam-trusted-service-principals: config allowedServicePrincipals must be an array of strings (got "lambda.amazonaws.com"); using the default []. Fix: correct it in the policy pack config.',
        ]);
    });

    it('flags Principal "*" and {AWS: "*"} on Allow, not on Deny', async () => {
        const v = await judgeRole(trust(assume("*"), assume({ AWS: "*" }), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }));
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: lets any AWS principal, in any account, assume the role ("*"). Fix: name the accounts or roles that may assume it in Principal.AWS.',
            'aiServiceRole: assumeRolePolicy statement 2: lets any AWS principal, in any account, assume the role ({"AWS":"*"}). Fix: name the accounts or roles that may assume it in Principal.AWS.',
        ]);
    });

    it("flags Allow with NotPrincipal", async () => {
        const v = await judgeRole(trust({ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/mallory` }, Action: "sts:AssumeRole" }));
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: lets every principal except those in NotPrincipal assume the role ("NotPrincipal"). Fix: replace NotPrincipal with a Principal that names who may assume the role.',
        ]);
    });

    it("passes an OIDC provider narrowed by its :sub claim (GitHub, EKS)", async () => {
        const github = assume({ Federated: GITHUB }, {
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/models:ref:refs/heads/main" } },
        });
        const eks = assume({ Federated: EKS }, {
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:ml:trainer" } },
        });
        // Condition keys are case-insensitive in IAM.
        const shouting = assume({ Federated: GITHUB }, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "Token.Actions.GitHubUserContent.com:SUB": "repo:acme/models:environment:prod" } } });
        expectClean(await judgeRole(trust(github, eks, shouting)));
    });

    it("flags an OIDC provider narrowed only by :aud", async () => {
        const v = await judgeRole(
            trust(assume({ Federated: GITHUB }, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } } })),
        );
        expect(v.messages).to.deep.equal([
            `aiServiceRole: assumeRolePolicy statement 1: lets any token from web-identity provider token.actions.githubusercontent.com assume the role: no condition on token.actions.githubusercontent.com:sub ("${GITHUB}"). Fix: ${OIDC_FIX_GITHUB}.`,
        ]);
    });

    it("flags a :sub condition that admits any subject", async () => {
        const condition = (sub: string) => ({ Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": sub } } });
        for (const sub of ["*", "repo:*"]) {
            const v = await judgeRole(trust(assume({ Federated: GITHUB }, condition(sub))));
            expect(v.messages).to.deep.equal([
                `aiServiceRole: assumeRolePolicy statement 1: the condition on token.actions.githubusercontent.com:sub admits any sub of web-identity provider token.actions.githubusercontent.com ("${GITHUB}"). Fix: ${OIDC_FIX_GITHUB}.`,
            ]);
        }
        expectClean(await judgeRole(trust(assume({ Federated: GITHUB }, condition("repo:acme/*")))));
    });

    it("flags an EKS provider without :sub, and a negated :sub condition", async () => {
        const v = await judgeRole(
            trust(assume({ Federated: EKS }, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringNotEquals: { "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub": "system:serviceaccount:kube-system:default" } } })),
        );
        expect(v.messages).to.deep.equal([
            `aiServiceRole: assumeRolePolicy statement 1: the condition on oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub admits any sub of web-identity provider oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE ("${EKS}"). Fix: add a StringEquals or StringLike condition on "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub" that names who may assume the role (for EKS "system:serviceaccount:<namespace>:<service-account>"); an :aud condition alone admits every token the provider issues.`,
        ]);
    });

    it("passes a Cognito identity pool narrowed by :aud (the pool id) and flags one without it", async () => {
        const cognito = (Condition?: object) => trust(assume({ Federated: "cognito-identity.amazonaws.com" }, { Action: "sts:AssumeRoleWithWebIdentity", ...(Condition ? { Condition } : {}) }));
        expectClean(await judgeRole(cognito({ StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-1234-1234-1234-123456789012" } })));
        const v = await judgeRole(cognito({ "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } }));
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: lets any token from web-identity provider cognito-identity.amazonaws.com assume the role: no condition on cognito-identity.amazonaws.com:aud ("cognito-identity.amazonaws.com"). Fix: add a StringEquals condition on "cognito-identity.amazonaws.com:aud" that names your identity pool id ("<region>:<pool-uuid>").',
        ]);
    });

    it("passes SAML with SAML:aud and flags SAML without it", async () => {
        const saml = (extra: object) => assume({ Federated: SAML }, { Action: "sts:AssumeRoleWithSAML", ...extra });
        expectClean(await judgeRole(trust(saml({ Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }))));
        const v = await judgeRole(trust(saml({})));
        expect(v.messages).to.deep.equal([
            `aiServiceRole: assumeRolePolicy statement 1: trusts a SAML provider without a condition on SAML:aud ("${SAML}"). Fix: add "StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"} so only assertions meant for AWS sign-in are accepted.`,
        ]);
    });

    it("flags a Federated principal used without its own AssumeRoleWith… action (reading rules)", async () => {
        const sub = { Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/ml:ref:refs/heads/main" } } };
        const web = await judgeRole(trust(assume({ Federated: GITHUB }, sub)));
        expect(web.messages).to.deep.equal([
            `aiServiceRole: assumeRolePolicy statement 1: trusts a web-identity provider without allowing sts:AssumeRoleWithWebIdentity, the only call that assumes a role with its tokens ("${GITHUB}"). Fix: set Action to "sts:AssumeRoleWithWebIdentity" in this statement.`,
        ]);
        const saml = await judgeRole(trust(assume({ Federated: SAML }, { Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] })));
        expect(saml.messages).to.deep.equal([
            `aiServiceRole: assumeRolePolicy statement 1: trusts a SAML provider without allowing sts:AssumeRoleWithSAML, the only call that assumes a role with its assertions ("${SAML}"). Fix: set Action to "sts:AssumeRoleWithSAML" in this statement.`,
        ]);
        expectClean(await judgeRole(trust(assume({ Federated: GITHUB }, { ...sub, Action: ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"] }))));
        expectClean(await judgeRole(trust(assume({ Federated: SAML }, { Action: "sts:AssumeRoleWithSAML", Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }))));
        expect((await judgeRole(trust(assume({ Federated: GITHUB }, { Action: "sts:*" })))).messages).to.have.length(1);
        expectClean(await judgeRole(trust(assume({ Federated: GITHUB }, { Action: UNKNOWN }))));
    });

    it("compares service principals exactly: the wrong letter case matches no service (reading rules)", async () => {
        const v = await judgeRole(trust(assume({ Service: "Sagemaker.amazonaws.com" })));
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: Principal.Service names a service principal in the wrong letter case, which IAM compares exactly, so it matches no service ("Sagemaker.amazonaws.com"). Fix: write it in lower case: "sagemaker.amazonaws.com".',
        ]);
        expectClean(await judgeRole(trust(assume({ Service: "sagemaker.amazonaws.com" }))));
    });

    it("reads a partial wildcard principal as a wildcard (reading rules)", async () => {
        const v = await judgeRole(trust(assume({ AWS: "arn:aws:iam::*:root" })));
        expect(v.messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: lets any AWS principal, in any account, assume the role ({"AWS":"arn:aws:iam::*:root"}). Fix: name the accounts or roles that may assume it in Principal.AWS.',
        ]);
        expectClean(await judgeRole(trust(assume({ AWS: `arn:aws:iam::${ACCOUNT}:root` }))));
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeRole(UNKNOWN));
        expectClean(await judgeRole(trust(assume({ Service: UNKNOWN }))));
        expectClean(await judgeRole(trust(assume({ Service: [UNKNOWN, "lambda.amazonaws.com"] }))));
        expectClean(await judgeRole(trust(assume({ Federated: GITHUB }, { Action: "sts:AssumeRoleWithWebIdentity", Condition: UNKNOWN }))));
        expectClean(await judgeRole(trust(assume({ Federated: GITHUB }, { Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": UNKNOWN } } }))));
        expectClean(await judgeRole({ Version: "2012-10-17", Statement: UNKNOWN }));
    });

    it("still judges the known principals next to unknown ones", async () => {
        const v = await judgeRole(trust(assume({ Service: [UNKNOWN, "aiforecasts.amazonaws.com"] })));
        expect(v.messages).to.have.length(1);
        expect(v.messages[0]).to.contain('("aiforecasts.amazonaws.com")');
    });

    it("reads a secret-wrapped document like a plain one", async () => {
        const v = await judgeRole(secretWire(trust(assume({ Service: "lamda.amazonaws.com" }))));
        expect(v.messages).to.have.length(1);
        expect(v.messages[0]).to.contain('did you mean "lambda.amazonaws.com"?');
    });

    it("leaves malformed documents to iam-policy-document-valid and never throws", async () => {
        const bad = ["{not json", "", 42, null, [], { Statement: "nope" }, { Statement: [{ Effect: "Maybe", Principal: "*" }] }, huge(), "[".repeat(100000), { Statement: [{ Effect: "Allow", Principal: { Service: 42 }, Action: "sts:AssumeRole" }] }];
        for (const doc of bad) expectClean(await judgeRole(doc));
        let deep: unknown = "x";
        for (let i = 0; i < 60; i++) deep = { a: deep };
        expectClean(await judgeRole({ Statement: deep }));
    });

    it("judges only roles", async () => {
        expectClean(await judge(iamTrustedServicePrincipals, "aws:iam/policy:Policy", { policy: trust(assume("*")) }));
    });

    it("pins the messages its length-only asserts left open: a principal outside the catalog, federation via sts:*, a known principal next to an unknown one", async () => {
        const notInCatalog = `aiServiceRole: assumeRolePolicy statement 1: Principal.Service names a service principal that does not exist ("brandnew.amazonaws.com"). Fix: ${SERVICE_FIX}.`;
        expect((await judgeRole(trust(assume({ Service: "brandnew.amazonaws.com" })))).messages).to.deep.equal([notInCatalog]);
        expect((await judgeRole(trust(assume({ Federated: GITHUB }, { Action: "sts:*" })))).messages).to.deep.equal([
            `aiServiceRole: assumeRolePolicy statement 1: lets any token from web-identity provider token.actions.githubusercontent.com assume the role: no condition on token.actions.githubusercontent.com:sub ("${GITHUB}"). Fix: ${OIDC_FIX_GITHUB}.`,
        ]);
        expect((await judgeRole(trust(assume({ Service: [UNKNOWN, "aiforecasts.amazonaws.com"] })))).messages).to.deep.equal([
            'aiServiceRole: assumeRolePolicy statement 1: Principal.Service names a service principal that does not exist ("aiforecasts.amazonaws.com"). Fix: did you mean "forecast.amazonaws.com"? Otherwise name the service\'s principal as AWS documents it, or add it to extraServicePrincipals if AWS launched it after this catalog was built.',
        ]);
    });

    it("does not echo the values of a secret trust policy, like the other document readers", async () => {
        const v = await judgeRole(secretWire(trust(assume("*"))));
        expect(v.messages).to.deep.equal(['aiServiceRole: assumeRolePolicy statement 1: lets any AWS principal, in any account, assume the role ("[secret]"). Fix: name the accounts or roles that may assume it in Principal.AWS.']);
    });
});
