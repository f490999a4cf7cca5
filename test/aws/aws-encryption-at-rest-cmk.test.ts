import { expect } from "chai";
import { urnOf, WireResource } from "../../harness/in-process";
import { awsEncryptionAtRestCmk } from "../../policies/aws/aws-encryption-at-rest-cmk";
import { ENCRYPTION_AT_REST, ENCRYPTION_TYPES } from "../../policies/core/encryption-at-rest";
import { expectClean, huge, judgeStack, secretWire, UNKNOWN } from "../helpers";
import { stackResource, testPolicy } from "../lib/policy-tester";
import { ROW_CASES } from "./encryption-cases";

const KEY = "aws:kms/key:Key";
const ALIAS = "aws:kms/alias:Alias";
const SQS = "aws:sqs/queue:Queue";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`;
const KEY_FIX = "Fix: set kmsMasterKeyId to a customer-managed KMS key (its ARN).";

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}
const one = (type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}) => judgeStack(awsEncryptionAtRestCmk, [res(type, "res", props)], config);

const resourceTypesError = (given: string[]) =>
    `aws-encryption-at-rest-cmk: config resourceTypes has "aws:s3/bucket:Bucket", which is not one of ${ENCRYPTION_TYPES.join(", ")} (got ${JSON.stringify(given)}); using the default ${JSON.stringify(ENCRYPTION_TYPES)}. Fix: correct it in the policy pack config.`;

// Every table row: a compliant resource passes, a typical mistake gets its exact message and code.
testPolicy(awsEncryptionAtRestCmk, {
    valid: ROW_CASES.map((c) => ({ title: `${c.row} (${c.type}) under a customer-managed key`, resources: [stackResource(c.type, "res", c.valid)] })),
    invalid: ROW_CASES.map((c) => ({ title: `${c.row} (${c.type}): ${c.code}`, resources: [stackResource(c.type, "res", c.invalid)], messages: [c.message], codes: [c.code] })),
    preview: [
        { title: "a computed key id", resources: [stackResource(SQS, "res", { kmsMasterKeyId: UNKNOWN })] },
        { title: "a computed encryption switch", resources: [stackResource("aws:dynamodb/table:Table", "res", { serverSideEncryption: { enabled: UNKNOWN } })] },
        { title: "a computed block", resources: [stackResource("aws:ec2/launchTemplate:LaunchTemplate", "res", { blockDeviceMappings: [UNKNOWN] })] },
    ],
    config: [{ config: { resourceTypes: [SQS, "aws:s3/bucket:Bucket"] }, resources: [stackResource(SQS, "a", { kmsMasterKeyId: KEY_ARN }), stackResource(SQS, "b", { kmsMasterKeyId: KEY_ARN })], errors: [resourceTypesError([SQS, "aws:s3/bucket:Bucket"])] }],
});

describe("aws-encryption-at-rest-cmk", () => {
    it("has one case per table row, and the table covers every type it names", () => {
        const rows = ENCRYPTION_AT_REST.map((r) => `${r.type} ${r.label}`);
        expect(ROW_CASES.map((c) => `${c.type} ${c.row}`)).to.have.members(rows).and.have.length(rows.length);
        expect(awsEncryptionAtRestCmk.keyguard.types).to.include.members([...ENCRYPTION_TYPES]);
    });

    it("flags each AWS-default fallback with a fix naming the property: DynamoDB with SSE on but no key, ECR with no configuration", async () => {
        expect((await one("aws:dynamodb/table:Table", { serverSideEncryption: { enabled: true } })).messages).to.deep.equal([
            "res: serverSideEncryption.kmsKeyArn is not set, so this DynamoDB table is encrypted with the AWS managed key aws/dynamodb, not a customer-managed KMS key (not set). Fix: set serverSideEncryption.enabled: true and serverSideEncryption.kmsKeyArn to a customer-managed KMS key (its ARN).",
        ]);
        expect((await one("aws:ecr/repository:Repository", {})).messages).to.deep.equal([
            'res: encryptionConfigurations.encryptionType does not turn on KMS encryption for this ECR repository, so it is encrypted with AES-256 under keys Amazon ECR owns (not set). Fix: set encryptionConfigurations.encryptionType: "KMS" and encryptionConfigurations.kmsKey to a customer-managed KMS key (its ARN).',
        ]);
    });

    it("reads both @pulumi/aws majors' Redshift shapes: v6 boolean flag, v7 string flag that defaults to on", async () => {
        expect((await one("aws:redshift/cluster:Cluster", { encrypted: false })).messages).to.deep.equal([
            "res: encrypted does not turn on KMS encryption for this Redshift cluster (false). Fix: set encrypted: true and kmsKeyId to a customer-managed KMS key (its ARN).",
        ]);
        expectClean(await one("aws:redshift/cluster:Cluster", { encrypted: true, kmsKeyId: KEY_ARN }));
        expectClean(await one("aws:redshift/cluster:Cluster", { kmsKeyId: KEY_ARN }));
    });

    it("judges every block device of a launch template, and only the ones that fail", async () => {
        const v = await one("aws:ec2/launchTemplate:LaunchTemplate", {
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN } }, { deviceName: "/dev/sdb", ebs: { encrypted: "false" } }, { deviceName: "/dev/sdc", virtualName: "ephemeral0" }],
        });
        expect(v.messages).to.deep.equal([
            'res: blockDeviceMappings[1].ebs.encrypted does not turn on KMS encryption for this launch template block device ("false"). Fix: set blockDeviceMappings[1].ebs.encrypted: "true" and blockDeviceMappings[1].ebs.kmsKeyId to a customer-managed KMS key (its ARN).',
        ]);
    });

    it("leaves alone what has nothing to encrypt: a function without environment variables, a VECTOR knowledge base, a feature group without stores, a template without block devices", async () => {
        expectClean(await one("aws:lambda/function:Function", { runtime: "nodejs20.x" }));
        expectClean(await one("aws:lambda/function:Function", { runtime: "nodejs20.x", environment: { variables: {} } }));
        expectClean(await one("aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase", { knowledgeBaseConfiguration: { type: "VECTOR" } }));
        expectClean(await one("aws:sagemaker/featureGroup:FeatureGroup", { featureGroupName: "f" }));
        expectClean(await one("aws:ec2/launchTemplate:LaunchTemplate", { imageId: "ami-1" }));
    });

    describe("a key in the stack", () => {
        it("must be symmetric ENCRYPT_DECRYPT: found through the property's dependency in preview", async () => {
            const key = res(KEY, "signing-key", { keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
            const queue = res(SQS, "jobs", { kmsMasterKeyId: UNKNOWN }, { kmsMasterKeyId: [key.urn as string] });
            const v = await judgeStack(awsEncryptionAtRestCmk, [key, queue]);
            expect(v.messages).to.deep.equal([
                'jobs: kmsMasterKeyId is the KMS key signing-key, which is not a symmetric ENCRYPT_DECRYPT key ("RSA_2048 SIGN_VERIFY"). Fix: set kmsMasterKeyId to a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT customer-managed key.',
            ]);
            expect(v.diagnostics[0].urn).to.equal(queue.urn);
        });

        it("is found by its known ARN, and through an alias, after apply", async () => {
            const hmac = res(KEY, "mac-key", { id: KEY_ID, arn: KEY_ARN, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" });
            const byArn = await judgeStack(awsEncryptionAtRestCmk, [hmac, res(SQS, "jobs", { kmsMasterKeyId: KEY_ARN })]);
            expect(byArn.messages).to.deep.equal([
                `jobs: kmsMasterKeyId is the KMS key mac-key, which is not a symmetric ENCRYPT_DECRYPT key ("HMAC_256 GENERATE_VERIFY_MAC"). Fix: set kmsMasterKeyId to a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT customer-managed key.`,
            ]);
            const alias = res(ALIAS, "mac-alias", { name: "alias/mac", targetKeyId: KEY_ID });
            const byAlias = await judgeStack(awsEncryptionAtRestCmk, [hmac, alias, res(SQS, "jobs", { kmsMasterKeyId: "alias/mac" })]);
            expect(byAlias.messages).to.have.length(1);
        });

        it("passes when symmetric, when still computed, or when the dependency is ambiguous", async () => {
            const cmk = res(KEY, "data-key", { description: "pipeline data" });
            expectClean(await judgeStack(awsEncryptionAtRestCmk, [cmk, res(SQS, "jobs", { kmsMasterKeyId: UNKNOWN }, { kmsMasterKeyId: [cmk.urn as string] })]));
            const computed = res(KEY, "later-key", { keySpec: UNKNOWN });
            expectClean(await judgeStack(awsEncryptionAtRestCmk, [computed, res(SQS, "jobs", { kmsMasterKeyId: UNKNOWN }, { kmsMasterKeyId: [computed.urn as string] })]));
            const rsa = res(KEY, "rsa", { keySpec: "RSA_2048" });
            const twoKeys = res("aws:ec2/launchTemplate:LaunchTemplate", "lt", { blockDeviceMappings: [{ ebs: { encrypted: "true", kmsKeyId: UNKNOWN } }, { ebs: { encrypted: "true", kmsKeyId: UNKNOWN } }] }, { blockDeviceMappings: [cmk.urn as string, rsa.urn as string] });
            expectClean(await judgeStack(awsEncryptionAtRestCmk, [cmk, rsa, twoKeys]));
        });
    });

    it("gives no verdict on computed values in preview", async () => {
        expectClean(await one(SQS, { kmsMasterKeyId: UNKNOWN }));
        expectClean(await one("aws:dynamodb/table:Table", { serverSideEncryption: UNKNOWN }));
        expectClean(await one("aws:dynamodb/table:Table", { serverSideEncryption: { enabled: UNKNOWN } }));
        expectClean(await one("aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: [UNKNOWN] }));
        expectClean(await one("aws:lambda/function:Function", { environment: UNKNOWN }));
        expectClean(await one("aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase", { knowledgeBaseConfiguration: { type: UNKNOWN } }));
    });

    it("reads secret-wrapped settings like plain ones and never shows a secret value", async () => {
        expectClean(await one(SQS, { kmsMasterKeyId: secretWire(KEY_ARN) }));
        const v = await one(SQS, { kmsMasterKeyId: secretWire("alias/aws/sqs") });
        expect(v.messages).to.deep.equal([`res: kmsMasterKeyId names an AWS managed key, not a customer-managed one ("<secret, redacted>"). ${KEY_FIX}`]);
    });

    it("honours resourceTypes: a type left out is not judged", async () => {
        const types = ENCRYPTION_TYPES.filter((t) => t !== SQS);
        expectClean(await one(SQS, {}, { resourceTypes: types }));
        expect((await one("aws:sns/topic:Topic", {}, { resourceTypes: types })).messages).to.have.length(1);
    });

    it("never throws on oddly typed or huge input", async () => {
        expect((await one(SQS, { kmsMasterKeyId: 42 })).messages).to.deep.equal([`res: kmsMasterKeyId is not a KMS key ID, ARN or alias (42). ${KEY_FIX}`]);
        const odd = [
            { kmsMasterKeyId: huge() },
            { kmsMasterKeyId: { nested: [1, 2] } },
        ];
        for (const props of odd) {
            const v = await one(SQS, props);
            for (const m of v.messages) expect(m).to.match(/^res: .* Fix: .+\.$/);
            expect(v.messages.join("").length).to.be.lessThan(1000);
        }
        for (const props of [{ serverSideEncryption: "yes" }, { serverSideEncryption: [[[]]] }, { serverSideEncryption: null }]) {
            const v = await one("aws:dynamodb/table:Table", props);
            for (const m of v.messages) expect(m).to.match(/^res: .* Fix: .+\.$/);
        }
        const many = await one("aws:ec2/launchTemplate:LaunchTemplate", { blockDeviceMappings: Array.from({ length: 50_000 }, () => ({ ebs: { encrypted: "true", kmsKeyId: KEY_ARN } })) });
        expectClean(many);
    });
});
