/**
 * Drives a built policy pack over the engine's Analyzer gRPC protocol, started exactly as the
 * Pulumi CLI starts it: `node <pulumi>/cmd/run-policy-pack <engine-address> <packDir>` with cwd =
 * packDir, the port read from the first stdout line. Requests carry properties in the engine's
 * wire format (secret signature objects, unknown sentinel strings) as a google.protobuf.Struct;
 * answers are mapped to the types of the in-process harness, so both doors compare directly.
 *
 * No fake engine is needed: run-policy-pack drops the engine address argument, and the SDK only
 * logs to an engine when PULUMI_NODEJS_ENGINE is set, which this harness removes from the child's
 * environment (so a developer's shell cannot redirect the pack's logs either).
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import type { EnforcementLevel } from "@pulumi/policy";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerproto from "@pulumi/pulumi/proto/analyzer_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Diagnostic, Outcome, PackConfig, urnOf, WireResource } from "./in-process";

export type { Diagnostic, Outcome, PackConfig, WireResource } from "./in-process";
export { urnOf } from "./in-process";

export interface Pack {
    port: number;
    /** Milliseconds from spawn until the port line was read. */
    startupMs: number;
    pid: number;
    close(): Promise<void>;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity?: "low" | "medium" | "high" | "critical";
    kind: "resource" | "stack" | "unknown";
    configSchema?: { properties: Record<string, unknown>; required?: string[] };
    remediationSteps?: string;
    url?: string;
    framework?: { name: string; version: string; reference: string; specification: string };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    supportsConfig: boolean;
    policies: PolicyInfo[];
    initialConfig: Record<string, { enforcementLevel: EnforcementLevel; properties?: Record<string, unknown> }>;
}

/** The engine address handed to the pack; run-policy-pack ignores it, the CLI passes its own. */
const ENGINE_ADDRESS = "127.0.0.1:0";
/** As large as the SDK's server accepts, so 5 MB properties travel in both directions. */
const MAX_MESSAGE = 400 * 1024 * 1024;
const DEFAULT_STARTUP_TIMEOUT_MS = 60_000;

interface Internals {
    client: analyzerrpc.AnalyzerClient;
    info?: AnalyzerInfo;
}
const internals = new WeakMap<Pack, Internals>();

/** The repo root: the nearest directory above this file holding PulumiPolicy.yaml. */
export function repoPackDir(from = __dirname): string {
    for (let dir = from; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no PulumiPolicy.yaml above ${from}`);
    }
}

/** The run-policy-pack entry the CLI would use for this pack (its own @pulumi/pulumi). */
export function runPolicyPackPath(packDir: string): string {
    return path.dirname(require.resolve("@pulumi/pulumi/cmd/run-policy-pack/index.js", { paths: [packDir] }));
}

function childEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
    for (const k of Object.keys(env)) {
        if (k.startsWith("PULUMI_NODEJS_") && !(extra && k in extra)) delete env[k];
    }
    return env;
}

async function stopChild(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(timer);
}

export async function startPack(opts: { packDir?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<Pack> {
    const packDir = path.resolve(opts.packDir ?? repoPackDir());
    const entry = runPolicyPackPath(packDir);
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), entry, ENGINE_ADDRESS, packDir], {
        cwd: packDir,
        env: childEnv(opts.env),
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (s: string) => {
        // Keep the head and the tail: the cause is usually in one of them.
        stderr = stderr.length < 64 * 1024 ? stderr + s : stderr.slice(0, 32 * 1024) + "\n…\n" + (stderr + s).slice(-32 * 1024);
    });
    const port = await new Promise<number>((resolve, reject) => {
        const fail = (why: string) => {
            clearTimeout(timer);
            void stopChild(child);
            reject(new Error(`policy pack at ${packDir} did not start: ${why}\n--- stdout ---\n${stdout.slice(0, 4096)}\n--- stderr ---\n${stderr}`));
        };
        const timeoutMs = opts.timeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
        const timer = setTimeout(() => fail(`no port on stdout within ${timeoutMs} ms`), timeoutMs);
        child.stdout!.setEncoding("utf8");
        const onData = (s: string) => {
            stdout += s;
            const nl = stdout.indexOf("\n");
            if (nl < 0) return;
            const line = stdout.slice(0, nl).trim();
            child.stdout!.off("data", onData);
            // Later output (a pack's console.log) must not block the pipe.
            child.stdout!.resume();
            if (!/^\d+$/.test(line)) return fail(`first stdout line is not a port: ${JSON.stringify(line.slice(0, 200))}`);
            clearTimeout(timer);
            resolve(Number(line));
        };
        child.stdout!.on("data", onData);
        child.once("error", (e) => fail(`spawn failed: ${e.message}`));
        child.once("exit", (code, signal) => fail(`exited with ${signal ?? `code ${code}`}`));
    });
    const startupMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
        "grpc.max_receive_message_length": MAX_MESSAGE,
        "grpc.max_send_message_length": MAX_MESSAGE,
    });
    const pack: Pack = {
        port,
        startupMs,
        pid: child.pid!,
        close: async () => {
            client.close();
            await stopChild(child);
        },
    };
    internals.set(pack, { client });
    return pack;
}

function clientOf(pack: Pack): Internals {
    const i = internals.get(pack);
    if (!i) throw new Error("not a pack started by startPack");
    return i;
}

/** A request message, or its bytes when the caller encoded it ahead (see `encodeResource`). */
type Request = { serializeBinary(): Uint8Array } | Uint8Array;

/** One unary call by its AnalyzerService name; a gRPC error rejects with its code and details. */
function call<Res>(pack: Pack, method: keyof typeof analyzerrpc.AnalyzerService, request: Request): Promise<Res> {
    const client = clientOf(pack).client;
    const def = analyzerrpc.AnalyzerService[method] as unknown as { path: string; responseDeserialize(b: Buffer): Res };
    const serialize = (r: Request) => Buffer.from(r instanceof Uint8Array ? r : r.serializeBinary());
    return new Promise((resolve, reject) => {
        client.makeUnaryRequest(def.path, serialize, (b: Buffer) => def.responseDeserialize(b), request, (e, res) =>
            e ? reject(new Error(`${method} failed: ${grpc.status[e.code]} ${e.details}`)) : resolve(res!),
        );
    });
}

const LEVELS: Record<number, EnforcementLevel> = {
    [analyzerproto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerproto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerproto.EnforcementLevel.DISABLED]: "disabled",
    [analyzerproto.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_CODES = Object.fromEntries(Object.entries(LEVELS).map(([code, name]) => [name, Number(code)])) as Record<EnforcementLevel, number>;
const SEVERITIES: Record<number, PolicyInfo["severity"]> = {
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerproto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};
const KINDS: Record<number, PolicyInfo["kind"]> = {
    [analyzerproto.PolicyType.POLICY_TYPE_RESOURCE]: "resource",
    [analyzerproto.PolicyType.POLICY_TYPE_STACK]: "stack",
};

function levelName(code: number): EnforcementLevel {
    const name = LEVELS[code];
    if (!name) throw new Error(`unknown enforcement level ${code}`);
    return name;
}

export async function getPluginInfo(pack: Pack): Promise<{ version: string }> {
    const res = await call<pluginproto.PluginInfo>(pack, "getPluginInfo", new Empty());
    return { version: res.getVersion() };
}

export async function getAnalyzerInfo(pack: Pack): Promise<AnalyzerInfo> {
    const res = await call<analyzerproto.AnalyzerInfo>(pack, "getAnalyzerInfo", new Empty());
    const initialConfig: AnalyzerInfo["initialConfig"] = {};
    res.getInitialconfigMap().forEach((c, name) => {
        initialConfig[name] = { enforcementLevel: levelName(c.getEnforcementlevel()), ...(c.hasProperties() ? { properties: c.getProperties()!.toJavaScript() } : {}) };
    });
    const info: AnalyzerInfo = {
        name: res.getName(),
        version: res.getVersion(),
        supportsConfig: res.getSupportsconfig(),
        initialConfig,
        policies: res.getPoliciesList().map((p) => {
            const schema = p.getConfigschema();
            const framework = p.getFramework();
            const policy: PolicyInfo = {
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: levelName(p.getEnforcementlevel()),
                kind: KINDS[p.getPolicyType()] ?? "unknown",
            };
            const severity = SEVERITIES[p.getSeverity()];
            if (severity) policy.severity = severity;
            if (schema) {
                policy.configSchema = { properties: schema.getProperties()?.toJavaScript() ?? {} };
                if (schema.getRequiredList().length) policy.configSchema.required = schema.getRequiredList();
            }
            if (p.getRemediationSteps()) policy.remediationSteps = p.getRemediationSteps();
            if (p.getUrl()) policy.url = p.getUrl();
            if (framework) policy.framework = { name: framework.getName(), version: framework.getVersion(), reference: framework.getReference(), specification: framework.getSpecification() };
            return policy;
        }),
    };
    clientOf(pack).info = info;
    return info;
}

/**
 * The Configure call as the engine makes it: one entry per announced policy, each with an
 * enforcement level (the configured one, else the policy's own) and the configured properties.
 * Like `pulumi preview` it does not validate against the schema, and unlike it it does not fill
 * schema defaults, so the policies' own defaults are what gets tested.
 */
export async function configure(pack: Pack, config: PackConfig): Promise<void> {
    const info = clientOf(pack).info ?? (await getAnalyzerInfo(pack));
    const req = new analyzerproto.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    const names = new Set([...info.policies.map((p) => p.name), ...Object.keys(config)]);
    for (const name of names) {
        const given = config[name];
        const { enforcementLevel, ...properties } = typeof given === "string" ? { enforcementLevel: given } : (given ?? {});
        const level = enforcementLevel ?? info.policies.find((p) => p.name === name)?.enforcementLevel ?? "advisory";
        const pc = new analyzerproto.PolicyConfig();
        pc.setEnforcementlevel(LEVEL_CODES[level]);
        pc.setProperties(Struct.fromJavaScript(properties as Record<string, never>));
        map.set(name, pc);
    }
    await call<Empty>(pack, "configure", req);
}

export async function configureStack(pack: Pack, stack: { stack?: string; project?: string; organization?: string; dryRun?: boolean; tags?: Record<string, string> } = {}): Promise<void> {
    const req = new analyzerproto.AnalyzerStackConfigureRequest();
    req.setStack(stack.stack ?? "dev");
    req.setProject(stack.project ?? "keyguard-test");
    req.setOrganization(stack.organization ?? "organization");
    req.setDryRun(stack.dryRun ?? true);
    for (const [k, v] of Object.entries(stack.tags ?? {})) req.getTagsMap().set(k, v);
    await call<analyzerproto.AnalyzerStackConfigureResponse>(pack, "configureStack", req);
}

function structOf(props: Record<string, unknown>): Struct {
    return Struct.fromJavaScript(props as Record<string, never>);
}

/**
 * google-protobuf encodes strings a character at a time (about 8 MB/s) and deep nesting slowly,
 * so a 5 MB or deeply nested property bag would cost the client more than the pack. Bags that
 * are slow to encode are encoded once and their bytes reused (protobuf merges concatenated
 * fields, and `properties` is field 2 both in AnalyzeRequest and in AnalyzerResource).
 * Such a bag must not be changed after it was sent.
 */
const SLOW_ENCODING_MS = 5;
const encodedProps = new WeakMap<object, Uint8Array>();

function propsField(props: Record<string, unknown>): Uint8Array {
    const cached = encodedProps.get(props);
    if (cached) return cached;
    const t0 = Date.now();
    const holder = new analyzerproto.AnalyzeRequest();
    holder.setProperties(structOf(props));
    const bytes = holder.serializeBinary();
    if (Date.now() - t0 > SLOW_ENCODING_MS) encodedProps.set(props, bytes);
    return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
    return Buffer.concat(parts);
}

/** The options every engine since 1.x sends; the SDK refuses requests without them. */
function defaultOptions(parent?: string): analyzerproto.AnalyzerResourceOptions {
    const o = new analyzerproto.AnalyzerResourceOptions();
    o.setProtect(false);
    if (parent) o.setParent(parent);
    return o;
}

/** An AnalyzeRequest (Analyze, Remediate) or an AnalyzerResource (AnalyzeStack), encoded. */
function encodeResource(resource: WireResource, forStack: boolean): Uint8Array {
    const msg = forStack ? new analyzerproto.AnalyzerResource() : new analyzerproto.AnalyzeRequest();
    msg.setType(resource.type);
    msg.setName(resource.name);
    msg.setUrn(resource.urn ?? urnOf(resource.type, resource.name));
    msg.setOptions(defaultOptions(resource.parent));
    if (msg instanceof analyzerproto.AnalyzerResource) {
        if (resource.parent) msg.setParent(resource.parent);
        msg.setDependenciesList(resource.dependencies ?? [...new Set(Object.values(resource.propertyDependencies ?? {}).flat())]);
        for (const [k, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            const deps = new analyzerproto.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            msg.getPropertydependenciesMap().set(k, deps);
        }
    }
    return concat([msg.serializeBinary(), propsField(resource.props)]);
}

function varint(n: number): Uint8Array {
    const out: number[] = [];
    while (n > 0x7f) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
    }
    out.push(n);
    return Uint8Array.from(out);
}

function outcomeOf(res: analyzerproto.AnalyzeResponse): Outcome {
    return {
        diagnostics: res.getDiagnosticsList().map(
            (d): Diagnostic => ({ policy: d.getPolicyname(), level: levelName(d.getEnforcementlevel()), message: d.getMessage(), urn: d.getUrn() || undefined }),
        ),
        notApplicable: res.getNotApplicableList().map((n) => ({ policy: n.getPolicyName(), reason: n.getReason() })),
    };
}

/** Encodes an Analyze (or Remediate) request ahead, so a benchmark can time the call alone. */
export function analyzeRequest(resource: WireResource): Uint8Array {
    return encodeResource(resource, false);
}

/** Analyze: every resource policy judges one resource (the engine sends its inputs, and always options). */
export async function analyze(pack: Pack, resource: WireResource | Uint8Array): Promise<Outcome> {
    const req = resource instanceof Uint8Array ? resource : encodeResource(resource, false);
    return outcomeOf(await call<analyzerproto.AnalyzeResponse>(pack, "analyze", req));
}

/** Encodes an AnalyzeStack request ahead, so a benchmark can time the call alone. */
export function analyzeStackRequest(resources: readonly WireResource[]): Uint8Array {
    // AnalyzeStackRequest is `repeated AnalyzerResource resources = 1`: tag 0x0a, length, bytes, per resource.
    return concat(
        resources.flatMap((r) => {
            const bytes = encodeResource(r, true);
            return [Uint8Array.of(0x0a), varint(bytes.length), bytes];
        }),
    );
}

/** AnalyzeStack: stack policies see every resource, with dependencies and propertyDependencies as URNs. */
export async function analyzeStack(pack: Pack, resources: readonly WireResource[] | Uint8Array): Promise<Outcome> {
    const req = resources instanceof Uint8Array ? resources : analyzeStackRequest(resources);
    return outcomeOf(await call<analyzerproto.AnalyzeResponse>(pack, "analyzeStack", req));
}

/** The Remediate call; each entry is a policy that changed the resource and the props it returned (wire format). */
export async function remediate(pack: Pack, resource: WireResource): Promise<{ policy: string; props: Record<string, unknown> }[]> {
    const res = await call<analyzerproto.RemediateResponse>(pack, "remediate", encodeResource(resource, false));
    return res.getRemediationsList().flatMap((r) => {
        const props = r.getProperties();
        return props ? [{ policy: r.getPolicyname(), props: props.toJavaScript() }] : [];
    });
}

/** The pack process's peak resident set (VmHWM) in MiB, or undefined where /proc is missing. */
export function peakRssMiB(pack: Pack): number | undefined {
    try {
        const status = fs.readFileSync(`/proc/${pack.pid}/status`, "utf8");
        const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
        return m ? Number(m[1]) / 1024 : undefined;
    } catch {
        return undefined;
    }
}
