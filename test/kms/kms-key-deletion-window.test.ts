import { expect } from "chai";
import { kmsKeyDeletionWindow } from "../../policies/kms/kms-key-deletion-window";
import { expectClean, huge, judge, remediate, secretWire, UNKNOWN } from "../helpers";

const KEY = "aws:kms/key:Key";
const judgeKey = (props: Record<string, unknown>, config = {}, type = KEY) => judge(kmsKeyDeletionWindow, type, props, config, "aiPipelineKey");
const outOfRange = (value: string) => `aiPipelineKey: deletionWindowInDays is not a whole number of days from 7 to 30 (${value}). Fix: set deletionWindowInDays: 30.`;

describe("kms-key-deletion-window", () => {
    it("passes a key with AWS's default window or a 30-day window", async () => {
        expectClean(await judgeKey({}));
        expectClean(await judgeKey({ deletionWindowInDays: 30 }));
    });

    it("flags a window shorter than minDays, at advisory level", async () => {
        const v = await judgeKey({ deletionWindowInDays: 7 });
        expect(v.messages).to.deep.equal(["aiPipelineKey: deletionWindowInDays is shorter than the required 30 days (7). Fix: set deletionWindowInDays: 30."]);
        expect(v.diagnostics[0].level).to.equal("advisory");
    });

    it("honours minDays config", async () => {
        expectClean(await judgeKey({ deletionWindowInDays: 14 }, { minDays: 14 }));
        expect((await judgeKey({ deletionWindowInDays: 10 }, { minDays: 14 })).messages).to.deep.equal(["aiPipelineKey: deletionWindowInDays is shorter than the required 14 days (10). Fix: set deletionWindowInDays: 14."]);
    });

    it("flags a window AWS would reject", async () => {
        expect((await judgeKey({ deletionWindowInDays: 3 })).messages).to.deep.equal([outOfRange("3")]);
        expect((await judgeKey({ deletionWindowInDays: 45 })).messages).to.deep.equal([outOfRange("45")]);
        expect((await judgeKey({ deletionWindowInDays: 7.5 })).messages).to.deep.equal([outOfRange("7.5")]);
    });

    it("rejects minDays outside AWS's 7..30 and uses the default", async () => {
        const v = await judgeKey({ deletionWindowInDays: 20 }, { minDays: 5 });
        expect(v.messages).to.deep.equal([
            "kms-key-deletion-window: config minDays must be ≥ 7 (got 5); using the default 30. Fix: correct it in the policy pack config.",
            "aiPipelineKey: deletionWindowInDays is shorter than the required 30 days (20). Fix: set deletionWindowInDays: 30.",
        ]);
    });

    it("judges external and replica keys too, and nothing else", async () => {
        for (const type of ["aws:kms/externalKey:ExternalKey", "aws:kms/replicaKey:ReplicaKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"]) {
            expect((await judgeKey({ deletionWindowInDays: 7 }, {}, type)).messages).to.have.length(1);
        }
        expectClean(await judgeKey({ deletionWindowInDays: 7 }, {}, "aws:kms/alias:Alias"));
    });

    it("stays quiet about an unknown window in preview", async () => {
        expectClean(await judgeKey({ deletionWindowInDays: UNKNOWN }));
    });

    it("reads a secret-wrapped window like a plain one", async () => {
        expect((await judgeKey({ deletionWindowInDays: secretWire(7) })).messages).to.deep.equal(["aiPipelineKey: deletionWindowInDays is shorter than the required 30 days (7). Fix: set deletionWindowInDays: 30."]);
    });

    it("never throws on oddly typed input, and keeps messages short", async () => {
        expect((await judgeKey({ deletionWindowInDays: "thirty" })).messages).to.deep.equal([outOfRange('"thirty"')]);
        expect((await judgeKey({ deletionWindowInDays: { days: { n: 30 } } })).messages).to.deep.equal([outOfRange('{"days":{"n":30}}')]);
        expectClean(await judgeKey({ deletionWindowInDays: null }));
        const big = await judgeKey({ deletionWindowInDays: huge() });
        expect(big.messages).to.have.length(1);
        expect(big.messages[0].length).to.be.lessThan(400);
    });

    it("remediates by raising the window to minDays, keeping secrets secret", async () => {
        const [fix] = await remediate(kmsKeyDeletionWindow, KEY, { description: secretWire("d"), deletionWindowInDays: 7 });
        expect(fix.policy).to.equal("kms-key-deletion-window");
        expect(fix.props.deletionWindowInDays).to.equal(30);
        expect(fix.props.description).to.have.property("value", "d");
        const [custom] = await remediate(kmsKeyDeletionWindow, KEY, { deletionWindowInDays: 7 }, { minDays: 14 });
        expect(custom.props.deletionWindowInDays).to.equal(14);
        expect(await remediate(kmsKeyDeletionWindow, KEY, { deletionWindowInDays: 30 })).to.deep.equal([]);
        expect(await remediate(kmsKeyDeletionWindow, KEY, {})).to.deep.equal([]);
        expect(await remediate(kmsKeyDeletionWindow, KEY, { deletionWindowInDays: UNKNOWN })).to.deep.equal([]);
    });

    it("gives external and replica keys the same exact message", async () => {
        for (const type of ["aws:kms/externalKey:ExternalKey", "aws:kms/replicaKey:ReplicaKey", "aws:kms/replicaExternalKey:ReplicaExternalKey"]) {
            expect((await judgeKey({ deletionWindowInDays: 7 }, {}, type)).messages, type).to.deep.equal(["aiPipelineKey: deletionWindowInDays is shorter than the required 30 days (7). Fix: set deletionWindowInDays: 30."]);
        }
    });
    it("sees through a secret wrapped in a secret, in both validation and remediation (fuzz: remediation overwrote an unknown)", async () => {
        const doubly = { deletionWindowInDays: secretWire(secretWire(UNKNOWN)) };
        expectClean(await judgeKey(doubly));
        expect(await remediate(kmsKeyDeletionWindow, KEY, doubly)).to.deep.equal([]);
        expect((await judgeKey({ deletionWindowInDays: secretWire(secretWire(7)) })).messages).to.deep.equal(["aiPipelineKey: deletionWindowInDays is shorter than the required 30 days (7). Fix: set deletionWindowInDays: 30."]);
        const [fix] = await remediate(kmsKeyDeletionWindow, KEY, { deletionWindowInDays: secretWire(secretWire(7)) });
        expect(fix.props.deletionWindowInDays).to.equal(30);
    });
});
