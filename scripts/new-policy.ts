/**
 * `npm run new-policy <service> <policy-name> [--root <dir>]`: writes a policy's adapter and its
 * test table, named and wired as CONTRIBUTING.md describes, for the author to fill in:
 *   policies/<service>/<policy-name>.ts      metadata, types, a check that calls the core
 *   test/<service>/<policy-name>.test.ts     the table: valid, invalid, preview (and remediate, config)
 * It refuses to overwrite a file. Then: the rule in policies/core, the row in POLICIES.md, the
 * export in policies/index.ts.
 */
import * as fs from "fs";
import * as path from "path";

const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** `kms-key-origin` → `kmsKeyOrigin`. */
export function camelCase(name: string): string {
    return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export interface GeneratedPolicy {
    adapter: { path: string; text: string };
    table: { path: string; text: string };
}

export function generatePolicy(service: string, name: string): GeneratedPolicy {
    if (!NAME.test(service)) throw new Error(`service must be lower-case kebab case, like "kms" or "secretsmanager" (got ${JSON.stringify(service)})`);
    if (!NAME.test(name)) throw new Error(`policy name must be lower-case kebab case, like "kms-key-origin" (got ${JSON.stringify(name)})`);
    if (service === "core" || service === "lib") throw new Error(`policies/${service} is not a service: adapters live in policies/<service>/`);
    const id = camelCase(name);
    const adapter = `/**
 * ${name}: TODO one line on what it keeps from happening (POLICIES.md row).
 */
import { TODO_RULE } from "../core/${service}";
import { resourcePolicy } from "../lib/define";
import { rawOf } from "../lib/read";

export const ${id} = resourcePolicy({
    name: "${name}",
    description: "TODO: the policy's one-sentence rule, as POLICIES.md states it.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: "TODO: what to set, with an example.",
    types: ["TODO:type/token:Token"],
    // The check reads; the core (policies/core/${service}.ts) judges and returns Finding[].
    check: ({ read }) => TODO_RULE(rawOf(read("TODO_PROPERTY"))),
});
`;
    const table = `import { ${id} } from "../../policies/${service}/${name}";
import { UNKNOWN, testPolicy } from "../lib/policy-tester";

testPolicy(${id}, {
    type: "TODO:type/token:Token",
    valid: [{ props: { TODO_PROPERTY: "a passing value" } }],
    invalid: [{ props: { TODO_PROPERTY: "a failing value" }, messages: ["res: TODO what is wrong (\\"a failing value\\"). Fix: TODO what to set."], codes: ["TODO-code"] }],
    preview: [{ props: { TODO_PROPERTY: UNKNOWN } }],
});
`;
    return { adapter: { path: path.join("policies", service, `${name}.ts`), text: adapter }, table: { path: path.join("test", service, `${name}.test.ts`), text: table } };
}

function main(argv: string[]): number {
    const rootAt = argv.indexOf("--root");
    const root = rootAt >= 0 ? argv[rootAt + 1] : process.cwd();
    const args = rootAt >= 0 ? argv.filter((_, i) => i !== rootAt && i !== rootAt + 1) : argv;
    if (args.length !== 2 || !root) {
        console.error("usage: npm run new-policy <service> <policy-name> [--root <dir>]");
        return 2;
    }
    let generated: GeneratedPolicy;
    try {
        generated = generatePolicy(args[0], args[1]);
    } catch (e) {
        console.error(`new-policy: ${(e as Error).message}`);
        return 2;
    }
    for (const file of [generated.adapter, generated.table]) {
        const target = path.join(root, file.path);
        if (fs.existsSync(target)) {
            console.error(`new-policy: ${file.path} exists; not overwriting it`);
            return 1;
        }
    }
    for (const file of [generated.adapter, generated.table]) {
        const target = path.join(root, file.path);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.text);
        console.log(`wrote ${file.path}`);
    }
    console.log("next: write the rule in policies/core, replace the TODOs, add the row to POLICIES.md and the export to policies/index.ts");
    return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
