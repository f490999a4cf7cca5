/** formatFinding (policies/core/message.ts): the one message form, and values shown compactly whatever they are. */
import { expect } from "chai";
import { formatFinding } from "../../policies/core/message";

const show = (value: unknown) => formatFinding("r", { code: "c", problem: "p", value, fix: "f" });

describe("core/message: formatFinding", () => {
    it("writes <resource>: <where>: <problem> (<value>). Fix: <fix>.", () => {
        expect(formatFinding("key", { code: "c", problem: "rotation is off", value: false, fix: "set enableKeyRotation: true" })).to.equal("key: rotation is off (false). Fix: set enableKeyRotation: true.");
        expect(formatFinding("role", { code: "c", problem: "bad", value: "*", fix: "name one", where: { path: "assumeRolePolicy", statement: "statement 2" } })).to.equal(
            'role: assumeRolePolicy statement 2: bad ("*"). Fix: name one.',
        );
        expect(formatFinding("r", { code: "c", problem: "p", value: 1, fix: "f", where: { statement: 'statement "A"' } })).to.equal('r: statement "A": p (1). Fix: f.');
    });

    it("drops a period the fix already ends with", () => {
        expect(formatFinding("r", { code: "c", problem: "p", value: 1, fix: "do it." })).to.equal("r: p (1). Fix: do it.");
    });

    it("shows absent as not set, strings quoted, objects as JSON", () => {
        expect([undefined, "x", null, 0, ["a"], { k: 1 }].map(show)).to.deep.equal([
            "r: p (not set). Fix: f.",
            'r: p ("x"). Fix: f.',
            "r: p (null). Fix: f.",
            "r: p (0). Fix: f.",
            'r: p (["a"]). Fix: f.',
            'r: p ({"k":1}). Fix: f.',
        ]);
    });

    it("never throws on what JSON cannot show: a cycle, a bigint, a function, a symbol", () => {
        const cycle: Record<string, unknown> = {};
        cycle.self = cycle;
        expect([cycle, 10n, () => 1, Symbol("s")].map(show)).to.deep.equal(["r: p ([object]). Fix: f.", "r: p (10). Fix: f.", "r: p ([function]). Fix: f.", "r: p ([symbol]). Fix: f."]);
    });

    it("truncates a long value to 160 characters, a 5 MB string included", () => {
        const message = show("x".repeat(5_000_000));
        expect(message).to.equal(`r: p ("${"x".repeat(158)}…). Fix: f.`);
        expect(show({ k: "y".repeat(1000) })).to.equal(`r: p ({"k":"${"y".repeat(153)}…). Fix: f.`);
    });
});
