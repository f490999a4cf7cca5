import { expect } from "chai";
import * as path from "path";
import { CheckError, loadProject } from "../../check/project";
import { makeProgram, removePrograms } from "./programs";

const PROJECT = "name: shop\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nconfig:\n  replicas: 2\n  tier:\n    type: string\n    default: standard\n";

describe("keyguard check: reading the project and its stack config", () => {
    after(removePrograms);

    it("reads name, runtime in either form, main, and the only stack file's config as the CLI passes it", () => {
        const dir = makeProgram(
            {
                "Pulumi.yaml": PROJECT,
                "index.ts": "",
                "Pulumi.prod.yaml": [
                    "config:",
                    "  aws:region: eu-west-1",
                    "  shop:dbPassword:",
                    "    secure: AAABAOpaqueCiphertext",
                    "  shop:limits:",
                    "    cpu: 2",
                    "    token:",
                    "      secure: AAABAOther",
                    "  shop:debug: true",
                    "",
                ].join("\n"),
            },
            { linkModules: false },
        );
        const p = loadProject(dir, { env: {} });
        expect(p).to.deep.include({ name: "shop", stack: "prod", main: path.join(dir, "index.ts"), moduleKind: "commonjs", typescript: true, region: "eu-west-1", stackFile: path.join(dir, "Pulumi.prod.yaml") });
        expect(p.config).to.deep.equal({
            "shop:replicas": "2",
            "shop:tier": "standard",
            "aws:region": "eu-west-1",
            "shop:dbPassword": "[secret]",
            "shop:limits": '{"cpu":2,"token":"[secret]"}',
            "shop:debug": "true",
        });
        expect(p.secretKeys).to.deep.equal(["shop:dbPassword", "shop:limits"]);
    });

    it("PULUMI_CONFIG (and its secret keys) adds to and overrides the stack file, as the runtime reads it", () => {
        const dir = makeProgram({ "index.js": "", "Pulumi.dev.yaml": "config:\n  check-test:a: from-file\n" }, { linkModules: false });
        const p = loadProject(dir, { env: { PULUMI_CONFIG: '{"check-test:a":"from-env","check-test:b":"two"}', PULUMI_CONFIG_SECRET_KEYS: '["check-test:b"]' } });
        expect(p.config).to.deep.equal({ "check-test:a": "from-env", "check-test:b": "two" });
        expect(p.secretKeys).to.deep.equal(["check-test:b"]);
        expect(() => loadProject(dir, { env: { PULUMI_CONFIG: "{nope" } })).to.throw(CheckError, "PULUMI_CONFIG is not JSON");
    });

    it("--stack picks a stack file; a stack without one runs with no config", () => {
        const dir = makeProgram({ "index.js": "", "Pulumi.a.yaml": "config:\n  x:y: a\n", "Pulumi.b.yaml": "config:\n  x:y: b\n" }, { linkModules: false });
        expect(loadProject(dir, { stack: "b", env: {} }).config).to.deep.equal({ "x:y": "b" });
        expect(loadProject(dir, { stack: "c", env: {} })).to.deep.include({ stack: "c", config: {} });
    });

    it("finds the entry: main as a directory, package.json main, ES modules by extension or package type", () => {
        const fromDir = makeProgram({ "Pulumi.yaml": "name: a\nruntime: nodejs\nmain: infra/\n", "infra/index.ts": "" }, { linkModules: false });
        expect(loadProject(fromDir, { env: {} }).main).to.equal(path.join(fromDir, "infra", "index.ts"));
        const fromPkg = makeProgram({ "package.json": '{"main": "bin/app.js", "type": "module"}', "bin/app.js": "" }, { linkModules: false });
        expect(loadProject(fromPkg, { env: {} })).to.deep.include({ main: path.join(fromPkg, "bin", "app.js"), moduleKind: "esm", typescript: false });
        const mjs = makeProgram({ "Pulumi.yaml": "name: a\nruntime: nodejs\nmain: main.mjs\n", "main.mjs": "" }, { linkModules: false });
        expect(loadProject(mjs, { env: {} }).moduleKind).to.equal("esm");
    });
});
