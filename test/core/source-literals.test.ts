import { expect } from "chai";
import { literalsOf, locate, secretLiteralsInSource } from "../../policies/core/source-literals";

const FILES = [
    { path: "index.ts", text: 'import * as pulumi from "@pulumi/pulumi";\n\nconst db = pulumi.secret(\'{"password": "very-secr3t-p@ssw0rd"}\');\nconst token = "tok_live_1234567890";\n' },
    { path: "config/app.json", text: '{\n  "apiKey": "sk-json-literal-0001"\n}\n' },
];

describe("core: secrets written in the program's source", () => {
    it("finds a secret verbatim, with file and line, and never shows the value", () => {
        const findings = secretLiteralsInSource([{ subject: "db", property: "dataJson", value: '{"password": "very-secr3t-p@ssw0rd"}' }], FILES);
        expect(findings).to.deep.equal([
            {
                subject: "db",
                code: "secret-in-source",
                problem: "reaches the engine as a secret, but its value is written in the program's source",
                value: "index.ts:3",
                fix: "remove it from the source and its git history (rotate it), then set it with `pulumi config set --secret <key>` and read it with config.requireSecret, or keep it in Pulumi ESC",
                where: { path: "dataJson" },
            },
        ]);
        expect(JSON.stringify(findings)).to.not.contain("very-secr3t");
    });

    it("finds a string inside a JSON secret, written as a literal elsewhere (a data file too)", () => {
        const built = JSON.stringify({ user: "svc", apiKey: "sk-json-literal-0001" });
        expect(secretLiteralsInSource([{ subject: "s", property: "secretString", value: built }], FILES).map((f) => f.value)).to.deep.equal(["config/app.json:2"]);
        expect(secretLiteralsInSource([{ subject: "s", property: "env.TOKEN", value: { nested: ["tok_live_1234567890"] } }], FILES).map((f) => f.value)).to.deep.equal(["index.ts:4"]);
    });

    it("passes a secret that comes from config (not in any file), and short values that would match anywhere", () => {
        expect(secretLiteralsInSource([{ subject: "s", property: "secretString", value: "from-config-only-9f8e7d" }], FILES)).to.deep.equal([]);
        expect(secretLiteralsInSource([{ subject: "s", property: "flag", value: "pulumi" }], FILES)).to.deep.equal([]);
        expect(secretLiteralsInSource([{ subject: "s", property: "n", value: 12345678 }], FILES)).to.deep.equal([]);
    });

    it("looks for the value and the strings inside its JSON, bounded, and never parses JSON twice deep", () => {
        expect(literalsOf('{"a": "alpha-value", "b": ["bravo-value", 1], "c": "x"}')).to.deep.equal(['{"a": "alpha-value", "b": ["bravo-value", 1], "c": "x"}', "alpha-value", "bravo-value"]);
        expect(literalsOf('{"inner": "{\\"deep\\": \\"not-parsed-again\\"}"}')).to.deep.equal(['{"inner": "{\\"deep\\": \\"not-parsed-again\\"}"}', '{"deep": "not-parsed-again"}']);
        expect(literalsOf("{broken json but long")).to.deep.equal(["{broken json but long"]);
    });

    it("reports the first place in file order, at the right line and column", () => {
        expect(locate(["tok_live_1234567890"], FILES)).to.deep.equal({ file: "index.ts", line: 4, column: 16 });
        expect(locate(["nowhere-at-all"], FILES)).to.equal(undefined);
    });
});
