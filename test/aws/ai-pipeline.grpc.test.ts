/**
 * The three AI pipeline policies end to end over the engine's wire protocol, against the pack
 * process started as `pulumi preview --policy-pack` starts it: exact messages, levels and (for the
 * stack policy) the offending resource's URN; the same verdicts as the in-process harness.
 */
import { expect } from "chai";
import { analyze, analyzeStack, urnOf, WireResource } from "../../harness/grpc";
import { analyzeResource as analyzeInProcess, analyzeStack as analyzeStackInProcess } from "../../harness/in-process";
import { policies } from "../../policies";
import { secretWire, UNKNOWN } from "../helpers";
import { usePack } from "../protocol/pack";

const OURS = ["aws-encryption-at-rest-cmk", "aws-no-plaintext-credentials", "ssm-parameter-secure"];
const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function res(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies };
}
const ours = (o: { diagnostics: { policy: string; message: string; level: string; urn?: string }[] }) =>
    o.diagnostics.filter((d) => OURS.includes(d.policy)).map((d) => ({ policy: d.policy, level: d.level, message: d.message.split("\n").slice(1).join("\n"), urn: d.urn || undefined }));

describe("AI pipeline policies over gRPC", function () {
    this.timeout(90_000);
    const pack = usePack();

    const lambda = res("aws:lambda/function:Function", "invoker", { runtime: "nodejs20.x", kmsKeyArn: KEY_ARN, environment: { variables: { MODEL_ID: "gpt-4o", OPENAI_API_KEY: secretWire("sk-test-value") } } });
    const parameter = res("aws:ssm/parameter:Parameter", "openai-key", { name: "/ai/openai-api-key", type: "String", value: secretWire("sk-test-value") });

    it("aws-no-plaintext-credentials: loads its patterns on the first call and flags a secret-wrapped key in a Lambda environment", async () => {
        const v = ours(await analyze(pack(), lambda));
        expect(v).to.deep.equal([
            {
                policy: "aws-no-plaintext-credentials",
                level: "mandatory",
                message:
                    "invoker: environment.variables.OPENAI_API_KEY: a credential by its name, in plaintext in the Lambda function's settings: a Pulumi secret only encrypts the state, and anyone who can read the Lambda function sees it (\"<13 characters, redacted>\"). Fix: keep it in AWS Secrets Manager or an SSM Parameter Store SecureString, pass its name or ARN instead, and read it at run time (the AWS Parameters and Secrets Lambda extension caches it).",
                urn: undefined,
            },
        ]);
        expect(v).to.deep.equal(ours(await analyzeInProcess(policies, lambda)));
    });

    it("ssm-parameter-secure: flags a credential stored as String", async () => {
        const v = ours(await analyze(pack(), parameter));
        expect(v.map((d) => d.message)).to.deep.equal([
            'openai-key: the parameter\'s name says it holds a credential, but its type is not SecureString, so SSM stores it unencrypted ("String"). Fix: set type: "SecureString" and keyId to a customer-managed KMS key.',
        ]);
        expect(v).to.deep.equal(ours(await analyzeInProcess(policies, parameter)));
    });

    it("aws-encryption-at-rest-cmk: attributes each finding to the data store's URN, follows an in-stack key by dependency in preview", async () => {
        const signing = res("aws:kms/key:Key", "signing-key", { description: "signs model manifests", keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
        const queue = res("aws:sqs/queue:Queue", "jobs", { kmsMasterKeyId: UNKNOWN }, { kmsMasterKeyId: [signing.urn as string] });
        const table = res("aws:dynamodb/table:Table", "features", { hashKey: "id" });
        const stack = [signing, queue, table, lambda];
        const v = ours(await analyzeStack(pack(), stack));
        expect(v).to.deep.equal([
            {
                policy: "aws-encryption-at-rest-cmk",
                level: "mandatory",
                message: 'jobs: kmsMasterKeyId is the KMS key signing-key, which is not a symmetric ENCRYPT_DECRYPT key ("RSA_2048 SIGN_VERIFY"). Fix: set kmsMasterKeyId to a SYMMETRIC_DEFAULT ENCRYPT_DECRYPT customer-managed key.',
                urn: queue.urn,
            },
            {
                policy: "aws-encryption-at-rest-cmk",
                level: "mandatory",
                message: "features: serverSideEncryption.enabled does not turn on KMS encryption for this DynamoDB table, so it is encrypted with an AWS-owned key (not set). Fix: set serverSideEncryption.enabled: true and serverSideEncryption.kmsKeyArn to a customer-managed KMS key (its ARN).",
                urn: table.urn,
            },
        ]);
        expect(v).to.deep.equal(ours(await analyzeStackInProcess(policies, stack)));
    });
});
