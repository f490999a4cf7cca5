/**
 * Trust and key policies: the cost of judging a 100-statement document (warm medians), and of the
 * "did you mean" search for invented service principals, which scans the principal catalog.
 * Runs on its own (`node dist/bench/trust-key-policies.js`) or as a section of `npm run bench`.
 */
import { parseDocument } from "../policies/core/iam/document";
import { keyPolicyFindings } from "../policies/core/iam/key-policy";
import { trustPolicyFindings } from "../policies/core/iam/trust-policy";
import { BenchSection, heading, median, row, timeRuns } from "./lib";

const BUDGET_MS = 5;
const ACCOUNT = "111122223333";

function document(statement: (i: number) => object): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 100 }, (_, i) => statement(i)) });
}

const SERVICES = ["sagemaker.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "states.us-east-1.amazonaws.com", "ec2.amazonaws.com.cn"];
const trust = document((i) =>
    i % 2
        ? { Effect: "Allow", Principal: { Service: SERVICES[i % SERVICES.length] }, Action: "sts:AssumeRole" }
        : {
              Effect: "Allow",
              Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
              Action: "sts:AssumeRoleWithWebIdentity",
              Condition: { StringLike: { "token.actions.githubusercontent.com:sub": `repo:acme/model-${i}:*` } },
          },
);
const key = document((i) => ({
    Effect: "Allow",
    Principal: i % 3 ? { AWS: `arn:aws:iam::${ACCOUNT}:role/r${i}` } : "*",
    Action: i % 2 ? "kms:*" : ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } },
}));
const invented = document((i) => ({ Effect: "Allow", Principal: { Service: `madeup${i}.amazonaws.com` }, Action: "sts:AssumeRole" }));

function statements(text: string) {
    const parsed = parseDocument(text);
    if (parsed.ok !== true) throw new Error("the bench document must parse");
    return parsed.statements;
}

export const trustKeyPoliciesBench: BenchSection = {
    name: "trust-key-policies",
    async run() {
        heading("Trust and key policies (core/iam/trust-policy, key-policy): warm medians, parse included");
        const trustMs = median(await timeRuns(() => trustPolicyFindings(statements(trust)), 200, 10));
        row("trust policy, 100 statements (services, GitHub OIDC)", trustMs, "ms", { label: "of budget", value: BUDGET_MS });
        const keyMs = median(await timeRuns(() => keyPolicyFindings(statements(key)), 200, 10));
        row("key policy, 100 statements (kms:* checks, 50 findings)", keyMs, "ms", { label: "of budget", value: BUDGET_MS });
        const inventedMs = median(await timeRuns(() => trustPolicyFindings(statements(invented)), 50, 3));
        row("trust policy, 100 invented principals (10 suggestions)", inventedMs, "ms");
    },
};

if (require.main === module) {
    trustKeyPoliciesBench.run().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
