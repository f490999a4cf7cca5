/** The one report step of the IAM policies (policies/core/iam/located.ts): located, capped per document, secret-safe. */
import { expect } from "chai";
import type { Finding } from "../../../policies/core/finding";
import { parseDocument } from "../../../policies/core/iam/document";
import { DocumentFinding, documentFindings, ParsedDocument, statementFindings } from "../../../policies/core/iam/located";

const finding = (i: number): Finding => ({ code: "c", problem: `problem ${i}`, value: `value ${i}`, fix: "do this", where: { statement: `statement ${i}` } });
const documentAt = (property: string, extra: Partial<ParsedDocument> = {}): ParsedDocument => ({ property, kind: "identity", parsed: parseDocument({ Statement: [] }), secret: false, ...extra });

describe("core/iam/located", () => {
    it("locates each finding by its document's property, keeping its statement", () => {
        expect(documentFindings([documentAt("inlinePolicies[1].policy")], () => [finding(1)])).to.deep.equal([{ ...finding(1), where: { statement: "statement 1", path: "inlinePolicies[1].policy" } }]);
    });

    it("hides a secret document's values", () => {
        expect(documentFindings([documentAt("policy", { secret: true })], () => [finding(1)]).map((f) => f.value)).to.deep.equal(["[secret]"]);
    });

    it("shows a rule's whenSecret wording for a secret document only, and never passes the field on", () => {
        const naming: DocumentFinding = { ...finding(1), fix: 'did you mean "x"?', whenSecret: { fix: "do this" } };
        expect(documentFindings([documentAt("policy", { secret: true })], () => [naming])).to.deep.equal([{ ...finding(1), value: "[secret]", where: { statement: "statement 1", path: "policy" } }]);
        expect(documentFindings([documentAt("policy")], () => [naming])).to.deep.equal([{ ...finding(1), fix: 'did you mean "x"?', where: { statement: "statement 1", path: "policy" } }]);
        const managed = documentFindings([documentAt("policy", { secret: true, managed: "ReadOnlyAccess" })], () => [{ ...naming, whenSecret: { problem: "a problem" } }]);
        expect([managed[0].problem, managed[0].fix]).to.deep.equal(["a problem", 'replace the AWS managed policy ReadOnlyAccess with a customer-managed policy of your own, and in it did you mean "x"?']);
    });

    it("names a secret document's statements by position, never by Sid (part of the secret's text); a plain document's keep their Sid", () => {
        const parsed = parseDocument({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Sid: "PayrollKey", Effect: "Allow", Action: "kms:*", Resource: "*" }] });
        const bySid: Finding = { ...finding(1), where: { statement: 'statement "PayrollKey"' } };
        expect(documentFindings([documentAt("policy", { parsed, secret: true })], () => [bySid])[0].where).to.deep.equal({ statement: "statement 2", path: "policy" });
        expect(documentFindings([documentAt("policy", { parsed })], () => [bySid])[0].where).to.deep.equal({ statement: 'statement "PayrollKey"', path: "policy" });
        expect(documentFindings([documentAt("policy", { parsed, secret: true })], () => [finding(1)])[0].where, "a positional label stays").to.deep.equal({ statement: "statement 1", path: "policy" });
    });

    it("tells the fix for an attached AWS managed policy: the program can only attach a narrower one", () => {
        expect(documentFindings([documentAt("managedPolicyArns[0] (AdministratorAccess)", { managed: "AdministratorAccess" })], () => [finding(1)])[0].fix).to.equal(
            "replace the AWS managed policy AdministratorAccess with a customer-managed policy of your own, and in it do this",
        );
    });

    it("shows 20 findings of a document and counts the rest, each document on its own", () => {
        const findings = documentFindings([documentAt("a"), documentAt("b")], (d) => Array.from({ length: d.property === "a" ? 25 : 20 }, (_, i) => finding(i)));
        expect(findings).to.have.length(41);
        expect(findings[20]).to.deep.equal({ code: "more-not-shown", problem: "5 more problems not shown", value: "25 in all", fix: "fix the problems above and run the preview again", where: { path: "a" } });
        expect(findings.slice(21).every((f) => f.where?.path === "b" && f.code === "c")).to.equal(true);
    });

    it("statementFindings judges only documents that parsed: unknown and unreadable ones are iam-policy-document-valid's", () => {
        const seen: number[] = [];
        const documents = [documentAt("ok", { parsed: parseDocument({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }) }), documentAt("bad", { parsed: parseDocument("{") }), documentAt("unknown", { parsed: { ok: "unknown" } })];
        const findings = statementFindings(documents, (parsed) => (seen.push(parsed.statements.length), [finding(1)]));
        expect(seen).to.deep.equal([1]);
        expect(findings.map((f) => f.where?.path)).to.deep.equal(["ok"]);
    });
});
