import { expect } from "chai";
import { parseDocument, Statement } from "../../../policies/core/iam/document";
import {
    MAX_PRINCIPAL_CHARS,
    canonicalServicePrincipal,
    isRealServicePrincipal,
    judgeServicePrincipal,
    servicePrincipalFindings,
    suggestServicePrincipal,
} from "../../../policies/core/iam/principals";

function statementsOf(doc: unknown): Statement[] {
    const parsed = parseDocument(doc);
    if (parsed.ok !== true) throw new Error("test document did not parse");
    return parsed.statements;
}

describe("core/iam/principals", () => {
    it("knows real principals derived from iam-data's service keys", () => {
        for (const p of ["sagemaker.amazonaws.com", "lambda.amazonaws.com", "bedrock.amazonaws.com", "states.amazonaws.com", "events.amazonaws.com", "glue.amazonaws.com", "s3.amazonaws.com"]) {
            expect(isRealServicePrincipal(p), p).to.equal(true);
        }
    });

    it("knows real principals that break the <service-key>.amazonaws.com pattern (data file)", () => {
        for (const p of ["ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com", "delivery.logs.amazonaws.com", "logging.s3.amazonaws.com", "vpc-flow-logs.amazonaws.com", "edgelambda.amazonaws.com", "monitoring.amazonaws.com", "replicator.lambda.amazonaws.com", "alexa-appkit.amazon.com"]) {
            expect(isRealServicePrincipal(p), p).to.equal(true);
        }
    });

    it("knows legacy principals", () => {
        for (const p of ["vmie.amazonaws.com", "opsworks.amazonaws.com", "macie.amazonaws.com", "spotfleet.amazonaws.com"]) {
            expect(isRealServicePrincipal(p), p).to.equal(true);
        }
    });

    it("flags invented principals, and service keys that are only action prefixes", () => {
        for (const p of ["aiforecasts.amazonaws.com", "execute-api.amazonaws.com", "ssmmessages.amazonaws.com", "xyz.amazonaws.com", "sagemaker", "*", "arn:aws:iam::123456789012:root", ""]) {
            expect(isRealServicePrincipal(p), p).to.equal(false);
        }
    });

    it("accepts the China partition forms it lists, and not the others", () => {
        expect(isRealServicePrincipal("ec2.amazonaws.com.cn")).to.equal(true);
        expect(isRealServicePrincipal("elasticmapreduce.amazonaws.com.cn")).to.equal(true);
        expect(isRealServicePrincipal("logs.cn-north-1.amazonaws.com.cn")).to.equal(true);
        expect(isRealServicePrincipal("logs.us-east-1.amazonaws.com.cn")).to.equal(false);
        expect(isRealServicePrincipal("sagemaker.amazonaws.com.cn")).to.equal(false);
        expect(judgeServicePrincipal("sagemaker.amazonaws.com.cn")).to.deep.equal({ verdict: "invented", suggestion: "sagemaker.amazonaws.com" });
    });

    it("accepts regional and isolated-partition forms of real principals only", () => {
        expect(isRealServicePrincipal("states.eu-west-1.amazonaws.com")).to.equal(true);
        expect(isRealServicePrincipal("logs.me-south-1.amazonaws.com")).to.equal(true);
        expect(isRealServicePrincipal("s3.c2s.ic.gov")).to.equal(true);
        expect(isRealServicePrincipal("aiforecasts.us-east-1.amazonaws.com")).to.equal(false);
        expect(isRealServicePrincipal("states.mars-1.amazonaws.com")).to.equal(false);
    });

    it("compares exactly: service principals are lower-case, and IAM does not fold case", () => {
        expect(isRealServicePrincipal("Lambda.AmazonAWS.com")).to.equal(false);
        expect(isRealServicePrincipal("Sagemaker.amazonaws.com")).to.equal(false);
        expect(isRealServicePrincipal("sagemaker.amazonaws.com")).to.equal(true);
        expect(judgeServicePrincipal("Sagemaker.amazonaws.com")).to.deep.equal({ verdict: "invented", suggestion: "sagemaker.amazonaws.com" });
    });

    it("suggests the closest real principal for near misses", () => {
        expect(suggestServicePrincipal("sagemaker.amazonaw.com")).to.equal("sagemaker.amazonaws.com");
        expect(suggestServicePrincipal("lamda.amazonaws.com")).to.equal("lambda.amazonaws.com");
        expect(suggestServicePrincipal("ecs-task.amazonaws.com")).to.equal("ecs-tasks.amazonaws.com");
        expect(suggestServicePrincipal("lambda.amazon.com")).to.equal("lambda.amazonaws.com");
        expect(suggestServicePrincipal("aiforecasts.amazonaws.com")).to.equal("forecast.amazonaws.com");
        expect(suggestServicePrincipal("aiforecasts.us-east-1.amazonaws.com")).to.equal("forecast.amazonaws.com");
        expect(suggestServicePrincipal(" lambda.amazonaws.com")).to.equal("lambda.amazonaws.com");
        expect(suggestServicePrincipal("lambda")).to.equal("lambda.amazonaws.com");
    });

    it("suggests nothing when nothing is close, or the value is absurd", () => {
        expect(suggestServicePrincipal("qqqqqqqqqqqq.amazonaws.com")).to.equal(undefined);
        expect(suggestServicePrincipal("x".repeat(5 * 1024 * 1024))).to.equal(undefined);
        expect(judgeServicePrincipal("qqqqqqqqqqqq.amazonaws.com")).to.deep.equal({ verdict: "invented" });
    });

    it("gives the global form of regional and China principals", () => {
        expect(canonicalServicePrincipal("logs.eu-west-1.amazonaws.com")).to.equal("logs.amazonaws.com");
        expect(canonicalServicePrincipal("EC2.amazonaws.com.cn")).to.equal("ec2.amazonaws.com");
        expect(canonicalServicePrincipal("alexa-appkit.amazon.com")).to.equal("alexa-appkit.amazon.com");
        // The Region part is core/aws-region's pattern: every partition's naming reads as a Region, and a near miss stays part of the name.
        for (const region of ["ap-southeast-4", "cn-northwest-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1"]) {
            expect(canonicalServicePrincipal(`logs.${region}.amazonaws.com`), region).to.equal("logs.amazonaws.com");
        }
        expect(canonicalServicePrincipal("logs.us-east.amazonaws.com")).to.equal("logs.us-east.amazonaws.com");
        expect(isRealServicePrincipal("states.useast1.amazonaws.com")).to.equal(false);
    });

    it("reads a principal's form in linear time on 5 MB of near misses", () => {
        const size = 5 * 1024 * 1024;
        for (const hostile of [`a${".us-east".repeat(size / 8)}.amazonaws.com`, `a${".aa-aa-aa-1".repeat(size / 11)}x`, `${"a.".repeat(size / 2)}amazonaws.comx`]) {
            const started = Date.now();
            expect(canonicalServicePrincipal(hostile)).to.equal(hostile);
            expect(Date.now() - started).to.be.lessThan(1000);
        }
    });

    it("gives a principal longer than any real one back unread, in time bounded by the cap, and still judges it invented", () => {
        const regional = (nameChars: number) => `${"a".repeat(nameChars)}.eu-west-1.amazonaws.com`;
        const atCap = regional(MAX_PRINCIPAL_CHARS - regional(0).length);
        expect(canonicalServicePrincipal(atCap)).to.equal(`${"a".repeat(MAX_PRINCIPAL_CHARS - regional(0).length)}.amazonaws.com`);
        const overCap = regional(MAX_PRINCIPAL_CHARS - regional(0).length + 1);
        expect(canonicalServicePrincipal(overCap)).to.equal(overCap);
        // Mixed case, so a reading of the whole value (lower-casing it) would show in the answer. Compared
        // with ===: a failing deep-equal would print 5 MB.
        const huge = `Logs.${"a".repeat(5 * 1024 * 1024)}.eu-west-1.amazonaws.com`;
        const started = Date.now();
        for (let i = 0; i < 100; i++) expect(canonicalServicePrincipal(huge) === huge).to.equal(true);
        expect(Date.now() - started).to.be.lessThan(500);
        expect(judgeServicePrincipal(huge)).to.deep.equal({ verdict: "invented" });
        const statements = statementsOf({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: overCap }, Action: "sts:AssumeRole" }] });
        expect(servicePrincipalFindings(statements).map((f) => [f.code, f.value])).to.deep.equal([["service-principal-invented", overCap]]);
    });

    it("extraServicePrincipals extends the catalog, in every form", () => {
        expect(judgeServicePrincipal("newthing.amazonaws.com", { extra: ["newthing.amazonaws.com"] })).to.deep.equal({ verdict: "real" });
        expect(judgeServicePrincipal("newthing.us-east-1.amazonaws.com", { extra: ["NewThing.amazonaws.com"] })).to.deep.equal({ verdict: "real" });
        expect(judgeServicePrincipal("newthng.amazonaws.com", { extra: ["newthing.amazonaws.com"] })).to.deep.equal({ verdict: "invented", suggestion: "newthing.amazonaws.com" });
    });

    it("allowedServicePrincipals narrows the catalog, without making invented principals real", () => {
        const allowed = ["sagemaker.amazonaws.com", "states.amazonaws.com"];
        expect(judgeServicePrincipal("sagemaker.amazonaws.com", { allowed })).to.deep.equal({ verdict: "real" });
        expect(judgeServicePrincipal("states.us-west-2.amazonaws.com", { allowed })).to.deep.equal({ verdict: "real" });
        expect(judgeServicePrincipal("lambda.amazonaws.com", { allowed })).to.deep.equal({ verdict: "not-allowed", allowed });
        expect(judgeServicePrincipal("madeup.amazonaws.com", { allowed: ["madeup.amazonaws.com"] }).verdict).to.equal("invented");
        expect(judgeServicePrincipal("madeup.amazonaws.com", { allowed: ["madeup.amazonaws.com"], extra: ["madeup.amazonaws.com"] })).to.deep.equal({ verdict: "real" });
    });

    it("judges each statement's Principal.Service once, narrowing only Allow statements", () => {
        const statements = statementsOf({
            Version: "2012-10-17",
            Statement: [
                { Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com", "lamda.amazonaws.com"] }, Action: "sts:AssumeRole" },
                { Sid: "Again", Effect: "Allow", Principal: { Service: "lamda.amazonaws.com" }, Action: "sts:AssumeRole" },
                { Effect: "Deny", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" },
            ],
        });
        const findings = servicePrincipalFindings(statements, { allowed: ["lambda.amazonaws.com"] });
        expect(findings.map((f) => [f.where?.statement, f.value, f.problem])).to.deep.equal([["statement 1", "lamda.amazonaws.com", "Principal.Service names a service principal that does not exist"]]);
    });

    it("stops searching for suggestions after ten unknown principals and summarises the rest", () => {
        const service = Array.from({ length: 500 }, (_, i) => `invented${i}.amazonaws.com`);
        const statements = statementsOf({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] });
        const started = Date.now();
        const findings = servicePrincipalFindings(statements);
        expect(Date.now() - started).to.be.lessThan(1000);
        expect(findings).to.have.length(11);
        expect(findings[10]).to.deep.equal({ code: "service-principals-more", problem: "more service principals are unknown or not allowed than are listed", value: "490 more", fix: "name only the AWS services that must use this document" });
    });
});
