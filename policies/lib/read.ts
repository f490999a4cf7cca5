/**
 * The one way keyguard's adapters read resource properties.
 *
 * Reading an unknown value through `args.props` throws inside the SDK and turns into
 * "can't run policy during preview" noise, so adapters never touch `args.props` directly: they
 * ask `read()`, which walks the plain object behind the SDK's proxies and says whether a value is
 * known, unknown (computed, preview only), or absent, and whether it reached the engine as a secret.
 */
import { Secret } from "@pulumi/policy";
import { UNKNOWN, isSecretWire, isUnknown } from "../core/wire";
import { unproxy, wireOf } from "./wire-tap";

export type Reading<T = unknown> =
    | { state: "absent"; secret: boolean }
    | { state: "unknown"; secret: boolean }
    | { state: "known"; value: T; secret: boolean };

export type Path = ReadonlyArray<string | number>;

/** Whether secret-ness is visible for these props: true on the engine's path (tap) and the remediate path. */
export function secretsVisible(props: object): boolean {
    return wireOf(props) !== undefined;
}

function step(value: unknown, key: string | number): unknown {
    if (typeof value !== "object" || value === null) return undefined;
    if (Array.isArray(value)) return typeof key === "number" ? value[key] : undefined;
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key as string] : undefined;
}

/** One part of a value on the walk: the plain value and its wire form, secrets unwrapped from both. */
interface Part {
    value: unknown;
    wire: unknown;
    secret: boolean;
    /** The part could not be taken out of its container: unknown, as `read` says. */
    unreadable: boolean;
}

/**
 * Steps from the part `from` to its child `key`, into `into` (the same part, for a walk down one
 * path): the one step every read takes, on the plain value and its wire form together.
 */
function stepPart(into: Part, from: Part, key: string | number): void {
    let value: unknown;
    let wire: unknown;
    let secret = from.secret;
    try {
        value = step(from.value, key);
        // `while`: a secret may wrap a secret on the wire; unwrapping once left a `Secret` (or the
        // wire wrapper) where the value belongs, so an unknown looked like a wrong-typed value (fuzz).
        while (value instanceof Secret) {
            // The remediate path deserializes with secrets kept as `Secret` instances.
            secret = true;
            value = value.value;
        }
        wire = step(from.wire, key);
        while (isSecretWire(wire)) {
            secret = true;
            wire = wire.value;
        }
    } catch {
        into.secret = secret;
        into.unreadable = true;
        return;
    }
    into.value = value;
    into.wire = wire;
    into.secret = secret;
}

/** A new part: the child `key` of `parent`. */
function childPart(parent: Part, key: string | number): Part {
    const child: Part = { value: undefined, wire: undefined, secret: false, unreadable: false };
    stepPart(child, parent, key);
    return child;
}

/** Reads `props[path[0]][path[1]]…`, never throwing, whatever the shape of the data. */
export function read<T = unknown>(props: object, ...path: Path): Reading<T> {
    const bag = bagOf(props);
    return bag ? readAt<T>(bag.plain, bag.wire, path) : unreadable(false);
}

/**
 * The plain object behind the SDK's proxies and its wire form; undefined when the bag itself
 * cannot be asked (finding both asks the bag: a revoked Proxy throws).
 */
function bagOf(props: object): { plain: unknown; wire: unknown } | undefined {
    try {
        return { plain: unproxy(props), wire: wireOf(props) };
    } catch {
        return undefined;
    }
}

/**
 * What a read says of a value it cannot take out of the data: a getter that throws, a Proxy whose
 * traps throw (an in-process caller's or a hostile program's object; the engine's props are plain
 * JSON). "unknown", as for a preview's computed value: the value is there but cannot be seen, so a
 * policy gives no verdict on it. "absent" would claim the property is not set, which a rule that
 * objects only to what is present (a trust policy's Principal, a plaintext credential) takes for
 * compliant. A throw would end the whole check: a stack policy would judge none of the stack's
 * other resources. `secret` is what the path crossed before the failure.
 */
function unreadable(secret: boolean): Reading<never> {
    return { state: "unknown", secret };
}

/**
 * `read` from the plain object and its wire form, looked up once: a reader bound to one resource
 * (lib/define.ts) reads it many times, and finding both behind the SDK's proxies is most of a read.
 */
export function readAt<T = unknown>(plain: unknown, wireForm: unknown, path: Path): Reading<T> {
    const at: Part = { value: plain, wire: wireForm, secret: false, unreadable: false };
    for (const key of path) {
        stepPart(at, at, key);
        if (at.unreadable) return unreadable(at.secret);
    }
    const { value, secret } = at;
    if (value === undefined || value === null) return { state: "absent", secret };
    if (isUnknown(value)) return { state: "unknown", secret };
    return { state: "known", value: value as T, secret };
}

/** The value when it is known, else undefined (unknown and absent look alike here). */
export function known<T = unknown>(props: object, ...path: Path): T | undefined {
    return knownAt<T>(unproxy(props), wireOf(props), path);
}

/** `known` from the plain object and its wire form, as `readAt` is `read`. */
export function knownAt<T = unknown>(plain: unknown, wireForm: unknown, path: Path): T | undefined {
    const r = readAt<T>(plain, wireForm, path);
    return r.state === "known" ? r.value : undefined;
}

/**
 * A reading as a plain value for pure-core functions that walk nested data themselves: the value,
 * the unknown sentinel (so the core's `isUnknown` sees it), or undefined when absent.
 */
export function rawOf(r: Reading): unknown {
    return r.state === "known" ? r.value : r.state === "unknown" ? UNKNOWN : undefined;
}

/**
 * A whole value read as plain data: what the core's walkers (SSE rules, documents) take. Every
 * secret inside is unwrapped, whichever way it arrived (the engine's wire markers, seen through the
 * tap, or the remediate path's `Secret` instances), every unknown is the core's `UNKNOWN`, and
 * `secret` says whether any part of it was a secret.
 */
export interface PlainReading {
    state: Reading["state"];
    /** undefined when absent, `UNKNOWN` when computed, else plain data (arrays and objects copied; a nested absent value is null). */
    value: unknown;
    /** True when the value, or anything inside it, reached the engine as a secret. */
    secret: boolean;
}

/** Bounds of a plain reading: deeper or further than this, a value is UNKNOWN (no verdict rather than a wrong one). */
export const PLAIN_MAX_DEPTH = 64;
export const PLAIN_MAX_NODES = 10_000;

/**
 * Reads the value at `props[path…]` and everything inside it, as `read` reads each part:
 * secret-ness from the wire, `Secret` instances unwrapped, unknowns recognized, a property that
 * cannot be taken out (a throwing getter) unknown. Never throws; bounded in depth and size.
 */
export function readPlain(props: object, ...path: Path): PlainReading {
    const bag = bagOf(props);
    return bag ? readPlainAt(bag.plain, bag.wire, path) : { state: "unknown", value: UNKNOWN, secret: false };
}

/** What a walk carries from part to part: how many parts it has read, and whether any was a secret. */
interface Walk {
    nodes: number;
    secret: boolean;
}

/**
 * `readPlain` from the plain object and its wire form, looked up once (a bound reader's `plain`).
 * One walk down both trees: each part is stepped to from its parent, never re-read from the top.
 */
export function readPlainAt(plainRoot: unknown, wireRoot: unknown, path: Path): PlainReading {
    const walk: Walk = { nodes: 0, secret: false };
    try {
        const top: Part = { value: plainRoot, wire: wireRoot, secret: false, unreadable: false };
        for (const key of path) {
            stepPart(top, top, key);
            if (top.unreadable) break;
        }
        const value = plainOf(top, 0, walk);
        return { state: value === undefined ? "absent" : value === UNKNOWN ? "unknown" : "known", value, secret: walk.secret };
    } catch {
        // A container the walk cannot list (a Proxy whose traps throw): no verdict on any of it.
        // A throwing getter is not one of these: that one property is unknown.
        return { state: "unknown", value: UNKNOWN, secret: walk.secret };
    }
}

/** One part as plain data: undefined when absent at the top (null below it), UNKNOWN when it cannot be known. */
function plainOf(part: Part, depth: number, walk: Walk): unknown {
    if (part.secret) walk.secret = true;
    if (part.unreadable) return UNKNOWN;
    const value = part.value;
    if (value === undefined || value === null) return depth === 0 ? undefined : null;
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value !== "object") return value;
    // Only plain containers are walked; anything else (an SDK asset or archive) is a value of its own.
    const isArray = Array.isArray(value);
    if (Object.getPrototypeOf(value) !== (isArray ? Array.prototype : Object.prototype)) return value;
    if (depth >= PLAIN_MAX_DEPTH) return UNKNOWN;
    if (isArray) {
        const out: unknown[] = new Array((value as unknown[]).length);
        for (let i = 0; i < out.length; i++) out[i] = ++walk.nodes > PLAIN_MAX_NODES ? UNKNOWN : plainOf(childPart(part, i), depth + 1, walk);
        return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
        const child = ++walk.nodes > PLAIN_MAX_NODES ? UNKNOWN : plainOf(childPart(part, key), depth + 1, walk);
        // A data key named __proto__ (JSON can carry one) is a key here too, never the copy's prototype.
        if (key === "__proto__") Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
        else out[key] = child;
    }
    return out;
}
