/**
 * Reads what `keyguard scan` is given and turns it into resources in the engine's wire format.
 *
 * Two artifacts are understood, told apart by shape:
 * - `pulumi stack export`: `{"version":3,"deployment":{"manifest":…,"resources":[ResourceV3…]}}`.
 *   Secrets are `{<sig>: <secret sig>, "ciphertext": …}` (or `"plaintext"` with --show-secrets).
 * - `pulumi preview --json`: `{"steps":[{"op","urn","newState":ResourceV3,…}],…}`. The CLI has
 *   already replaced every secret by the string "[secret]" and left computed values as the
 *   unknown sentinel.
 * Both become `{[sig]: <secret sig>, value: …}` wrappers, so the plaintext policies see through
 * the wire tap exactly what the engine would have marked secret. Inputs are used, as the engine
 * analyzes inputs.
 */
import * as fs from "fs";
import { isSecretWire, secretWire } from "../policies/core/wire";
import { nameOfUrn } from "../policies/core/urn";
import type { WireResource } from "../harness/in-process";

/** Above this the scan refuses the input instead of risking the CI runner's memory (JSON.parse holds it whole). */
export const DEFAULT_MAX_MIB = 128;
/** The deployment schema version this scan understands (apitype.DeploymentSchemaVersionCurrent). */
export const SUPPORTED_DEPLOYMENT_VERSION = 3;
/** What stands in for a secret whose plaintext the artifact does not carry. */
export const SECRET_PLACEHOLDER = "[secret]";
/** Nesting beyond this is passed on untouched; the policies' reader bounds its own walks. */
const MAX_DECODE_DEPTH = 256;

const STACK_TYPE = "pulumi:pulumi:Stack";
const PROVIDER_PREFIX = "pulumi:providers:";

/** A problem with what the user gave the scan: one line, exit code 2. */
export class InputError extends Error {}

export interface SourceLocation {
    /** Relative to the Pulumi project for `project://` positions, else the URI as recorded. */
    uri: string;
    line?: number;
    column?: number;
}

export interface ScanResource extends WireResource {
    urn: string;
    source?: SourceLocation;
}

/** What a preview artifact says about the steps it lists (the show-sames warning reads it). */
export interface PreviewSteps {
    /** Steps with op "same": present only with --show-sames. */
    sames: number;
    /** Steps that change something. */
    changes: number;
    /** Whether the preview creates the stack resource itself: a new stack has nothing unchanged to show. */
    createsStack: boolean;
}

export interface ScanInput {
    /** `program`: captured by `keyguard check` from a program run under mocks. */
    kind: "stack-export" | "preview" | "program";
    /** Every resource the artifact will leave in the stack (deleted ones dropped), stack and providers included. */
    resources: ScanResource[];
    /** How many entries the artifact held, judged or not. */
    total: number;
    stackUrn?: string;
    /** For a preview: what its steps show. */
    steps?: PreviewSteps;
}

/** The artifact a report names for a finding without a program line: the file, or Pulumi.yaml for standard input. */
export function artifactName(source: string): string {
    return source === "-" ? "Pulumi.yaml" : source;
}

export async function readInput(source: string, maxMiB = DEFAULT_MAX_MIB, onRead?: (bytes: number) => void): Promise<string> {
    const maxBytes = maxMiB * 1024 * 1024;
    const tooBig = (what: string) => new InputError(`${what} is larger than ${maxMiB} MiB; raise the limit with --max-size MiB if the runner has the memory`);
    let stream: NodeJS.ReadableStream;
    if (source === "-") {
        stream = process.stdin;
    } else {
        let stat: fs.Stats;
        try {
            stat = fs.statSync(source);
        } catch (e) {
            throw new InputError(`cannot read ${source}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
        }
        if (stat.isDirectory()) throw new InputError(`${source} is a directory, not a file`);
        // Checked before reading a byte, so a 200 MB artifact costs nothing. Pipes (/dev/stdin,
        // process substitution) have no size yet and are counted as they stream, below.
        if (stat.isFile() && stat.size > maxBytes) throw tooBig(source);
        stream = fs.createReadStream(source);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
        for await (const chunk of stream) {
            const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
            size += buf.length;
            // Standard input has no size up front: count as it comes and stop at the limit.
            if (size > maxBytes) {
                if (source === "-") process.stdin.destroy();
                throw tooBig(source === "-" ? "standard input" : source);
            }
            chunks.push(buf);
            onRead?.(size);
        }
    } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`cannot read ${source === "-" ? "standard input" : source}: ${(e as Error).message}`);
    }
    return Buffer.concat(chunks).toString("utf8").replace(/^\uFEFF/, "");
}

function isObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Stack export encodings → wire format: ciphertext secrets become placeholder secrets. */
function decodeExport(value: unknown, depth = 0): unknown {
    if (depth > MAX_DECODE_DEPTH || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => decodeExport(v, depth + 1));
    if (isSecretWire(value)) {
        const raw = value as Record<string, unknown>;
        if ("value" in raw) return secretWire(decodeExport(raw.value, depth + 1));
        // `pulumi stack export --show-secrets` writes the plaintext as JSON text.
        if (typeof raw.plaintext === "string") {
            try {
                return secretWire(decodeExport(JSON.parse(raw.plaintext), depth + 1));
            } catch {
                return secretWire(raw.plaintext);
            }
        }
        return secretWire(SECRET_PLACEHOLDER);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeExport(v, depth + 1);
    return out;
}

/** Preview JSON encodings → wire format: the CLI's "[secret]" strings become secrets again. */
function decodePreview(value: unknown, depth = 0): unknown {
    if (value === SECRET_PLACEHOLDER) return secretWire(SECRET_PLACEHOLDER);
    if (depth > MAX_DECODE_DEPTH || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => decodePreview(v, depth + 1));
    if (isSecretWire(value)) return decodeExport(value, depth);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodePreview(v, depth + 1);
    return out;
}

/** `project:///index.ts#12,5` (Pulumi's resource source position) → index.ts, line 12, column 5. */
export function parseSourcePosition(position: unknown): SourceLocation | undefined {
    if (typeof position !== "string" || position.length === 0 || position.length > 4096) return undefined;
    const hash = position.indexOf("#");
    const base = hash < 0 ? position : position.slice(0, hash);
    const fragment = hash < 0 ? "" : position.slice(hash + 1);
    const uri = base.startsWith("project://") ? base.slice("project://".length).replace(/^\/+/, "") : base;
    if (!uri) return undefined;
    const [line, column] = fragment.split(",").map((n) => (/^\d+$/.test(n) ? Number(n) : undefined));
    return { uri, ...(line ? { line } : {}), ...(line && column ? { column } : {}) };
}

function stringList(v: unknown): string[] {
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function toResource(state: Record<string, unknown>, where: string, decode: (v: unknown) => unknown): ScanResource {
    const urn = state.urn;
    const type = state.type;
    if (typeof urn !== "string" || urn === "") throw new InputError(`${where} has no urn`);
    if (typeof type !== "string" || type === "") throw new InputError(`${where} (${urn}) has no type`);
    const inputs = state.inputs === undefined || state.inputs === null ? {} : state.inputs;
    if (!isObject(inputs)) throw new InputError(`${where} (${urn}) has inputs that are not an object`);
    const propertyDependencies: Record<string, string[]> = {};
    if (isObject(state.propertyDependencies)) {
        for (const [k, deps] of Object.entries(state.propertyDependencies)) propertyDependencies[k] = stringList(deps);
    }
    const source = parseSourcePosition(state.sourcePosition);
    return {
        type,
        name: nameOfUrn(urn),
        urn,
        props: decode(inputs) as Record<string, unknown>,
        dependencies: stringList(state.dependencies),
        propertyDependencies,
        ...(typeof state.parent === "string" && state.parent ? { parent: state.parent } : {}),
        ...(source ? { source } : {}),
    };
}

/** Drops the stack resource and providers, unless `judged` says some policy looks at their type. */
export function selectResources(all: readonly ScanResource[], judged: (type: string) => boolean): ScanResource[] {
    return all.filter((r) => (r.type !== STACK_TYPE && !r.type.startsWith(PROVIDER_PREFIX)) || judged(r.type));
}

function fromStackExport(doc: Record<string, unknown>): ScanInput {
    const version = doc.version;
    if (typeof version !== "number" || !Number.isInteger(version)) throw new InputError('stack export has no numeric "version"; expected the output of `pulumi stack export`');
    if (version > SUPPORTED_DEPLOYMENT_VERSION) {
        throw new InputError(`stack export format version ${version} is newer than this keyguard understands (${SUPPORTED_DEPLOYMENT_VERSION}); upgrade keyguard`);
    }
    if (version < SUPPORTED_DEPLOYMENT_VERSION) {
        throw new InputError(`stack export format version ${version} is older than ${SUPPORTED_DEPLOYMENT_VERSION}; export it again with a current pulumi CLI`);
    }
    const deployment = doc.deployment;
    if (!isObject(deployment)) throw new InputError('stack export has no "deployment" object');
    const resources = deployment.resources;
    if (resources !== undefined && !Array.isArray(resources)) throw new InputError('stack export "deployment.resources" is not an array');
    const all: ScanResource[] = [];
    let stackUrn: string | undefined;
    // An empty deployment is read as such; the gate (nothing to judge, exit 2 unless --allow-empty) decides.
    (resources ?? []).forEach((r, i) => {
        if (!isObject(r)) throw new InputError(`deployment.resources[${i}] is not an object`);
        // A resource marked for deletion is an old copy the next update removes; the engine does not analyze it.
        if (r.delete === true) return;
        const res = toResource(r, `deployment.resources[${i}]`, decodeExport);
        if (res.type === STACK_TYPE) stackUrn = res.urn;
        all.push(res);
    });
    return { kind: "stack-export", resources: all, total: resources?.length ?? 0, stackUrn };
}

function fromPreview(doc: Record<string, unknown>): ScanInput {
    const steps = doc.steps;
    if (steps !== undefined && !Array.isArray(steps)) throw new InputError('preview "steps" is not an array');
    const byUrn = new Map<string, ScanResource>();
    let stackUrn: string | undefined;
    const counts: PreviewSteps = { sames: 0, changes: 0, createsStack: false };
    (steps ?? []).forEach((s, i) => {
        if (!isObject(s)) throw new InputError(`steps[${i}] is not an object`);
        if (s.op === "same") counts.sames++;
        else counts.changes++;
        if (s.op === "create" && typeof s.urn === "string" && s.urn.includes(`::${STACK_TYPE}::`)) counts.createsStack = true;
        // Deletes carry no newState: what is being removed is not judged. A replacement shows the
        // same new state in several steps; the first is enough.
        if (!isObject(s.newState)) return;
        const res = toResource(s.newState, `steps[${i}].newState`, decodePreview);
        if (res.type === STACK_TYPE) stackUrn = res.urn;
        if (!byUrn.has(res.urn)) byUrn.set(res.urn, res);
    });
    return { kind: "preview", resources: [...byUrn.values()], total: steps?.length ?? 0, stackUrn, steps: counts };
}

export function parseInput(text: string): ScanInput {
    if (text.trim() === "") throw new InputError("input is empty; expected a `pulumi stack export` or `pulumi preview --json` file");
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new InputError(`input is not JSON (${(e as Error).message})`);
    }
    if (isObject(doc)) {
        if ("steps" in doc || "changeSummary" in doc) return fromPreview(doc);
        if ("deployment" in doc || "version" in doc) return fromStackExport(doc);
    }
    throw new InputError('input is JSON but neither a `pulumi stack export` ({"version":3,"deployment":{…}}) nor `pulumi preview --json` output ({"steps":[…]})');
}
