import { expect } from "chai";
import { parseDocument } from "../../../policies/core/iam/document";
import { documentProblems } from "../../../policies/core/iam/validity";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("core/iam/validity", () => {
    it("judges the same statement by the rules of its document kind", () => {
        const parsed = parseDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        expect(documentProblems(parsed, "trust")).to.deep.equal([]);
        expect(documentProblems(parsed, "identity").map((p) => p.problem)).to.deep.equal([
            "has a Principal, which an identity policy cannot have (the principal is whoever holds the policy)",
            "has no Resource, which an identity policy needs",
        ]);
        expect(documentProblems(parsed, "key").map((p) => p.problem)).to.deep.equal(["has no Resource, which a key policy needs"]);
    });

    it("judges a Resource by the resource types (typed services) or services its statement's actions reach", () => {
        const problems = (actions: string[], resource: string) => documentProblems(parseDocument({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: resource }] }), "identity").map((p) => p.problem);
        const ignored = "Resource matches none of the statement's actions (s3:GetObject, sqs:SendMessage), so IAM ignores it";
        const dead = "names an action that none of the statement's Resources can reach, so the grant is dead";
        // Every action dead: the dead actions are reported, each naming the types it applies to.
        expect(problems(["s3:GetObject"], KEY_ARN)).to.deep.equal([dead]);
        expect(problems(["s3:GetObject", "sqs:SendMessage"], KEY_ARN)).to.deep.equal([ignored, dead]);
        expect(problems(["s3:GetObject", "kms:Decrypt"], KEY_ARN)).to.deep.equal([dead]);
        expect(problems(["s3:GetObject"], "arn:aws:s3:::bucket/*")).to.deep.equal([]);
        expect(problems(["s3:GetObject"], "arn:aws:*:*:*:*")).to.deep.equal([]);
        expect(problems(["s3:ListAllMyBuckets"], KEY_ARN)).to.deep.equal(["Resource matches none of the statement's actions (s3:ListAllMyBuckets), so IAM ignores it"]);
        expect(problems(["sqs:SendMessage"], "arn:aws:sqs:us-east-1:111122223333:jobs")).to.deep.equal([]);
    });
});
