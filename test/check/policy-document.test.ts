import { expect } from "chai";
import { PolicyDocumentError, renderPolicyDocument } from "../../check/policy-document";

const parsed = (inputs: Record<string, unknown>) => JSON.parse(renderPolicyDocument(inputs).json) as Record<string, unknown>;

describe("aws.iam.getPolicyDocument, rendered as the provider renders it", () => {
    it("writes one statement with defaults: Version 2012-10-17, Effect Allow, one action as a string, no empty fields", () => {
        const r = renderPolicyDocument({ statements: [{ actions: ["kms:Decrypt"], resources: ["*"] }] });
        expect(r.json).to.equal('{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "kms:Decrypt",\n      "Resource": "*"\n    }\n  ]\n}');
        expect(r.minifiedJson).to.equal('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}');
        expect(r.id).to.match(/^\d+$/);
    });

    it("orders statement keys as the provider does and sorts sets in reverse, removing repeats", () => {
        const doc = parsed({
            policyId: "doc-1",
            statements: [
                {
                    conditions: [{ test: "StringEquals", variable: "kms:ViaService", values: ["s3.us-west-2.amazonaws.com"] }],
                    notResources: ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"],
                    notActions: ["iam:*", "organizations:*", "iam:*"],
                    effect: "Deny",
                    sid: "DenyAdmin",
                },
            ],
        });
        expect(JSON.stringify(doc)).to.equal(
            '{"Version":"2012-10-17","Id":"doc-1","Statement":[{"Sid":"DenyAdmin","Effect":"Deny","NotAction":["organizations:*","iam:*"],"NotResource":["arn:aws:s3:::b/*","arn:aws:s3:::a/*"],"Condition":{"StringEquals":{"kms:ViaService":"s3.us-west-2.amazonaws.com"}}}]}',
        );
    });

    it("merges principals by type (types sorted, identifiers reverse-sorted); a lone * principal is written \"*\"", () => {
        const doc = parsed({
            statements: [
                {
                    actions: ["sts:AssumeRole"],
                    principals: [
                        { type: "Service", identifiers: ["lambda.amazonaws.com"] },
                        { type: "AWS", identifiers: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
                        { type: "Service", identifiers: ["sagemaker.amazonaws.com"] },
                    ],
                },
                { actions: ["s3:GetObject"], principals: [{ type: "*", identifiers: ["*"] }] },
                { actions: ["s3:GetObject"], principals: [{ type: "AWS", identifiers: ["*"] }] },
            ],
        });
        expect(doc.Statement).to.deep.equal([
            { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:root"], Service: ["lambda.amazonaws.com", "sagemaker.amazonaws.com"] } },
            { Effect: "Allow", Action: "s3:GetObject", Principal: "*" },
            { Effect: "Allow", Action: "s3:GetObject", Principal: { AWS: "*" } },
        ]);
        expect(Object.keys((doc.Statement as Record<string, Record<string, unknown>>[])[0].Principal)).to.deep.equal(["AWS", "Service"]);
    });

    it("keeps condition values in order, merges a repeated test and variable, and writes one value as a string", () => {
        const doc = parsed({
            statements: [
                {
                    actions: ["s3:PutObject"],
                    conditions: [
                        { test: "StringNotEquals", variable: "s3:x-amz-server-side-encryption", values: ["aws:kms"] },
                        { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:sns:*:*:b", "arn:aws:sns:*:*:a"] },
                        { test: "ArnLike", variable: "aws:SourceArn", values: ["arn:aws:sns:*:*:c"] },
                    ],
                },
            ],
        });
        expect((doc.Statement as Record<string, unknown>[])[0].Condition).to.deep.equal({
            ArnLike: { "aws:SourceArn": ["arn:aws:sns:*:*:b", "arn:aws:sns:*:*:a", "arn:aws:sns:*:*:c"] },
            StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" },
        });
    });

    it("turns the provider's &{…} escape into a policy variable, and escapes <, > and & as Go's encoder does", () => {
        const r = renderPolicyDocument({ statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::home/&{aws:username}/*"], sid: "A<B>&" }] });
        expect(r.minifiedJson).to.contain('"Resource":"arn:aws:s3:::home/${aws:username}/*"');
        expect(r.minifiedJson).to.contain('"Sid":"A\\u003cB\\u003e\\u0026"');
    });

    it("merges source documents under the current statements and override documents over them, by Sid", () => {
        const source = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Shared", Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }, { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }] });
        const override = JSON.stringify({ Statement: [{ Sid: "Mine", Effect: "Deny", Action: ["s3:DeleteObject"], Resource: "*" }, { Sid: "New", Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] });
        const doc = parsed({
            sourcePolicyDocuments: [source],
            overridePolicyDocuments: [override],
            statements: [
                { sid: "Shared", actions: ["s3:GetObject"], resources: ["*"] },
                { sid: "Mine", actions: ["s3:PutObject"], resources: ["*"] },
            ],
        });
        expect(doc.Statement).to.deep.equal([
            { Sid: "Shared", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
            { Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" },
            { Sid: "Mine", Effect: "Deny", Action: ["s3:DeleteObject"], Resource: "*" },
            { Sid: "New", Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" },
        ]);
    });

    it("refuses what the provider refuses: duplicate Sids, a source that is not JSON, actions that are not strings", () => {
        expect(() => renderPolicyDocument({ statements: [{ sid: "A" }, { sid: "A" }] })).to.throw(PolicyDocumentError, "duplicate Sid (A)");
        const twice = JSON.stringify({ Statement: [{ Sid: "S", Effect: "Allow", Action: "s3:*" }] });
        expect(() => renderPolicyDocument({ sourcePolicyDocuments: [twice, twice] })).to.throw(PolicyDocumentError, "duplicate Sid (S) in sourcePolicyDocuments[1]");
        expect(() => renderPolicyDocument({ sourcePolicyDocuments: ["{not json"] })).to.throw(PolicyDocumentError, /^sourcePolicyDocuments\[0\] is not JSON/);
        expect(() => renderPolicyDocument({ statements: [{ actions: [1] }] })).to.throw(PolicyDocumentError, "statements[0].actions must be a list of strings");
    });
});
