import { expect } from "chai";
import { arnProblem, arnService, classifyKmsResource, globsIntersect, globMatch, parseArn, replaceVariables, resourceMatchesFormat } from "../../../policies/core/iam/arn";

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;
const KEY_FORMAT = "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}";
const OBJECT_FORMAT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
const BUCKET_FORMAT = "arn:${Partition}:s3:::${BucketName}";

describe("core/iam/arn", () => {
    it("splits an ARN into partition, service, region, account and resource", () => {
        expect(parseArn(KEY_ARN)).to.deep.equal({ partition: "aws", service: "kms", region: "us-east-1", account: "111122223333", resource: `key/${KEY_ID}`, resourceType: "key", resourceId: KEY_ID });
        expect(parseArn("arn:aws-cn:s3:::bucket/a:b")).to.deep.include({ partition: "aws-cn", service: "s3", region: "", account: "", resource: "bucket/a:b" });
        expect(parseArn("arn:aws:sns:us-east-1:111122223333:topic")).to.deep.include({ resource: "topic", resourceId: "topic" });
        expect(parseArn("arn:aws:kms")).to.equal(undefined);
        expect(parseArn(KEY_ID)).to.equal(undefined);
    });

    it("splits any text as the six-part reading says: fields by the first five colons, a type before the first / or : of the resource", () => {
        // The reading in its plainest form, as the oracle for the index-based split.
        const oracle = (text: string) => {
            const parts = text.split(":");
            if (parts.length < 6) return undefined;
            const resource = parts.slice(5).join(":");
            const typed = /^([A-Za-z0-9_.-]+)[/:](.*)$/s.exec(resource);
            return { partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource, ...(typed ? { resourceType: typed[1], resourceId: typed[2] } : { resourceId: resource }) };
        };
        const alphabet = "arn:aws/:*?-_.\nkA9 é";
        let seed = 7;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let i = 0; i < 20_000; i++) {
            let text = "arn:";
            for (let n = Math.floor(random() * 30); n > 0; n--) text += alphabet[Math.floor(random() * alphabet.length)];
            expect(parseArn(text), JSON.stringify(text)).to.deep.equal(oracle(text));
            expect(arnService(text), `service of ${JSON.stringify(text)}`).to.equal(oracle(text)?.service);
        }
        for (const notArn of [KEY_ID, "arn:aws:kms", "", "x".repeat(3000)]) expect(arnService(notArn), notArn.slice(0, 20)).to.equal(undefined);
    });

    it("accepts well-formed ARNs in every partition, with wildcards and policy variables", () => {
        for (const ok of [KEY_ARN, "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/*", "arn:aws-iso-b:s3:::b", "arn:aws:s3:::b/${aws:username}/*", "arn:*:kms:*:*:key/*", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::${aws:PrincipalAccount}:role/x"]) {
            expect(arnProblem(ok), ok).to.equal(undefined);
        }
    });

    it("names what is wrong with a malformed ARN", () => {
        expect(arnProblem(KEY_ID)).to.equal("is not an ARN");
        expect(arnProblem("arn:aws:kms:us-east-1")).to.equal("does not have the six parts arn:partition:service:region:account:resource");
        expect(arnProblem("arn:amazon:kms:us-east-1:111122223333:key/x")).to.equal('names an unknown partition ("amazon")');
        expect(arnProblem("arn:aws:KMS:us-east-1:111122223333:key/x")).to.equal('names no valid service ("KMS")');
        expect(arnProblem("arn:aws:kms:us-east-1:1111:key/x")).to.equal('has an account id that is not 12 digits ("1111")');
        expect(arnProblem("arn:aws:kms:us-east-1:acct:key/x")).to.equal('names no valid account id ("acct")');
        expect(arnProblem("arn:aws:kms:us-east-1:111122223333:")).to.equal("names no resource");
        expect(arnProblem(`arn:aws:s3:::${"b".repeat(3000)}`)).to.equal("is longer than the 2048 characters IAM allows");
    });

    it("intersects glob patterns", () => {
        expect(globsIntersect("a*c", "ab?")).to.equal(true);
        expect(globsIntersect("key/*", "alias/*")).to.equal(false);
        expect(globsIntersect("*", "")).to.equal(true);
        expect(globsIntersect("b/*", "*/x")).to.equal(true);
        expect(globMatch("a?c", "abc")).to.equal(true);
        expect(globMatch("abc", "a*c")).to.equal(false);
    });

    it("matches a key ARN to the key format, not an alias or S3 one", () => {
        expect(resourceMatchesFormat(KEY_ARN, KEY_FORMAT)).to.equal(true);
        expect(resourceMatchesFormat("arn:aws:kms:*:111122223333:key/*", KEY_FORMAT)).to.equal(true);
        expect(resourceMatchesFormat("arn:aws:kms:us-east-1:111122223333:alias/app", KEY_FORMAT)).to.equal(false);
        expect(resourceMatchesFormat(KEY_ARN, OBJECT_FORMAT)).to.equal(false);
        expect(resourceMatchesFormat(KEY_ID, KEY_FORMAT)).to.equal(false);
        expect(resourceMatchesFormat("*", KEY_FORMAT)).to.equal(true);
    });

    it("tells S3 bucket ARNs from object ARNs", () => {
        expect(resourceMatchesFormat("arn:aws:s3:::data/*", OBJECT_FORMAT)).to.equal(true);
        expect(resourceMatchesFormat("arn:aws:s3:::data", OBJECT_FORMAT)).to.equal(false);
        expect(resourceMatchesFormat("arn:aws:s3:::data", BUCKET_FORMAT)).to.equal(true);
        expect(resourceMatchesFormat("arn:aws:s3:::*", OBJECT_FORMAT)).to.equal(true);
        expect(resourceMatchesFormat("arn:aws:s3:::data/${aws:username}/*", OBJECT_FORMAT)).to.equal(true);
    });

    it("classifies what a Resource names under KMS actions", () => {
        expect(classifyKmsResource("*")).to.equal("wildcard");
        expect(classifyKmsResource(KEY_ARN)).to.equal("key-arn");
        // A wildcard key id means every key (POLICIES.md, reading rules); a fixed key id in any Region is one (multi-Region) key.
        expect(classifyKmsResource("arn:aws:kms:us-east-1:111122223333:key/*")).to.equal("every-key");
        expect(classifyKmsResource("arn:aws:kms:*:*:key/*")).to.equal("every-key");
        expect(classifyKmsResource("arn:aws:kms:*:*:*")).to.equal("every-key");
        expect(classifyKmsResource("arn:aws:kms:*:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab")).to.equal("key-arn");
        expect(classifyKmsResource("arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/key}")).to.equal("key-arn");
        // Found in AmazonTimestreamInfluxDBServiceRolePolicy by the real-world check.
        expect(classifyKmsResource("arn:*:kms:*:${aws:PrincipalAccount}:key/*")).to.equal("every-key");
        // Not …:key/<id> nor …:alias/<name>: not a key ARN.
        expect(classifyKmsResource(`arn:aws:kms:us-east-1:111122223333:key:${KEY_ID}`)).to.equal("not-key-arn");
        expect(classifyKmsResource("arn:aws:kms:us-east-1:111122223333:key/")).to.equal("not-key-arn");
        expect(classifyKmsResource("arn:aws:kms:us-east-1:111122223333:grant/abc")).to.equal("not-key-arn");
        expect(classifyKmsResource("arn:aws:kms:us-east-1:111122223333:alias/app")).to.equal("alias-arn");
        expect(classifyKmsResource(KEY_ID)).to.equal("key-id");
        expect(classifyKmsResource("mrk-1234abcd12ab34cd56ef1234567890ab")).to.equal("key-id");
        expect(classifyKmsResource("alias/app")).to.equal("alias-name");
        expect(classifyKmsResource("arn:aws:s3:::bucket/*")).to.equal("s3-arn");
        expect(classifyKmsResource("arn:aws:sqs:us-east-1:111122223333:q")).to.equal("other-arn");
        expect(classifyKmsResource("my-key")).to.equal("not-an-arn");
    });
    it("replaces policy variables as the RegExp would, in linear time (fuzz: `${${${…` took 3 s per Resource)", () => {
        const pieces = ["${", "}", "$", "{", "a", "${aws:username}", "${$}", "${*}"];
        let state = 7;
        for (let n = 0; n < 2000; n++) {
            let text = "";
            for (let i = 0; i < n % 12; i++) text += pieces[(state = (state * 1103515245 + 12345) % 2147483648) % pieces.length];
            expect(replaceVariables(text), text).to.equal(text.replace(/\$\{[^}]*\}/g, "*"));
        }
        const start = Date.now();
        const hostile = `arn:aws:kms:us-east-1:111122223333:key/${"${".repeat(60_000)}`;
        expect(replaceVariables(hostile)).to.equal(hostile);
        expect(arnProblem(hostile)).to.equal("is longer than the 2048 characters IAM allows");
        expect(resourceMatchesFormat(hostile, KEY_FORMAT)).to.equal(false); // longer than any ARN
        expect(Date.now() - start).to.be.below(200);
    });
});
