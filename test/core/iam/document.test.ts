import { expect } from "chai";
import { baseOperator, parseDocument, Parsed, Statement } from "../../../policies/core/iam/document";
import { UNKNOWN } from "../../../policies/core/wire";

function statementsOf(parsed: Parsed): Statement[] {
    if (parsed.ok !== true) throw new Error(`expected a parsed document, got ${JSON.stringify(parsed)}`);
    return parsed.statements;
}

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("core/iam/document", () => {
    it("reads a JSON string and an object alike", () => {
        const doc = { Version: "2012-10-17", Statement: [{ Sid: "Use", Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY_ARN] }] };
        const fromString = parseDocument(JSON.stringify(doc));
        const fromObject = parseDocument(doc);
        expect(fromString).to.deep.equal(fromObject);
        expect(fromObject).to.deep.include({ ok: true, version: "2012-10-17", problems: [], unknownStatements: 0 });
        expect(statementsOf(fromObject)[0]).to.deep.equal({
            index: 0,
            sid: "Use",
            label: 'statement "Use"',
            effect: "Allow",
            actions: ["kms:Decrypt"],
            resources: [KEY_ARN],
            conditions: [],
            unknown: [],
        });
    });

    it("takes single values and a single statement object", () => {
        const [s] = statementsOf(parseDocument({ Version: "2012-10-17", Statement: { Effect: "Deny", NotAction: "iam:*", NotResource: KEY_ARN } }));
        expect(s).to.deep.include({ label: "statement 1", effect: "Deny", notActions: ["iam:*"], notResources: [KEY_ARN] });
        expect(s.actions).to.equal(undefined);
        expect(s.resources).to.equal(undefined);
    });

    it("reads every Principal form", () => {
        const doc = {
            Statement: [
                { Effect: "Allow", Action: "sts:AssumeRole", Principal: "*" },
                { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "*" } },
                { Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" } },
                { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"], CanonicalUser: "79a59df900b949e55d96a1e698fbaced" } },
                { Effect: "Deny", Action: "kms:*", Resource: "*", NotPrincipal: { AWS: ["arn:aws:iam::111122223333:root"] } },
            ],
        };
        const s = statementsOf(parseDocument(doc));
        expect(s[0].principal).to.deep.equal({ wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] });
        expect(s[1].principal).to.deep.equal({ wildcard: true, aws: ["*"], service: [], federated: [], canonicalUser: [] });
        expect(s[2].principal?.federated).to.deep.equal(["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"]);
        expect(s[3].principal).to.deep.equal({ wildcard: false, aws: [], service: ["ec2.amazonaws.com", "lambda.amazonaws.com"], federated: [], canonicalUser: ["79a59df900b949e55d96a1e698fbaced"] });
        expect(s[4].notPrincipal?.aws).to.deep.equal(["arn:aws:iam::111122223333:root"]);
    });

    it("reads conditions with lower-cased keys, operators as written, values as strings", () => {
        const [s] = statementsOf(
            parseDocument({
                Statement: {
                    Effect: "Allow",
                    Action: "kms:Decrypt",
                    Resource: "*",
                    Condition: { "ForAnyValue:StringLikeIfExists": { "kms:ResourceAliases": ["alias/app-*"] }, Bool: { "aws:SecureTransport": true }, NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } },
                },
            }),
        );
        expect(s.conditions).to.deep.equal([
            { operator: "ForAnyValue:StringLikeIfExists", key: "kms:resourcealiases", keyAsWritten: "kms:ResourceAliases", values: ["alias/app-*"] },
            { operator: "Bool", key: "aws:securetransport", keyAsWritten: "aws:SecureTransport", values: ["true"] },
            { operator: "NumericLessThan", key: "aws:multifactorauthage", keyAsWritten: "aws:MultiFactorAuthAge", values: ["3600"] },
        ]);
        expect(baseOperator("ForAnyValue:StringLikeIfExists")).to.equal("StringLike");
    });

    it("leaves out statements without a valid Effect and says why", () => {
        const parsed = parseDocument({ Statement: [{ Effect: "allow", Action: "s3:*", Resource: "*" }, { Action: "s3:*", Resource: "*" }, "nope", { Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
        expect(statementsOf(parsed).map((s) => s.index)).to.deep.equal([3]);
        expect(parsed.ok === true && parsed.problems).to.deep.equal([
            { code: "effect-invalid", where: { statement: "statement 1" }, problem: "Effect is neither Allow nor Deny", value: "allow", fix: 'set Effect to "Allow" or "Deny" (case-sensitive)' },
            { code: "effect-invalid", where: { statement: "statement 2" }, problem: "has no Effect", value: undefined, fix: 'set Effect to "Allow" or "Deny" (case-sensitive)' },
            { code: "statement-not-object", where: { statement: "statement 3" }, problem: "the statement is a string, not an object", value: "nope", fix: "write each statement as an object with Effect, Action and Resource" },
        ]);
    });

    it("keeps the good values of a wrongly typed field and names the bad one", () => {
        const parsed = parseDocument({ Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", 42], Resource: [], Principal: ["x"], Condition: "x", Acton: "s3:*" }] });
        const [s] = statementsOf(parsed);
        expect(s.actions).to.deep.equal(["kms:Decrypt"]);
        expect(parsed.ok === true && parsed.problems.map((p) => p.problem)).to.deep.equal([
            "has an element IAM does not know",
            "Action holds a number, not a string",
            "Resource is an empty list",
            'Principal is a list, not "*" or an object',
            "Condition is a string, not an object",
        ]);
    });

    it("refuses what is not a document, with one clear problem", () => {
        const cases: Array<[unknown, string]> = [
            ["{not json", "policy document is not valid JSON"],
            ["", "policy document is empty"],
            [42, "policy document is a number, not a JSON object"],
            [null, "policy document is null, not a JSON object"],
            [["a"], "policy document is a list, not a JSON object"],
            ['"just a string"', "policy document is a string, not a JSON object"],
            [{ Version: "2012-10-17" }, "policy document has no Statement"],
            [{ Statement: "s3:*" }, "Statement is a string, not a statement or a list of statements"],
        ];
        for (const [input, problem] of cases) {
            const parsed = parseDocument(input);
            expect(parsed.ok, String(input)).to.equal(false);
            expect(parsed.ok === false && parsed.problems.map((p) => p.problem)).to.deep.equal([problem]);
        }
        const empty = parseDocument({ Version: "2012-10-17", Statement: [] });
        expect(empty.ok === true && empty.problems.map((p) => p.problem)).to.deep.equal(["policy document has an empty Statement list"]);
    });

    it("does bounded work on a 1 MB document and on 10,000-deep nesting", () => {
        const big = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/" + "x".repeat(1024 * 1024) }] });
        const started = Date.now();
        expect(parseDocument(big)).to.deep.equal({ ok: false, problems: [{ code: "document-too-large", problem: "policy document is larger than AWS accepts for a customer policy", value: `${big.length} characters`, fix: "write a policy document of at most 32 KB (IAM allows 6,144 characters for a managed policy, KMS 32 KB for a key policy)" }] });
        const deepText = "[".repeat(10_000) + "]".repeat(10_000);
        expect(parseDocument(`{"Statement":${deepText}}`)).to.have.property("ok", false);
        let deep: Record<string, unknown> = {};
        const root = { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: deep }] };
        for (let i = 0; i < 10_000; i++) deep = (deep.a = {}) as Record<string, unknown>;
        const parsed = parseDocument(root);
        expect(parsed.ok === false && parsed.problems[0].problem).to.equal("policy document is nested deeper than any IAM document");
        const wide = { Statement: Array.from({ length: 30_000 }, () => ({ Effect: "Allow" })) };
        expect(parseDocument(wide).ok).to.equal(false);
        expect(Date.now() - started).to.be.lessThan(2000);
    });

    it("marks the whole document unknown when it or its Statement is unknown", () => {
        expect(parseDocument(UNKNOWN)).to.deep.equal({ ok: "unknown" });
        expect(parseDocument({ Version: "2012-10-17", Statement: UNKNOWN })).to.deep.equal({ ok: "unknown" });
    });

    it("drops unknown values and names their fields, keeping the known ones", () => {
        const parsed = parseDocument({
            Statement: [
                UNKNOWN,
                { Effect: UNKNOWN, Action: "kms:*", Resource: "*" },
                { Effect: "Allow", Action: ["kms:Decrypt", UNKNOWN], Resource: UNKNOWN, Condition: { StringEquals: { "aws:SourceArn": UNKNOWN } }, Principal: { AWS: [UNKNOWN, "arn:aws:iam::111122223333:root"] } },
            ],
        });
        expect(parsed.ok === true && parsed.unknownStatements).to.equal(2);
        const [s] = statementsOf(parsed);
        expect(s.actions).to.deep.equal(["kms:Decrypt"]);
        expect(s.resources).to.deep.equal([]);
        expect(s.principal?.aws).to.deep.equal(["arn:aws:iam::111122223333:root"]);
        expect(s.conditions).to.deep.equal([{ operator: "StringEquals", key: "aws:sourcearn", keyAsWritten: "aws:SourceArn", values: [] }]);
        expect([...s.unknown].sort()).to.deep.equal(["Action", "Condition", "Principal", "Resource"]);
        expect(parsed.ok === true && parsed.problems).to.deep.equal([]);
    });
});

describe("core/iam/document: parses are kept", () => {
    const text = (sid: string, pad = 0) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Action: "kms:Decrypt", Resource: "*", Condition: { StringEquals: { "aws:PrincipalTag/pad": "p".repeat(pad) } } }] });

    it("answers the same document string, and the same document object, with the one parse", () => {
        const doc = text("A");
        const parsed = parseDocument(doc);
        expect(parseDocument(`${doc}`.slice(0))).to.equal(parsed);
        expect(parseDocument(text("B"))).to.not.equal(parsed);
        const object = JSON.parse(doc) as object;
        expect(parseDocument(object)).to.equal(parseDocument(object));
        expect(parseDocument(object)).to.deep.equal(parsed);
    });

    it("parses a document longer than the cache keeps afresh each time, with the same result", () => {
        const long = text("L", 40_000);
        const first = parseDocument(long);
        expect(first.ok).to.equal(true);
        expect(parseDocument(long)).to.not.equal(first);
        expect(parseDocument(long)).to.deep.equal(first);
    });
});
