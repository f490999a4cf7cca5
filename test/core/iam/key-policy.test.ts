/** A KMS key policy, judged (policies/core/iam/key-policy.ts): each rule failing and passing, and hostile input. */
import { expect } from "chai";
import { parseDocument, Statement } from "../../../policies/core/iam/document";
import { keyPolicyFindings, kmsKeyPolicyFindings } from "../../../policies/core/iam/key-policy";
import type { ParsedDocument } from "../../../policies/core/iam/located";
import { UNKNOWN } from "../../../policies/core/wire";

const ACCOUNT = "111122223333";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const APP = `arn:aws:iam::${ACCOUNT}:role/app`;

function statementsOf(...statements: object[]): Statement[] {
    const parsed = parseDocument({ Version: "2012-10-17", Statement: statements });
    if (parsed.ok !== true) throw new Error("test document did not parse");
    return parsed.statements;
}

const use = (Principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal, Action: ["kms:Decrypt"], Resource: "*", ...extra });
const codes = (...statements: object[]) => keyPolicyFindings(statementsOf(...statements)).map((f) => f.code);
const limitedBy = (key: string, value: unknown, operator = "StringEquals") => codes(use("*", { Condition: { [operator]: { [key]: value } } }));

describe("core/iam/key-policy", () => {
    describe("everyone-unconditioned", () => {
        it("flags an Allow to everyone: *, {AWS: *}, a partial wildcard, NotPrincipal", () => {
            const findings = keyPolicyFindings(statementsOf(use("*"), use({ AWS: "*" }), use({ AWS: "arn:aws:iam::*:root" }), { Effect: "Allow", NotPrincipal: { AWS: APP }, Action: "kms:Decrypt", Resource: "*" }));
            expect(findings.map((f) => [f.code, f.value, f.where?.statement])).to.deep.equal([
                ["everyone-unconditioned", "*", "statement 1"],
                ["everyone-unconditioned", { AWS: "*" }, "statement 2"],
                ["everyone-unconditioned", { AWS: "arn:aws:iam::*:root" }, "statement 3"],
                ["everyone-unconditioned", "NotPrincipal", "statement 4"],
            ]);
            expect(findings[0]).to.include({
                problem: "allows every AWS principal, in any account, without a condition that limits the callers",
                fix: "name the key's users in Principal.AWS, or add a condition on kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:PrincipalArn, aws:SourceArn or kms:ViaService",
            });
        });

        it("passes named principals, a Deny to everyone, and everyone limited to named accounts, organizations or services", () => {
            expect(codes(use({ AWS: APP }), { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" })).to.deep.equal([]);
            expect(limitedBy("kms:CallerAccount", ACCOUNT)).to.deep.equal([]);
            expect(limitedBy("aws:PrincipalAccount", ACCOUNT)).to.deep.equal([]);
            expect(limitedBy("aws:SourceAccount", ACCOUNT)).to.deep.equal([]);
            expect(limitedBy("aws:PrincipalOrgID", "o-a1b2c3d4e5")).to.deep.equal([]);
            expect(limitedBy("aws:PrincipalOrgPaths", "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*", "ForAnyValue:StringLike")).to.deep.equal([]);
            expect(limitedBy("aws:PrincipalArn", `arn:aws:iam::${ACCOUNT}:role/ml-*`, "ArnLike")).to.deep.equal([]);
            expect(limitedBy("kms:ViaService", "s3.us-east-1.amazonaws.com")).to.deep.equal([]);
        });

        it("does not count a limit whose value names no account, organization or service", () => {
            expect(limitedBy("kms:CallerAccount", "x")).to.deep.equal(["everyone-unconditioned"]);
            expect(limitedBy("aws:PrincipalOrgID", "my-org")).to.deep.equal(["everyone-unconditioned"]);
            expect(limitedBy("aws:PrincipalArn", "arn:aws:iam::*:role/admin", "ArnLike"), "any account's role").to.deep.equal(["everyone-unconditioned"]);
            expect(limitedBy("kms:ViaService", "*", "StringLike")).to.deep.equal(["everyone-unconditioned"]);
            expect(limitedBy("aws:SourceAccount", ACCOUNT, "StringEqualsIfExists"), "true for direct calls").to.deep.equal(["everyone-unconditioned"]);
        });

        it("leaves a statement whose Condition is unknown (preview) alone", () => {
            expect(codes(use("*", { Condition: UNKNOWN }))).to.deep.equal([]);
        });
    });

    describe("kms-all-to-non-root", () => {
        it("flags every KMS action granted to anyone but the account root, listing them", () => {
            const findings = keyPolicyFindings(statementsOf({ Effect: "Allow", Principal: { AWS: [ROOT, APP], Service: "logs.amazonaws.com" }, Action: "kms:*", Resource: "*" }));
            expect(findings.map((f) => [f.code, f.value])).to.deep.equal([["kms-all-to-non-root", [APP, "logs.amazonaws.com"]]]);
            expect(findings[0].problem).to.equal("grants every KMS action (kms:*) to a principal other than the account root");
            for (const action of [{ Action: "*" }, { Action: "km?:*" }, { Action: "*:*" }, { NotAction: "iam:*" }]) {
                expect(codes({ Effect: "Allow", Principal: { AWS: APP }, Resource: "*", ...action }), JSON.stringify(action)).to.deep.equal(["kms-all-to-non-root"]);
            }
        });

        it("passes kms:* for the root (by ARN or account id), and grants short of every KMS action", () => {
            expect(codes({ Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" })).to.deep.equal([]);
            expect(codes({ Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "kms:*", Resource: "*" })).to.deep.equal([]);
            expect(codes(use({ AWS: APP }, { Action: ["kms:Describe*", "kms:Get*", "kms:List*"] }))).to.deep.equal([]);
            expect(codes({ Effect: "Allow", Principal: { AWS: APP }, NotAction: "kms:*", Resource: "*" }), "a NotAction that leaves KMS out").to.deep.equal([]);
        });
    });

    describe("service principals", () => {
        it("flags a principal that does not exist, unless extra names it", () => {
            const statements = statementsOf(use({ Service: "aiforecasts.amazonaws.com" }));
            expect(keyPolicyFindings(statements).map((f) => f.code)).to.deep.equal(["service-principal-invented"]);
            expect(keyPolicyFindings(statements, { extra: ["aiforecasts.amazonaws.com"] })).to.deep.equal([]);
            expect(codes(use({ Service: "logs.us-east-1.amazonaws.com" }))).to.deep.equal([]);
        });
    });

    describe("kmsKeyPolicyFindings: the key's lockout setting and its documents", () => {
        const at = (property: string, document: object | string, secret = false): ParsedDocument => ({ property, kind: "key", parsed: parseDocument(document), secret });

        it("flags bypassPolicyLockoutSafetyCheck: true, and only true", () => {
            expect(kmsKeyPolicyFindings(true, [])).to.deep.equal([
                {
                    code: "lockout-check-bypassed",
                    problem: "bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key",
                    value: true,
                    fix: "remove bypassPolicyLockoutSafetyCheck or set it to false",
                },
            ]);
            for (const bypass of [false, undefined, null, "true", 1, {}]) expect(kmsKeyPolicyFindings(bypass, []), JSON.stringify(bypass) ?? "undefined").to.deep.equal([]);
        });

        it("judges each document that parsed, located by its property, and skips the others", () => {
            const findings = kmsKeyPolicyFindings(undefined, [at("policy", { Statement: [use("*")] }), at("other", "{not json"), { property: "unknown", kind: "key", parsed: { ok: "unknown" }, secret: false }]);
            expect(findings.map((f) => [f.code, f.where])).to.deep.equal([["everyone-unconditioned", { statement: "statement 1", path: "policy" }]]);
            expect(kmsKeyPolicyFindings(true, [at("policy", { Statement: [use("*")] }, true)]).map((f) => f.value), "a secret document's values are hidden, the setting's is not").to.deep.equal([true, "[secret]"]);
        });
    });

    it("never throws on hostile key policies: odd principals and actions, thousands of statements", () => {
        const odd = [
            { Effect: "Allow", Principal: { AWS: [42, null, "*"], Service: [{}] }, Action: [7, "kms:*"], Resource: "*" },
            { Effect: "Allow", Principal: "**", NotAction: [], Resource: "*" },
            { Effect: "Allow", Principal: { AWS: "x".repeat(60_000) }, Action: `kms:${"*?".repeat(2_000)}`, Resource: "*" },
            { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": [null, {}, "x".repeat(20_000)] } } },
        ];
        expect(() => keyPolicyFindings(statementsOf(...odd))).to.not.throw();
        const many = statementsOf(...Array.from({ length: 2_000 }, () => use("*")));
        expect(keyPolicyFindings(many)).to.have.length(2_000);
    });
});
