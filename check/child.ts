/**
 * Child-process entry of `keyguard check`: receives one Job over IPC, runs the program under
 * mocks on the program's OWN @pulumi/pulumi (resolved from its directory, as the Pulumi CLI's
 * language host would load it), and sends back the captured resources, or one line saying why it
 * could not. Whatever the program does (throws, rejects, calls process.exit, never settles), the
 * parent gets an answer; an endless loop is the parent's timeout to end.
 */
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import { fileURLToPath, pathToFileURL } from "url";
import type { Capture, Job } from "./capture";
import { tapRegistrations } from "./capture";
import { checkMocks, UnknownInvokeError } from "./mocks";

type PulumiModule = typeof import("@pulumi/pulumi");
/** @internal members of @pulumi/pulumi the run awaits (an Output's promise; the RPC queue). */
interface Awaitable {
    promise(): Promise<unknown>;
}
interface Settings {
    getMonitor(): unknown;
    waitForRPCs?(): Promise<void>;
}

const realExit = process.exit.bind(process);
let job: Job | undefined;
let finished = false;

function send(message: { resources?: Capture["resources"]; error?: string }): Promise<void> {
    return new Promise((resolve) => {
        if (!process.send) return resolve();
        process.send(message, undefined, {}, () => resolve());
    });
}

async function fail(line: string): Promise<never> {
    if (!finished) {
        finished = true;
        await send({ error: line });
    }
    return realExit(2);
}

/** The first stack frame in the program's own files, as ` (at index.ts:12)`. */
function programFrame(stack: string | undefined): string {
    if (!job || !stack) return "";
    for (const raw of stack.split("\n")) {
        const line = raw.trim();
        if (!line.startsWith("at ")) continue;
        const open = line.lastIndexOf("(");
        let where = open >= 0 && line.endsWith(")") ? line.slice(open + 1, -1) : line.slice(3);
        const col = where.lastIndexOf(":");
        const ln = col > 0 ? where.lastIndexOf(":", col - 1) : -1;
        if (ln <= 0) continue;
        const lineNo = where.slice(ln + 1, col);
        where = where.slice(0, ln);
        if (where.startsWith("file:")) {
            try {
                where = fileURLToPath(where);
            } catch {
                continue;
            }
        }
        const rel = path.relative(job.project.dir, where);
        if (rel.startsWith("..") || path.isAbsolute(rel) || rel.split(path.sep).includes("node_modules")) continue;
        return ` (at ${rel.split(path.sep).join("/")}:${lineNo})`;
    }
    return "";
}

/** One line for whatever the program threw. */
export function describe(e: unknown): string {
    if (!(e instanceof Error)) return `the program failed: ${String(e).split("\n")[0].slice(0, 300)}`;
    const first = e.message.split("\n")[0].slice(0, 300);
    const err = e as Error & { code?: string; key?: string; secret?: boolean };
    if (e instanceof UnknownInvokeError || first.includes("which keyguard's mocks do not answer")) {
        const at = first.indexOf("the program calls ");
        return (at >= 0 ? first.slice(at) : first) + programFrame(e.stack);
    }
    if (typeof err.key === "string" && first.startsWith("Missing required configuration variable")) {
        const project = job?.project;
        const short = project && err.key.startsWith(`${project.name}:`) ? err.key.slice(project.name.length + 1) : err.key;
        const file = project?.stackFile ? path.basename(project.stackFile) : `Pulumi.${project?.stack ?? "dev"}.yaml`;
        return `missing required configuration ${err.key}: set it with \`pulumi config set${err.secret ? " --secret" : ""} ${short} <value>\` (stack ${project?.stack ?? "dev"}, ${file})`;
    }
    if (err.code === "MODULE_NOT_FOUND" || err.code === "ERR_MODULE_NOT_FOUND") {
        const m = /Cannot find (?:module|package) '([^']+)'/.exec(first);
        const name = m?.[1] ?? "a module";
        const relative = name.startsWith(".") || path.isAbsolute(name);
        const where = job ? path.relative(process.cwd(), job.project.dir) || "." : ".";
        return relative
            ? `the program imports ${name}, which does not exist${programFrame(e.stack)}`
            : `the program imports "${name}", which is not installed: run \`npm install\` in ${where}${programFrame(e.stack)}`;
    }
    return `the program failed: ${first}${programFrame(e.stack)}`;
}

/** Loads a package the way the program's own code would: from the program's directory. */
function programRequire(dir: string): NodeJS.Require {
    return createRequire(path.join(dir, "__keyguard_check__.js"));
}

function need(req: NodeJS.Require, id: string, why: string): string {
    try {
        return req.resolve(id);
    } catch {
        throw new ChildError(why);
    }
}

class ChildError extends Error {}

function registerTypeScript(req: NodeJS.Require, job: Job): void {
    const where = path.relative(process.cwd(), job.project.dir) || ".";
    const missing = `the program is TypeScript, but ts-node and typescript (peer dependencies of @pulumi/pulumi) are not installed: run \`npm install --save-dev ts-node typescript\` in ${where}`;
    const tsNode = req(need(req, "ts-node", missing)) as { register(opts: object): void };
    need(req, "typescript", missing);
    // As the Pulumi CLI runs a program: CommonJS, no type check (tsc is the type checker; the
    // gate judges what would deploy).
    tsNode.register({
        transpileOnly: true,
        cwd: job.project.dir,
        compilerOptions: { module: "commonjs", moduleResolution: "node", sourceMap: true },
    });
}

/** Every Output in the program's exports, awaited the way the engine waits for stack outputs. */
async function awaitExports(pulumi: PulumiModule, exported: unknown): Promise<void> {
    let value = exported;
    // A program may export a function (`export = async () => {…}`); the runtime calls it.
    if (typeof value === "function") value = await (value as () => unknown)();
    else if (value && typeof value === "object" && typeof (value as { default?: unknown }).default === "function") {
        value = { ...(value as object), default: await (value as { default: () => unknown }).default() };
    }
    await (pulumi.output(value as object) as unknown as Awaitable).promise();
}

async function run(j: Job): Promise<Capture["resources"]> {
    job = j;
    const { project } = j;
    // The config reaches the runtime as the Pulumi CLI hands it over: in the environment.
    process.env.PULUMI_CONFIG = JSON.stringify(project.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(project.secretKeys);
    const req = programRequire(project.dir);
    const where = path.relative(process.cwd(), project.dir) || ".";
    const pulumiPath = need(req, "@pulumi/pulumi", `the program's @pulumi/pulumi is not installed: run \`npm install\` in ${where}`);
    const pulumi = req(pulumiPath) as PulumiModule;
    const settings = req(path.join(path.dirname(pulumiPath), "runtime", "settings")) as Settings;
    const log = req(path.join(path.dirname(pulumiPath), "log")) as { error: (msg: string, ...rest: unknown[]) => unknown };

    // The runtime logs (and swallows) some failures, e.g. a registration whose inputs threw;
    // the CLI would fail the update, so the check fails too.
    const logged: string[] = [];
    const originalError = log.error;
    log.error = (msg: string, ...rest: unknown[]) => {
        logged.push(String(msg));
        return originalError.call(log, msg, ...rest);
    };

    if (project.typescript) {
        if (project.moduleKind === "esm") throw new ChildError("TypeScript ES module programs (.mts, or .ts with \"type\": \"module\") are not supported by keyguard check yet; compile the program to JavaScript and point Pulumi.yaml's main at it");
        registerTypeScript(req, j);
    }
    await pulumi.runtime.setMocks(checkMocks({ preview: j.mode === "preview", region: project.region, answers: j.answers }), project.name, project.stack, j.mode === "preview");
    const captured = tapRegistrations(settings.getMonitor(), j.relativeTo);

    const exported = project.moduleKind === "esm" ? await import(pathToFileURL(project.main).href) : req(project.main);
    await awaitExports(pulumi, exported);
    if (settings.waitForRPCs) await settings.waitForRPCs();
    if (logged.length) throw new ChildError(`the program failed: ${logged[0].split("\n")[0].slice(0, 300)}`);
    return captured;
}

process.on("uncaughtException", (e) => void fail(e instanceof ChildError ? e.message : describe(e)));
process.on("unhandledRejection", (e) => void fail(e instanceof ChildError ? e.message : describe(e)));
process.on("beforeExit", () => {
    // The event loop ran dry while the program was still being awaited: it waits on a promise
    // nothing will ever settle.
    if (!finished) void fail("the program stopped before it finished: it waits on a promise that never settles");
});
process.exit = ((code?: number) => {
    void fail(`the program called process.exit(${code ?? ""}) before it finished; keyguard check needs it to run to its end`);
}) as typeof process.exit;

process.once("message", (message: Job) => {
    if (!fs.existsSync(message.project.main)) {
        void fail(`the program's main file ${message.project.main} does not exist`);
        return;
    }
    run(message).then(
        async (resources) => {
            if (finished) return;
            finished = true;
            await send({ resources });
            realExit(0);
        },
        (e: unknown) => void fail(e instanceof ChildError ? e.message : describe(e)),
    );
});
