/**
 * Walking property paths through plain data where @pulumi/aws shapes differ: a nested block may be
 * an object or a list of them (v6's one-element lists, v7's objects, and real lists alike). Every
 * list met on the way fans out, each element with its index in the path. No Pulumi here.
 */
import { isUnknown } from "./wire";

export type DataPath = (string | number)[];

export interface Leaf {
    path: DataPath;
    value: unknown;
    /** True when the walk met a computed value (preview) at or before this leaf. */
    unknown: boolean;
}

/** Elements of one list judged at most; hostile input cannot make a walk unbounded. */
export const MAX_FAN_OUT = 1000;

const isBag = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function fan(items: Leaf[]): Leaf[] {
    const out: Leaf[] = [];
    for (const item of items) {
        if (item.unknown || isUnknown(item.value)) out.push({ ...item, unknown: true });
        else if (Array.isArray(item.value)) item.value.slice(0, MAX_FAN_OUT).forEach((v, i) => out.push({ path: [...item.path, i], value: v, unknown: false }));
        else out.push(item);
    }
    return out;
}

/** The values at `path` below `root` (whose own path is `base`), lists fanned out at every step and at the end. */
export function leavesAt(root: unknown, path: readonly string[], base: DataPath = []): Leaf[] {
    let level: Leaf[] = [{ path: base, value: root, unknown: false }];
    for (const key of path) {
        level = fan(level).map((item) => (item.unknown ? item : { path: [...item.path, key], value: isBag(item.value) ? item.value[key] : undefined, unknown: false }));
    }
    return fan(level);
}
