import { expect } from "chai";
import { parseDocument } from "../../../policies/core/iam/document";
import { actionLeastPrivilege, DEFAULT_ALLOWED_KMS_ACTIONS, kmsLeastPrivilege } from "../../../policies/core/iam/least-privilege";
import { documentProblems } from "../../../policies/core/iam/validity";
import { UNKNOWN } from "../../../policies/core/wire";

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
    let state = seed;
    return () => {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        return state / 2 ** 31;
    };
}

const ODD_VALUES: unknown[] = [null, 0, -1, 1e308, NaN, true, "", " ", "*", "kms:*", "kms:", ":", "arn:", "arn:aws:kms:::", "KMS:DECRYPT", UNKNOWN, "__proto__", "constructor", "x".repeat(3000), [], {}, [[]], [null], { AWS: 1 }, { Service: [{}] }, { StringEquals: 1 }, { StringEquals: { k: [{}] } }];

function oddValue(next: () => number, depth = 0): unknown {
    const pick = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
    if (depth < 3 && next() < 0.2) return [oddValue(next, depth + 1), oddValue(next, depth + 1)];
    return pick;
}

const FIELDS = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition", "Extra"];

describe("core/iam on hostile documents", () => {
    it("never throws on 1,000 randomly malformed documents, in any kind", () => {
        const next = random(20241124);
        for (let i = 0; i < 1000; i++) {
            const statements = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
                const s: Record<string, unknown> = { Effect: next() < 0.7 ? "Allow" : oddValue(next) };
                for (const field of FIELDS) if (next() < 0.5) s[field] = oddValue(next);
                return next() < 0.1 ? oddValue(next) : s;
            });
            const document = { Version: next() < 0.8 ? "2012-10-17" : oddValue(next), Statement: next() < 0.9 ? statements : oddValue(next) };
            const input = next() < 0.5 ? JSON.stringify(document) : document;
            const parsed = parseDocument(input);
            for (const kind of ["identity", "trust", "key"] as const) {
                for (const problem of documentProblems(parsed, kind)) {
                    expect(problem.problem, `document ${i}`).to.be.a("string").and.not.equal("");
                    expect(problem.fix, `document ${i}`).to.be.a("string").and.not.equal("");
                }
            }
            if (parsed.ok === true) {
                for (const s of parsed.statements) {
                    kmsLeastPrivilege(s, DEFAULT_ALLOWED_KMS_ACTIONS);
                    actionLeastPrivilege(s);
                }
            }
        }
    });

    it("does not let a document's keys reach object prototypes", () => {
        const parsed = parseDocument('{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"__proto__":{"polluted":"yes"}}}]}');
        expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
        expect(parsed.ok === true && parsed.statements[0].conditions).to.deep.equal([{ operator: "__proto__", key: "polluted", keyAsWritten: "polluted", values: ["yes"] }]);
    });
});
