/** Whether a Condition narrows who can use a statement (policies/core/iam/conditions.ts), and why not when it does not. */
import { expect } from "chai";
import { narrowedBy, narrows, whyNotNarrowing } from "../../../policies/core/iam/conditions";
import { Condition, parseDocument } from "../../../policies/core/iam/document";

const c = (operator: string, values: string[], key = "aws:sourceaccount"): Condition => ({ operator, key, keyAsWritten: key, values });
const ACCOUNT = "111122223333";
const namesAccount = (v: string) => /^\d{12}$/.test(v);

describe("core/iam/conditions", () => {
    describe("narrows", () => {
        it("counts positive matches as narrowing, in any letter case", () => {
            for (const operator of ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "stringequals", "ForAnyValue:StringLike"]) {
                expect(narrows(c(operator, ["a"])), operator).to.equal(true);
            }
        });

        it("does not count operators that say what is excluded, or compare other things", () => {
            for (const operator of ["StringNotEquals", "StringNotLike", "ArnNotEquals", "ArnNotLike", "Null", "Bool", "NumericEquals", "DateEquals", "IpAddress", ""]) {
                expect(narrows(c(operator, ["a"])), operator).to.equal(false);
            }
        });

        it("refuses …IfExists and ForAllValues: when the key may be absent, and only then", () => {
            for (const operator of ["StringEqualsIfExists", "ForAllValues:StringEquals", "forallvalues:stringlike", "ArnLikeIfExists"]) {
                expect(narrows(c(operator, [ACCOUNT])), `${operator} by default`).to.equal(true);
                expect(narrows(c(operator, [ACCOUNT]), { keyMayBeAbsent: true }), `${operator} when the key may be absent`).to.equal(false);
            }
            expect(narrows(c("ForAnyValue:StringEquals", [ACCOUNT]), { keyMayBeAbsent: true })).to.equal(true);
        });

        it("does not count an empty list, or a Like pattern that matches anything (the values are ORed)", () => {
            expect(narrows(c("StringEquals", []))).to.equal(false);
            for (const v of ["*", "?*", "**", "?"]) expect(narrows(c("StringLike", ["a*", v])), v).to.equal(false);
            expect(narrows(c("StringEquals", ["*"])), "StringEquals compares * literally").to.equal(true);
            expect(narrows(c("StringLike", ["repo:acme/*"]))).to.equal(true);
        });

        it("holds every value to valueNarrows", () => {
            expect(narrows(c("StringEquals", [ACCOUNT]), { valueNarrows: namesAccount })).to.equal(true);
            expect(narrows(c("StringEquals", [ACCOUNT, "x"]), { valueNarrows: namesAccount })).to.equal(false);
        });
    });

    describe("narrowedBy", () => {
        it("asks only the conditions on the key, any of which may narrow", () => {
            const conditions = [c("StringNotEquals", [ACCOUNT]), c("StringEquals", [ACCOUNT]), c("StringEquals", ["x"], "aws:principalorgid")];
            expect(narrowedBy(conditions, "aws:sourceaccount")).to.equal(true);
            expect(narrowedBy(conditions, "aws:sourceaccount", { valueNarrows: namesAccount })).to.equal(true);
            expect(narrowedBy(conditions, "aws:principalorgid", { valueNarrows: (v) => v.startsWith("o-") })).to.equal(false);
            expect(narrowedBy(conditions, "kms:calleraccount")).to.equal(false);
            expect(narrowedBy([], "aws:sourceaccount")).to.equal(false);
        });

        it("matches condition keys case-insensitively, as the parser lower-cases them", () => {
            const parsed = parseDocument({ Statement: [{ Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "AWS:SourceAccount": ACCOUNT } } }] });
            expect(parsed.ok === true && narrowedBy(parsed.statements[0].conditions, "aws:sourceaccount")).to.equal(true);
        });
    });

    describe("whyNotNarrowing", () => {
        it("says in a few words why each kind of condition does not narrow", () => {
            expect(whyNotNarrowing(c("StringEqualsIfExists", ["a"]))).to.equal("StringEqualsIfExists is true when the request lacks the key");
            expect(whyNotNarrowing(c("ForAllValues:StringEquals", ["a"]))).to.equal("ForAllValues:StringEquals is true when the request lacks the key");
            expect(whyNotNarrowing(c("StringNotEquals", ["a"]))).to.equal("StringNotEquals does not name what is let in");
            expect(whyNotNarrowing(c("ForAnyValue:StringEquals", []))).to.equal("ForAnyValue:StringEquals over an empty list");
            expect(whyNotNarrowing(c("StringLike", ["ai-*", "*"]))).to.equal('StringLike "*" matches anything');
            expect(whyNotNarrowing(c("StringEquals", ["a"])), "a narrowing condition, asked anyway").to.equal("StringEquals does not narrow");
        });
    });

    it("never throws on hostile conditions: odd operators, huge lists and values, parsed hostile documents", () => {
        const huge = "*".repeat(1_000_000);
        const odd = [c("", []), c("ForAllValues:", ["a"]), c("IfExists", ["a"]), c("__proto__", ["a"]), c("StringLike", [huge]), c("StringLike", [`${huge}x`]), c("StringEquals", Array.from({ length: 100_000 }, (_, i) => `${i}`))];
        for (const condition of odd) {
            expect(() => narrows(condition, { keyMayBeAbsent: true, valueNarrows: namesAccount })).to.not.throw();
            expect(whyNotNarrowing(condition)).to.be.a("string");
        }
        expect(narrows(c("StringLike", [huge])), "a million stars match anything").to.equal(false);
        expect(narrows(c("StringLike", [`${huge}x`]))).to.equal(true);
        const parsed = parseDocument({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { k: [{}, null, 7, true] }, Bool: 1, "": { "": "" } } }] });
        expect(parsed.ok).to.equal(true);
        if (parsed.ok === true) for (const condition of parsed.statements[0].conditions) expect(() => [narrows(condition), whyNotNarrowing(condition)]).to.not.throw();
    });
});
