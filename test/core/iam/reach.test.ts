/** What an Action entry can be authorized against (policies/core/iam/reach.ts), by resource type or by service. */
import { expect } from "chai";
import { Expansion, expandAction } from "../../../policies/core/iam/actions";
import { reachOfExpansion, reaches, resourceGlobOf, showFormat } from "../../../policies/core/iam/reach";

function expanded(pattern: string): Extract<Expansion, { status: "ok" }> {
    const expansion = expandAction(pattern);
    if (expansion.status !== "ok") throw new Error(`${pattern} did not expand`);
    return expansion;
}

const reachOf = (pattern: string) => reachOfExpansion(expanded(pattern));
const glob = (arn: string) => {
    const g = resourceGlobOf(arn);
    if (!g) throw new Error(`${arn} is not an ARN`);
    return g;
};

describe("core/iam/reach", () => {
    it("shows an ARN format as users read it", () => {
        expect(showFormat("arn:${Partition}:s3:::${BucketName}/${ObjectName}")).to.equal("arn:aws:s3:::<BucketName>/<ObjectName>");
    });

    it("reads a Resource as a glob, policy variables as any value; not an ARN is undefined", () => {
        expect(resourceGlobOf("arn:aws:s3:::data/${aws:username}/*")?.service).to.equal("s3");
        for (const notArn of ["not-an-arn", "*", "", "arn:aws", "x".repeat(100_000)]) expect(resourceGlobOf(notArn), notArn.slice(0, 20)).to.equal(undefined);
    });

    it("matches a typed service's actions to their resource types", () => {
        const getObject = reachOf("s3:GetObject")!;
        expect(getObject.typed).to.equal(true);
        expect(getObject.types).to.deep.equal(["accesspointobject (arn:aws:s3:<Region>:<Account>:accesspoint/<AccessPointName>/object/<ObjectName>)", "object (arn:aws:s3:::<BucketName>/<ObjectName>)"]);
        expect(reaches(getObject, glob("arn:aws:s3:::ai-model-data/*")), "objects").to.equal(true);
        expect(reaches(getObject, glob("arn:aws:s3:::ai-model-data")), "the bucket is not an object").to.equal(false);
        expect(reaches(getObject, glob("arn:aws:s3:::ai-model-*")), "a bucket pattern may reach objects").to.equal(true);
        const decrypt = reachOf("kms:Decrypt")!;
        expect(reaches(decrypt, glob("arn:aws:kms:us-east-1:111122223333:key/1234")), "the key").to.equal(true);
        expect(reaches(decrypt, glob("arn:aws:kms:us-east-1:111122223333:alias/ai")), "an alias ARN is not the key").to.equal(false);
    });

    it("matches other services, and typed actions without resource types, by service", () => {
        const send = reachOf("sqs:SendMessage")!;
        expect(send).to.deep.include({ typed: false, services: ["sqs"] });
        expect(reaches(send, glob("arn:aws:sqs:us-east-1:111122223333:jobs/odd"))).to.equal(true);
        expect(reaches(send, glob("arn:aws:sns:us-east-1:111122223333:jobs"))).to.equal(false);
        expect(reachOf("s3:ListAllMyBuckets")).to.deep.include({ typed: false, services: ["s3"] });
        expect(reaches(reachOf("codestar-connections:PassConnection")!, glob("arn:aws:codeconnections:*:*:connection/*")), "a renamed service answers to both prefixes").to.equal(true);
    });

    it("leaves the reach open (null) for an untyped service's action the data lists without resource types", () => {
        expect(reachOf("sts:GetCallerIdentity")).to.equal(null);
    });

    it("computes an expansion's reach once", () => {
        const expansion = expanded("s3:GetObject");
        expect(reachOfExpansion(expansion)).to.equal(reachOfExpansion(expansion));
    });

    it("never throws on hostile resources: huge, odd segments, many wildcards", () => {
        const reach = reachOf("s3:*")!;
        for (const arn of [`arn:aws:s3:::${"x".repeat(100_000)}`, `arn:aws:s3:::${"*?".repeat(5_000)}!`, "arn:aws:s3:::", "arn:*:*:*:*:*", "arn:aws:s3:::\u0000\u0002\u0003"]) {
            const g = resourceGlobOf(arn);
            expect(() => g && reaches(reach, g), arn.slice(0, 30)).to.not.throw();
        }
    });
});
