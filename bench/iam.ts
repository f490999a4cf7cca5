/**
 * The IAM engine's costs: expanding `kms:*` and judging a 100-statement identity policy, warm
 * (each must stay under 5 ms), and the one-off cost of the first iam-data load, measured in a
 * fresh process because the catalog caches what it reads.
 */
import { execFileSync } from "child_process";
import { join } from "path";
import { clearExpansionCache, expandAction } from "../policies/core/iam/actions";
import { parseDocument } from "../policies/core/iam/document";
import { actionLeastPrivilege, DEFAULT_ALLOWED_KMS_ACTIONS, kmsLeastPrivilege } from "../policies/core/iam/least-privilege";
import { documentProblems } from "../policies/core/iam/validity";
import { iamKmsLeastPrivilege } from "../policies/iam/iam-kms-least-privilege";
import { iamLeastPrivilegeActions } from "../policies/iam/iam-least-privilege-actions";
import { iamPolicyDocumentValid } from "../policies/iam/iam-policy-document-valid";
import { analyzeResource } from "../harness/in-process";
import { BenchSection, heading, median, row, timeRuns } from "./lib";

const BUDGET_MS = 5;

/** A 100-statement policy of the kind an AI pipeline's role carries: KMS, S3, SageMaker, DynamoDB, some wildcards. */
export function hundredStatementPolicy(): string {
    const key = (i: number) => `arn:aws:kms:us-east-1:111122223333:key/${String(i).padStart(8, "0")}-12ab-34cd-56ef-1234567890ab`;
    const shapes = [
        (i: number) => ({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"], Resource: key(i) }),
        (i: number) => ({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:Get*"], Resource: [`arn:aws:s3:::data-${i}/*`] }),
        (i: number) => ({ Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::data-${i}`, Condition: { StringLike: { "s3:prefix": ["models/*"] } } }),
        (i: number) => ({ Sid: `Train${i}`, Effect: "Allow", Action: ["sagemaker:CreateTrainingJob", "sagemaker:Describe*"], Resource: `arn:aws:sagemaker:us-east-1:111122223333:training-job/job-${i}` }),
        (i: number) => ({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:Query"], Resource: `arn:aws:dynamodb:us-east-1:111122223333:table/runs-${i}` }),
    ];
    return JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 100 }, (_, i) => shapes[i % shapes.length](i)) });
}

function judgeCore(text: string): number {
    const parsed = parseDocument(text);
    if (parsed.ok !== true) throw new Error("the bench document must parse");
    let findings = documentProblems(parsed, "identity").length;
    for (const s of parsed.statements) findings += kmsLeastPrivilege(s, DEFAULT_ALLOWED_KMS_ACTIONS).length + actionLeastPrivilege(s).length;
    return findings;
}

/** First load in a fresh process: import the catalog (must read no iam-data), then the first kms:* expansion and the first judgement. */
function coldFigures(): { catalogFiles: number; firstExpandMs: number; firstJudgeMs: number } {
    const dist = join(__dirname, "..");
    const script = `
        require(${JSON.stringify(join(dist, "policies/index.js"))});
        const actions = require(${JSON.stringify(join(dist, "policies/core/iam/actions.js"))});
        const bench = require(${JSON.stringify(join(dist, "bench/iam.js"))});
        const catalogFiles = actions.iamDataFilesRead();
        let t = process.hrtime.bigint();
        actions.expandAction("kms:*");
        const firstExpandMs = Number(process.hrtime.bigint() - t) / 1e6;
        const doc = bench.hundredStatementPolicy();
        t = process.hrtime.bigint();
        bench.judgeCoreForBench(doc);
        const firstJudgeMs = Number(process.hrtime.bigint() - t) / 1e6;
        console.log(JSON.stringify({ catalogFiles, firstExpandMs, firstJudgeMs }));
    `;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim().split("\n").pop()!);
}

export const judgeCoreForBench = judgeCore;

export const iamBench: BenchSection = {
    name: "iam",
    async run() {
        heading("IAM engine (policies/core/iam): warm figures are medians; budget 5 ms each");
        const cold = coldFigures();
        row("iam-data files read by importing the catalog", cold.catalogFiles, "files");
        row("cold: first kms:* expansion (reads kms data)", cold.firstExpandMs, "ms");
        row("cold: first judgement of 100 statements", cold.firstJudgeMs, "ms");

        const expandMs = median(
            await timeRuns(
                () => {
                    clearExpansionCache();
                    return expandAction("kms:*");
                },
                500,
                5,
            ),
        );
        row("warm: expand kms:* (result not cached)", expandMs, "ms", { label: "of budget", value: BUDGET_MS });
        row("warm: expand kms:* again (cached)", median(await timeRuns(() => expandAction("kms:*"), 500, 5)), "ms");
        const text = hundredStatementPolicy();
        const coreMs = median(await timeRuns(() => judgeCore(text), 200, 5));
        row("warm: parse + 3 IAM checks, 100 statements (core)", coreMs, "ms", { label: "of budget", value: BUDGET_MS });
        const policies = [iamKmsLeastPrivilege, iamLeastPrivilegeActions, iamPolicyDocumentValid];
        const resource = { type: "aws:iam/policy:Policy", name: "bench", props: { policy: text } };
        const adapterMs = median(await timeRuns(() => analyzeResource(policies, resource), 100, 5));
        row("warm: same through the 3 policies (in-process SDK)", adapterMs, "ms", { label: "of budget", value: BUDGET_MS });
        const over = [expandMs, coreMs, adapterMs].filter((ms) => ms >= BUDGET_MS).length;
        console.log(`  ${over === 0 ? "all within" : `${over} over`} the ${BUDGET_MS} ms budget`);
    },
};
