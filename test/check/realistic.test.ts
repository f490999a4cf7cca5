/**
 * keyguard check on programs shaped like public Pulumi programs (test/check/realistic-programs.ts):
 * each runs once per mode in a child process, and the tests read the shared runs.
 */
import { expect } from "chai";
import { seededUuid } from "../../check/mocks";
import type { CheckResult } from "../../check/run";
import { runCheck } from "../../check/run";
import { mapLimited } from "../../harness/run-fixtures";
import { secretWire } from "../helpers";
import { makeProgram, removePrograms } from "./programs";
import { COMPONENT_PROGRAM, ESM_PROGRAM, ML_PIPELINE } from "./realistic-programs";

const PROGRAMS = { ml: { files: ML_PIPELINE, stack: "staging" }, esm: { files: ESM_PROGRAM }, component: { files: COMPONENT_PROGRAM } } as const;
type Name = keyof typeof PROGRAMS;

describe("keyguard check: realistic programs", function () {
    this.timeout(300_000);
    const results = {} as Record<Name, CheckResult>;
    before(async () => {
        await mapLimited(Object.keys(PROGRAMS) as Name[], 1, async (name) => {
            const { files, stack } = PROGRAMS[name] as { files: Record<string, string>; stack?: string };
            const dir = makeProgram(files);
            results[name] = await runCheck({ dir, stack, modes: ["preview", "apply"], relativeTo: dir, env: {} });
        });
    });
    after(removePrograms);

    const findings = (name: Name) => results[name].violations.map((v) => ({ policy: v.policy, resource: v.name, message: v.message, at: `${v.source?.uri}:${v.source?.line}`, modes: v.modes }));
    const resource = (name: Name, mode: "preview" | "apply", logical: string) => {
        const r = results[name].captures.find((c) => c.mode === mode)!.resources.find((x) => x.name === logical);
        if (!r) throw new Error(`${name} has no ${logical}`);
        return r;
    };

    describe("TypeScript over two files, main in src/, stack config, getPolicyDocument, resource references", () => {
        it("finds s3:* in the document getPolicyDocument renders, only once outputs are known, at the program line", () => {
            expect(findings("ml")).to.deep.equal([
                {
                    policy: "iam-least-privilege-actions",
                    resource: "trainer-s3",
                    message: 'trainer-s3: policy statement "Everything": grants every action of the s3 service ("s3:*"). Fix: list the s3 actions the workload needs instead.',
                    at: "src/index.ts:19",
                    modes: ["apply"],
                },
            ]);
        });

        it("reads Pulumi.staging.yaml: region for the ARNs, plain values, and secure values as secret placeholders", () => {
            expect(results.ml.project.stack).to.equal("staging");
            expect(resource("ml", "apply", "models").props.bucketPrefix).to.equal("models-");
            expect(resource("ml", "apply", "api-token").props.kmsKeyId).to.equal(`arn:aws:kms:eu-central-1:123456789012:key/${seededUuid("aws:kms/key:Key", "models-key")}`);
            expect(resource("ml", "preview", "api-token-v1").props.secretString).to.deep.equal(secretWire("[secret]"));
        });

        it("sends a resource given as an input as its id (the role's autoname), unknown in preview", () => {
            expect(resource("ml", "apply", "trainer-s3").props.role).to.match(/^trainer-[0-9a-f]{7}$/);
            expect(resource("ml", "preview", "trainer-s3").props.role).to.equal("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
            expect(resource("ml", "apply", "trainer-s3").propertyDependencies!.role).to.deep.equal(["urn:pulumi:staging::ml-pipeline::aws:iam/role:Role::trainer"]);
        });

        it("renders getPolicyDocument as the provider does (reverse-sorted sets, Sid first, two-space JSON)", () => {
            const doc = JSON.parse(resource("ml", "apply", "trainer-s3").props.policy as string);
            const arn = doc.Statement[0].Resource[1] as string;
            expect(arn).to.match(/^arn:aws:s3:::models-[0-9a-f]{26}$/);
            expect(doc).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    { Sid: "ReadModels", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: [`${arn}/*`, arn] },
                    { Sid: "Everything", Effect: "Allow", Action: "s3:*", Resource: "*" },
                ],
            });
            expect(resource("ml", "apply", "trainer").props.assumeRolePolicy).to.equal(
                '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "sts:AssumeRole",\n      "Principal": {\n        "Service": "sagemaker.amazonaws.com"\n      }\n    }\n  ]\n}',
            );
        });
    });

    describe("an ES module with top-level await", () => {
        it("runs, answers getCallerIdentity, and points at the line of an ES module's top level", () => {
            expect(findings("esm")).to.deep.equal([
                { policy: "kms-key-rotation", resource: "esm-key", message: "esm-key: automatic key rotation is off (not set). Fix: set enableKeyRotation: true.", at: "index.js:4", modes: ["preview", "apply"] },
            ]);
            expect(resource("esm", "apply", "esm-key").props.description).to.equal("key of account 123456789012");
        });
    });

    describe("CommonJS with a component resource and a function export", () => {
        it("calls the exported function, registers the component and its children, and judges them", () => {
            expect(findings("component")).to.deep.equal([
                {
                    policy: "s3-bucket-key-enabled",
                    resource: "data-sse",
                    message: "data-sse: SSE-KMS rule rules[0] does not turn on S3 Bucket Keys (not set). Fix: set bucketKeyEnabled: true on rules[0].",
                    at: "index.js:15",
                    modes: ["preview", "apply"],
                },
            ]);
            const key = resource("component", "apply", "data-key");
            expect(key.parent).to.equal("urn:pulumi:dev::check-test::acme:storage:SecureBucket::data");
            expect(key.urn).to.equal("urn:pulumi:dev::check-test::acme:storage:SecureBucket$aws:kms/key:Key::data-key");
            // Declared inside the component's constructor: that line, not the SDK's.
            expect(key.source).to.deep.equal({ uri: "index.js", line: 7, column: 20 });
        });
    });
});
