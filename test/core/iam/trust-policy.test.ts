import { expect } from "chai";
import { narrows } from "../../../policies/core/iam/conditions";
import { parseDocument, Statement } from "../../../policies/core/iam/document";
import { federationOf, trustPolicyFindings } from "../../../policies/core/iam/trust-policy";
import { UNKNOWN } from "../../../policies/core/wire";

function statementsOf(...statements: object[]): Statement[] {
    const parsed = parseDocument({ Version: "2012-10-17", Statement: statements });
    if (parsed.ok !== true) throw new Error("test document did not parse");
    return parsed.statements;
}

describe("core/iam/trust-policy", () => {
    it("tells OIDC providers, built-in web identity and SAML providers apart", () => {
        expect(federationOf("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com")).to.deep.equal({ kind: "oidc", provider: "token.actions.githubusercontent.com", subjectKey: "token.actions.githubusercontent.com:sub" });
        expect(federationOf("arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC")).to.deep.equal({ kind: "oidc", provider: "oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC", subjectKey: "oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC:sub" });
        expect(federationOf("cognito-identity.amazonaws.com")).to.deep.equal({ kind: "oidc", provider: "cognito-identity.amazonaws.com", subjectKey: "cognito-identity.amazonaws.com:aud" });
        expect(federationOf("graph.facebook.com")).to.deep.equal({ kind: "oidc", provider: "graph.facebook.com", subjectKey: "graph.facebook.com:id" });
        expect(federationOf("www.amazon.com")).to.deep.equal({ kind: "oidc", provider: "www.amazon.com", subjectKey: "www.amazon.com:user_id" });
        expect(federationOf("arn:aws:iam::123456789012:saml-provider/Okta")).to.deep.equal({ kind: "saml" });
        expect(federationOf("arn:aws:iam::123456789012:role/not-a-provider")).to.equal(undefined);
    });

    it("counts only positive matches that do not admit everyone as narrowing", () => {
        const c = (operator: string, values: string[]) => ({ operator, key: "k", keyAsWritten: "k", values });
        expect(narrows(c("StringEquals", ["a"]))).to.equal(true);
        expect(narrows(c("StringEquals", ["*"])), "StringEquals compares * literally").to.equal(true);
        expect(narrows(c("StringLike", ["a*", "*"]))).to.equal(false);
        expect(narrows(c("StringNotEquals", ["a"]))).to.equal(false);
        expect(narrows(c("Null", ["false"]))).to.equal(false);
        expect(narrows(c("StringEquals", []))).to.equal(false);
        expect(narrows(c("StringEqualsIfExists", ["a"]))).to.equal(true);
        expect(narrows(c("StringEqualsIfExists", ["a"]), { keyMayBeAbsent: true })).to.equal(false);
        expect(narrows(c("ForAllValues:StringEquals", ["a"]), { keyMayBeAbsent: true })).to.equal(false);
        expect(narrows(c("ForAnyValue:StringLike", ["a"]), { keyMayBeAbsent: true })).to.equal(true);
    });

    it("requires a :sub condition on Google and a :id condition on Facebook web identity", () => {
        const aud = statementsOf({ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "accounts.google.com:aud": "client-id" } } });
        expect(trustPolicyFindings(aud).map((f) => f.problem)).to.deep.equal(["lets any token from web-identity provider accounts.google.com assume the role: no condition on accounts.google.com:sub"]);
        const facebook = statementsOf({ Effect: "Allow", Principal: { Federated: "graph.facebook.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "graph.facebook.com:id": "1234" } } });
        expect(trustPolicyFindings(facebook)).to.deep.equal([]);
    });

    it("skips federation checks when the Condition or Action is unknown", () => {
        const unknownCondition = parseDocument({ Statement: [{ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: UNKNOWN }] });
        const unknownAction = parseDocument({ Statement: [{ Effect: "Allow", Principal: { Federated: "accounts.google.com" }, Action: [UNKNOWN] }] });
        for (const parsed of [unknownCondition, unknownAction]) {
            if (parsed.ok !== true) throw new Error("test document did not parse");
            expect(trustPolicyFindings(parsed.statements)).to.deep.equal([]);
        }
    });
});
