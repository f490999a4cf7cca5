import { expect } from "chai";
import { awsNoPlaintextCredentials } from "../../policies/aws/aws-no-plaintext-credentials";
import { COMPUTE_CREDENTIALS } from "../../policies/core/compute-credentials";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";
import { testPolicy } from "../lib/policy-tester";
import { CREDENTIAL_CASES, FIXES, GITHUB_TOKEN, HF_TOKEN, OPENAI_KEY } from "./credential-cases";

const LAMBDA = "aws:lambda/function:Function";
const ECS = "aws:ecs/taskDefinition:TaskDefinition";
const lambda = (variables: unknown) => judge(awsNoPlaintextCredentials, LAMBDA, { runtime: "python3.12", environment: { variables } });
const lambdaMessage = (name: string, what: string, size: number) =>
    `res: environment.variables.${name}: ${what}, in plaintext in the Lambda function's settings ("<${size} characters, redacted>"). Fix: ${FIXES.lambda}.`;

// Every row of the compute table: compliant settings pass, a leak gets its exact message.
testPolicy(awsNoPlaintextCredentials, {
    type: LAMBDA,
    valid: CREDENTIAL_CASES.map((c) => ({ title: `${c.type} ${c.covers}: no credential`, type: c.type, props: c.valid })),
    invalid: CREDENTIAL_CASES.map((c) => ({ title: `${c.type} ${c.covers}: a credential`, type: c.type, props: c.invalid, messages: c.messages })),
    preview: [
        { title: "computed variables", props: { environment: { variables: UNKNOWN } } },
        { title: "a computed value", props: { environment: { variables: { OPENAI_API_KEY: UNKNOWN } } } },
        { title: "computed container definitions", type: ECS, props: { containerDefinitions: UNKNOWN } },
        { title: "computed user data", type: "aws:ec2/instance:Instance", props: { userData: UNKNOWN } },
    ],
});

describe("aws-no-plaintext-credentials", () => {
    it("has a case for every place of every row of the compute table", () => {
        for (const row of COMPUTE_CREDENTIALS) {
            const places = [...(row.env ?? []).map((e) => e.path[0]), ...(row.documents ?? []), ...(row.text ?? []).map((t) => t.property)];
            for (const place of places) {
                const covered = CREDENTIAL_CASES.some((c) => c.type === row.type && Object.keys(c.invalid).includes(place));
                expect(covered, `${row.type} ${place}`).to.equal(true);
            }
        }
    });

    describe("by name", () => {
        it("flags the credential words of environment variables, with the Vault policy's tail rule", async () => {
            const names = ["OPENAI_API_KEY", "ANTHROPIC_APIKEY", "HF_TOKEN", "DB_PASSWORD", "JWT_SECRET", "STRIPE_SECRET_KEY", "BASIC_AUTH", "PROXY_AUTHORIZATION", "aws_secret_access_key", "clientSecret", "VAULT_SECRET_ID"];
            for (const name of names) {
                const value = name === "VAULT_SECRET_ID" ? "3c5a5a02-94c4-4c1d-9bc6-9f5c0e6e1a11" : "s3cr3t-value";
                expect((await lambda({ [name]: value })).messages, name).to.deep.equal([lambdaMessage(name, "a credential by its name", value.length)]);
            }
        });

        it("leaves settings about credentials alone, and references to a secret store", async () => {
            expectClean(
                await lambda({
                    TOKEN_TTL: "3600",
                    PASSWORD_POLICY: "strong",
                    API_KEY_HEADER: "x-api-key",
                    OPENAI_API_KEY_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:111122223333:secret:openai",
                    OPENAI_SECRET_ID: "prod/openai",
                    HF_TOKEN: "/prod/huggingface/token",
                    GITHUB_TOKEN: "{{resolve:secretsmanager:github:SecretString:token}}",
                    DB_PASSWORD: "${DB_PASSWORD}",
                    SLACK_TOKEN: "",
                    USE_TOKEN: "true",
                    MAX_TOKENS: "4096",
                }),
            );
        });
    });

    describe("by value", () => {
        const formats: [string, string, string][] = [
            ["OpenAI", OPENAI_KEY, "an OpenAI credential"],
            ["Anthropic", `sk-ant-api03-${"x".repeat(93)}AA`, "an Anthropic credential"],
            ["Hugging Face", HF_TOKEN, "a Hugging Face credential"],
            ["Groq", `gsk_${"a".repeat(52)}`, "a Groq credential"],
            ["GitHub", GITHUB_TOKEN, "a GitHub credential"],
            ["GitHub fine-grained", `github_pat_${"a".repeat(82)}`, "a GitHub credential"],
            ["GitLab", `glpat-${"a".repeat(20)}`, "a GitLab credential"],
            ["Slack", "xoxb-1234-5678-abcdef", "a Slack credential"],
            ["Google API key", `AIza${"B".repeat(35)}`, "a Google credential"],
            ["AWS access key id", "AKIAIOSFODNN7EXAMPL3", "an AWS access key id"],
            ["private key", `-----BEGIN PRIVATE KEY-----\n${"MIIEvQIBADANBgkq".repeat(8)}\n-----END PRIVATE KEY-----`, "a private key (PEM block)"],
            ["database URL with a password", "postgres://admin:hunter2secret@db.example.com:5432/app", "a database connection string credential"],
        ];
        for (const [format, value, label] of formats) {
            it(`recognizes ${format} by its format, under any name, never showing it`, async () => {
                const v = await lambda({ SETTINGS: value });
                expect(v.messages).to.deep.equal([lambdaMessage("SETTINGS", `${label} by its format`, value.length)]);
                expect(v.messages[0]).to.not.contain(value.slice(0, 12));
            });
        }

        it("passes ordinary values", async () => {
            expectClean(await lambda({ MODEL_ID: "anthropic.claude-3-haiku-20240307-v1:0", BUCKET: "models-1a2b", REGION: "us-east-1", ENDPOINT: "https://api.openai.com/v1", KMS_KEY_ARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }));
        });
    });

    it("says a Pulumi secret is still plaintext in the service's settings", async () => {
        const v = await lambda({ OPENAI_API_KEY: secretWire("abc123") });
        expect(v.messages).to.deep.equal([
            `res: environment.variables.OPENAI_API_KEY: a credential by its name, in plaintext in the Lambda function's settings: a Pulumi secret only encrypts the state, and anyone who can read the Lambda function sees it ("<6 characters, redacted>"). Fix: ${FIXES.lambda}.`,
        ]);
        const whole = await judge(awsNoPlaintextCredentials, ECS, { containerDefinitions: secretWire(JSON.stringify([{ environment: [{ name: "HF_TOKEN", value: HF_TOKEN }] }])) });
        expect(whole.messages[0]).to.contain("containerDefinitions[0].environment.HF_TOKEN: a credential by its name, in plaintext in the ECS task definition's settings: a Pulumi secret only encrypts the state");
    });

    it("reads container definitions with bounded care: broken, huge or deeply nested JSON is skipped, never thrown", async () => {
        const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
        const wide = JSON.stringify([{ environment: Array.from({ length: 60_000 }, (_, i) => ({ name: `V${i}`, value: "x" })) }]);
        for (const containerDefinitions of ["{not json", deep, wide, huge(2 * 1024 * 1024), JSON.stringify({ environment: "x" }), JSON.stringify([null, 1, "a", { environment: [null, { name: 1, value: {} }] }])]) {
            expectClean(await judge(awsNoPlaintextCredentials, ECS, { containerDefinitions }));
        }
    });

    it("never throws on oddly typed or huge input, and stays in the house form", async () => {
        const odd: Record<string, unknown>[] = [
            { environment: "x" },
            { environment: { variables: [1, 2] } },
            { environment: { variables: { A: 1, B: null, C: { nested: true } } } },
            { environment: { variables: { OPENAI_API_KEY: huge() } } },
            { environment: { variables: { [huge(10_000)]: "v" } } },
        ];
        for (const props of odd) {
            const v = await judge(awsNoPlaintextCredentials, LAMBDA, props);
            for (const m of v.messages) expect(m).to.match(/^res: .* Fix: .+\.$/);
            expect(v.messages.join("").length).to.be.lessThan(2000);
        }
        expect((await judge(awsNoPlaintextCredentials, LAMBDA, odd[3])).messages).to.deep.equal([lambdaMessage("OPENAI_API_KEY", "a credential by its name", 5 * 1024 * 1024)]);
        expectClean(await judge(awsNoPlaintextCredentials, "aws:ec2/instance:Instance", { userData: huge() }));
        expectClean(await judge(awsNoPlaintextCredentials, "aws:sfn/stateMachine:StateMachine", { definition: huge() }));
    });
});
