import { expect } from "chai";
import { descriptionProblem } from "../../policies/core/kms";
import { kmsKeyDescription } from "../../policies/kms/kms-key-description";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const KEY = "aws:kms/key:Key";
const judgeKey = (props: Record<string, unknown>, type = KEY) => judge(kmsKeyDescription, type, props, {}, "aiPipelineKey");
const FIX = 'Fix: set description: "<what the key protects and who uses it>".';

describe("kms-key-description", () => {
    it("passes a description that says what the key protects (seed 000)", async () => {
        expectClean(await judgeKey({ description: "KMS key for AI pipeline" }));
        expectClean(await judgeKey({ description: "Encrypts training data" }, "aws:kms/replicaKey:ReplicaKey"));
    });

    it("flags a key without a description, at advisory level", async () => {
        const v = await judgeKey({ keyUsage: "ENCRYPT_DECRYPT" });
        expect(v.messages).to.deep.equal([`aiPipelineKey: key has no description (not set). ${FIX}`]);
        expect(v.diagnostics[0].level).to.equal("advisory");
    });

    it("flags a description shorter than 6 characters after trimming", async () => {
        expect((await judgeKey({ description: "ai" })).messages).to.deep.equal([`aiPipelineKey: description is shorter than 6 characters ("ai"). ${FIX}`]);
        expect((await judgeKey({ description: "   key     " })).messages).to.deep.equal([`aiPipelineKey: description is shorter than 6 characters ("   key     "). ${FIX}`]);
        expect((await judgeKey({ description: "" })).messages).to.deep.equal([`aiPipelineKey: description is shorter than 6 characters (""). ${FIX}`]);
    });

    it("flags placeholder descriptions, whatever their case and spacing", async () => {
        for (const description of ["Test Key", "  changeme ", "My  KMS key.", "Encryption key", "placeholder"]) {
            expect((await judgeKey({ description })).messages).to.deep.equal([`aiPipelineKey: description is a placeholder (${JSON.stringify(description)}). ${FIX}`]);
        }
    });

    it("flags a description over AWS's 8192-character limit", async () => {
        const v = await judgeKey({ description: huge() });
        expect(v.messages).to.deep.equal([`aiPipelineKey: description is longer than AWS's 8192-character limit ("${"x".repeat(158)}…). ${FIX}`]);
        expectClean(await judgeKey({ description: "y".repeat(8192) }));
    });

    it("stays quiet about an unknown description in preview", async () => {
        expectClean(await judgeKey({ description: UNKNOWN }));
    });

    it("reads a secret-wrapped description like a plain one", async () => {
        expect((await judgeKey({ description: secretWire("todo") })).messages).to.deep.equal([`aiPipelineKey: description is shorter than 6 characters ("todo"). ${FIX}`]);
    });

    it("never throws on oddly typed input", async () => {
        expect((await judgeKey({ description: 42 })).messages).to.deep.equal([`aiPipelineKey: description is not text (42). ${FIX}`]);
        expect((await judgeKey({ description: { text: { deeper: ["a key"] } } })).messages).to.deep.equal([`aiPipelineKey: description is not text ({"text":{"deeper":["a key"]}}). ${FIX}`]);
        expect((await judgeKey({ description: null })).messages).to.deep.equal([`aiPipelineKey: key has no description (not set). ${FIX}`]);
    });

    describe("core: descriptionProblem", () => {
        it("keeps real descriptions that merely contain a placeholder word", () => {
            expect(descriptionProblem("Test data encryption for the ranking model")).to.equal(undefined);
            expect(descriptionProblem("key for the feature store")).to.equal(undefined);
        });
    });
});
