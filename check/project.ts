/**
 * What `keyguard check` reads before it runs a program: the project's `Pulumi.yaml` (name,
 * runtime, main), the stack's `Pulumi.<stack>.yaml` config, and `PULUMI_CONFIG` from the
 * environment, as the Pulumi CLI hands them to the Node runtime. Nothing here runs the program.
 */
import * as fs from "fs";
import * as path from "path";
import { load as loadYaml } from "js-yaml";

/** A problem with the program or its project, said in one line; exit code 2. */
export class CheckError extends Error {}

/** A path as the user should see it: relative to `relativeTo` (where check runs), unless that climbs out. */
export function shownPath(p: string, relativeTo: string): string {
    const rel = path.relative(relativeTo, p);
    return rel === "" ? "." : rel.startsWith("..") || path.isAbsolute(rel) ? p : rel;
}

/** What stands in for a `secure:` config value: its ciphertext cannot be decrypted offline. */
export const SECRET_CONFIG_PLACEHOLDER = "[secret]";

export interface Project {
    dir: string;
    /** `name` in Pulumi.yaml. */
    name: string;
    /** The program's entry file (absolute). */
    main: string;
    /** How the entry is loaded: `require` (CommonJS, TypeScript through ts-node) or `import` (ESM). */
    moduleKind: "commonjs" | "esm";
    typescript: boolean;
    stack: string;
    /** The stack config file read, if any (absolute). */
    stackFile?: string;
    /** Config as the runtime reads it: `project:key` → string (objects as JSON). */
    config: Record<string, string>;
    secretKeys: string[];
    /** `aws:region` from the config, for the mocks. */
    region?: string;
}

const TS_EXTENSIONS = [".ts", ".mts", ".cts", ".tsx"];
const ENTRY_EXTENSIONS = [".ts", ".js", ".mts", ".mjs", ".cts", ".cjs", ".tsx"];

function readYaml(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new CheckError(`cannot read ${file}: ${(e as Error).message}`);
    }
    try {
        return loadYaml(text);
    } catch (e) {
        throw new CheckError(`${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function projectFile(dir: string): string {
    for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
        const file = path.join(dir, name);
        if (fs.existsSync(file)) return file;
    }
    throw new CheckError(`${dir} has no Pulumi.yaml; give the directory of a Pulumi project`);
}

/** `runtime: nodejs` or `runtime: {name: nodejs, options: {…}}`. */
function runtimeName(runtime: unknown, file: string): string {
    const name = isObject(runtime) ? runtime.name : runtime;
    if (typeof name !== "string" || name === "") throw new CheckError(`${file} has no runtime; keyguard check runs \`runtime: nodejs\` programs`);
    return name;
}

/** The entry a Node Pulumi program starts from: `main` (a file or directory), else the directory. */
export function resolveEntry(dir: string, main: string | undefined): string {
    const base = path.resolve(dir, main ?? ".");
    const asFile = (p: string): string | undefined => {
        for (const candidate of [p, ...ENTRY_EXTENSIONS.map((ext) => p + ext)]) {
            if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
        }
        return undefined;
    };
    if (fs.existsSync(base) && fs.statSync(base).isDirectory()) {
        const pkgFile = path.join(base, "package.json");
        if (fs.existsSync(pkgFile)) {
            const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { main?: unknown };
            if (typeof pkg.main === "string") {
                const fromPkg = asFile(path.resolve(base, pkg.main)) ?? asFile(path.join(path.resolve(base, pkg.main), "index"));
                if (fromPkg) return fromPkg;
            }
        }
        const index = asFile(path.join(base, "index"));
        if (index) return index;
        throw new CheckError(`${dir} has no program entry: no index.ts or index.js, and no \`main\` in Pulumi.yaml or package.json`);
    }
    const file = asFile(base);
    if (!file) throw new CheckError(`the program's main ${main} does not exist in ${dir}`);
    return file;
}

/** ESM when the file says so (.mjs/.mts) or the nearest package.json has `"type": "module"`. */
function moduleKindOf(entry: string): "commonjs" | "esm" {
    const ext = path.extname(entry);
    if (ext === ".mjs" || ext === ".mts") return "esm";
    if (ext === ".cjs" || ext === ".cts") return "commonjs";
    for (let dir = path.dirname(entry); ; dir = path.dirname(dir)) {
        const pkg = path.join(dir, "package.json");
        if (fs.existsSync(pkg)) {
            try {
                return (JSON.parse(fs.readFileSync(pkg, "utf8")) as { type?: unknown }).type === "module" ? "esm" : "commonjs";
            } catch {
                return "commonjs";
            }
        }
        if (path.dirname(dir) === dir) return "commonjs";
    }
}

/** The stack: `--stack`, else the one `Pulumi.<stack>.yaml` in the directory, else `dev` with no config. */
function chooseStack(dir: string, wanted: string | undefined): { stack: string; file?: string } {
    if (wanted) {
        const file = ["yaml", "yml"].map((ext) => path.join(dir, `Pulumi.${wanted}.${ext}`)).find((f) => fs.existsSync(f));
        return { stack: wanted, file };
    }
    const files = fs
        .readdirSync(dir)
        .filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f))
        .sort();
    if (files.length > 1) throw new CheckError(`${dir} has ${files.length} stack config files (${files.join(", ")}); choose one with --stack NAME`);
    if (files.length === 0) return { stack: "dev" };
    return { stack: files[0].split(".")[1], file: path.join(dir, files[0]) };
}

/** A config value as the CLI puts it in PULUMI_CONFIG: strings as they are, others as JSON; `secure:` → placeholder. */
function configValue(value: unknown): { text: string; secret: boolean } {
    let secret = false;
    const plain = (v: unknown, depth: number): unknown => {
        if (depth > 64) return v;
        if (isObject(v)) {
            const keys = Object.keys(v);
            if (keys.length === 1 && keys[0] === "secure") {
                secret = true;
                return SECRET_CONFIG_PLACEHOLDER;
            }
            return Object.fromEntries(keys.map((k) => [k, plain(v[k], depth + 1)]));
        }
        if (Array.isArray(v)) return v.map((x) => plain(x, depth + 1));
        return v;
    };
    const resolved = plain(value, 0);
    return { text: typeof resolved === "string" ? resolved : JSON.stringify(resolved), secret };
}

/** `key` → `project:key`; `ns:key` stays. */
function fullKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function readConfig(project: string, projectYaml: Record<string, unknown>, stackFile: string | undefined): { config: Record<string, string>; secretKeys: Set<string> } {
    const config: Record<string, string> = {};
    const secretKeys = new Set<string>();
    const set = (key: string, value: unknown) => {
        const { text, secret } = configValue(value);
        config[key] = text;
        if (secret) secretKeys.add(key);
        else secretKeys.delete(key);
    };
    // Project-level defaults (`config: {key: value}` or `{key: {default: …}}` in Pulumi.yaml).
    if (isObject(projectYaml.config)) {
        for (const [k, v] of Object.entries(projectYaml.config)) {
            const value = isObject(v) && ("default" in v || "type" in v || "description" in v || "secret" in v) ? v.default : v;
            if (value !== undefined && value !== null) set(fullKey(project, k), value);
        }
    }
    if (stackFile) {
        const doc = readYaml(stackFile);
        if (doc !== undefined && doc !== null && !isObject(doc)) throw new CheckError(`${stackFile} is not a stack config file (expected a mapping with \`config:\`)`);
        const values = isObject(doc) ? doc.config : undefined;
        if (values !== undefined && values !== null && !isObject(values)) throw new CheckError(`${stackFile}: \`config\` is not a mapping`);
        for (const [k, v] of Object.entries(values ?? {})) if (v !== null) set(fullKey(project, k), v);
    }
    return { config, secretKeys };
}

/** `PULUMI_CONFIG` / `PULUMI_CONFIG_SECRET_KEYS`, as the CLI sets them for the language host. */
function environmentConfig(env: NodeJS.ProcessEnv): { config: Record<string, string>; secretKeys: string[] } {
    const parse = (name: string): unknown => {
        const raw = env[name];
        if (!raw) return undefined;
        try {
            return JSON.parse(raw);
        } catch {
            throw new CheckError(`${name} is not JSON`);
        }
    };
    const config = parse("PULUMI_CONFIG");
    const secretKeys = parse("PULUMI_CONFIG_SECRET_KEYS");
    if (config !== undefined && !isObject(config)) throw new CheckError("PULUMI_CONFIG must be a JSON object of key → value");
    if (secretKeys !== undefined && !(Array.isArray(secretKeys) && secretKeys.every((k) => typeof k === "string"))) throw new CheckError("PULUMI_CONFIG_SECRET_KEYS must be a JSON list of keys");
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(config ?? {})) out[k] = typeof v === "string" ? v : JSON.stringify(v);
    return { config: out, secretKeys: (secretKeys as string[] | undefined) ?? [] };
}

export function loadProject(dirArg: string, opts: { stack?: string; env?: NodeJS.ProcessEnv } = {}): Project {
    const dir = path.resolve(dirArg);
    if (!fs.existsSync(dir)) throw new CheckError(`${dirArg}: no such directory`);
    if (!fs.statSync(dir).isDirectory()) throw new CheckError(`${dirArg} is not a directory; give the directory that holds Pulumi.yaml`);
    const file = projectFile(dir);
    const yaml = readYaml(file);
    if (!isObject(yaml)) throw new CheckError(`${file} is not a Pulumi project file`);
    const name = yaml.name;
    if (typeof name !== "string" || name === "") throw new CheckError(`${file} has no \`name\``);
    const runtime = runtimeName(yaml.runtime, file);
    if (runtime !== "nodejs") {
        throw new CheckError(
            `${dirArg} is a ${runtime} program; keyguard check runs Node.js (TypeScript or JavaScript) programs only. ` +
                `Judge it with keyguard scan instead: \`pulumi preview --json > preview.json && keyguard scan preview.json\``,
        );
    }
    if (yaml.main !== undefined && typeof yaml.main !== "string") throw new CheckError(`${file}: \`main\` must be a path`);
    const main = resolveEntry(dir, yaml.main as string | undefined);
    const { stack, file: stackFile } = chooseStack(dir, opts.stack);
    const { config, secretKeys } = readConfig(name, yaml, stackFile);
    const fromEnv = environmentConfig(opts.env ?? process.env);
    Object.assign(config, fromEnv.config);
    for (const k of fromEnv.secretKeys) secretKeys.add(k);
    return {
        dir,
        name,
        main,
        moduleKind: moduleKindOf(main),
        typescript: TS_EXTENSIONS.includes(path.extname(main)),
        stack,
        ...(stackFile ? { stackFile } : {}),
        config,
        secretKeys: [...secretKeys].sort(),
        ...(config["aws:region"] ? { region: config["aws:region"] } : {}),
    };
}
