/**
 * @pulumi/aws's own type definitions, read to check that the property paths a policy reads exist:
 * a renamed input would otherwise turn a rule off without a word. Parses the .d.ts files with the
 * TypeScript parser (no type checker: the definitions are regular enough to follow by name).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const AWS_DIR = path.dirname(require.resolve("@pulumi/aws/package.json"));

/** Each interface's members: name → type text. Keyed by `Name` for a module's Args, `ns.Name` for nested input types. */
type Members = Map<string, string>;

function interfacesIn(file: string, prefix = ""): Map<string, Members> {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
    const found = new Map<string, Members>();
    const visit = (node: ts.Node, ns: string) => {
        if (ts.isModuleDeclaration(node) && node.body) {
            const inner = ns ? `${ns}.${node.name.getText(source)}` : node.name.getText(source);
            ts.forEachChild(node.body, (child) => visit(child, inner));
            return;
        }
        if (ts.isInterfaceDeclaration(node)) {
            const members: Members = new Map();
            for (const m of node.members) {
                if (ts.isPropertySignature(m) && m.type) members.set(m.name.getText(source), m.type.getText(source));
            }
            found.set(ns ? `${ns}.${node.name.text}` : node.name.text, members);
            return;
        }
        ts.forEachChild(node, (child) => visit(child, ns));
    };
    visit(source, prefix);
    return found;
}

let inputTypes: Map<string, Members> | undefined;

export interface Module {
    token: string;
    /** The resource's Args members. */
    args: Members;
}

/** The resource module for a type token, checked against the class's own `__pulumiType`. Throws when the token is not in the package. */
export function moduleOf(token: string): Module {
    const m = /^aws:([A-Za-z0-9]+)\/([A-Za-z0-9]+):([A-Za-z0-9]+)$/.exec(token);
    if (!m) throw new Error(`${token} is not an aws type token`);
    const [, mod, file, cls] = m;
    const base = path.join(AWS_DIR, mod, file);
    if (!fs.existsSync(`${base}.js`)) throw new Error(`${token}: @pulumi/aws has no module ${mod}/${file}`);
    if (!fs.readFileSync(`${base}.js`, "utf8").includes(`__pulumiType = '${token}'`)) throw new Error(`${token}: ${mod}/${file}.js declares another type token`);
    const args = interfacesIn(`${base}.d.ts`).get(`${cls}Args`);
    if (!args) throw new Error(`${token}: no ${cls}Args interface`);
    return { token, args };
}

/**
 * Follows `path` (property names) through a resource's Args and the nested input types. Returns
 * the type text at the end, or throws naming the first step that does not exist.
 */
export function typeAt(token: string, propertyPath: readonly string[]): string {
    let members = moduleOf(token).args;
    let text = "";
    propertyPath.forEach((name, i) => {
        const type = members.get(name);
        if (type === undefined) throw new Error(`${token}: ${propertyPath.slice(0, i + 1).join(".")} is not an input (has ${[...members.keys()].join(", ")})`);
        text = type;
        if (i === propertyPath.length - 1) return;
        const nested = /inputs\.([A-Za-z0-9]+)\.([A-Za-z0-9]+)/.exec(type);
        if (!nested) throw new Error(`${token}: ${propertyPath.slice(0, i + 1).join(".")} is not an object type (${type})`);
        inputTypes ??= interfacesIn(path.join(AWS_DIR, "types", "input.d.ts"));
        const next = inputTypes.get(`${nested[1]}.${nested[2]}`);
        if (!next) throw new Error(`${token}: input type ${nested[1]}.${nested[2]} not found`);
        members = next;
    });
    return text;
}
