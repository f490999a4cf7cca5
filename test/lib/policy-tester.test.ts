/**
 * The tester itself: it passes right cases of a resource and a stack policy, and fails every case
 * that is wrong or asserts nothing. Two small policies built with the pack's own builder stand in
 * for the catalog, so these tests do not move when a real policy's wording does.
 */
import { expect } from "chai";
import { resourcePolicy, stackPolicy } from "../../policies/lib/define";
import { CaseKind, ResourceTable, StackTable, UNKNOWN, checkTable, runCase, secretWire, stackResource, testPolicy } from "./policy-tester";

const WIDGET = "test:index/widget:Widget";
const GADGET = "test:index/gadget:Gadget";

/** A widget must set size ≥ minSize (config); remediation sets it to minSize; a "skip" widget does not apply. */
const widgetSize = resourcePolicy<{ minSize: number }>({
    name: "widget-size",
    description: "Widgets are big enough.",
    enforcementLevel: "mandatory",
    severity: "low",
    remediationSteps: "Set size.",
    config: { minSize: { type: "integer", description: "Smallest size.", default: 2, minimum: 1 } },
    types: [WIDGET],
    check({ read, config, notApplicable }) {
        if (read("skip").state === "known") notApplicable("skipped widget");
        const size = read("size");
        if (size.state === "unknown") return [];
        const value = size.state === "known" ? size.value : undefined;
        if (typeof value === "number" && value >= config.minSize) return [];
        return [{ code: "too-small", problem: "size is too small", value, fix: `set size: ${config.minSize}`, where: { path: "size" } }];
    },
    remediate({ read, config, withChanges }) {
        const size = read("size");
        return size.state === "unknown" || (size.state === "known" && typeof size.value === "number" && size.value >= config.minSize) ? undefined : withChanges({ size: config.minSize });
    },
});

/** Every gadget must name a widget of the stack (by `widget`), reported on the gadget. */
const gadgetWidget = stackPolicy({
    name: "gadget-widget",
    description: "Gadgets belong to a widget.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Set widget.",
    types: [GADGET, WIDGET],
    check({ resources }) {
        const widgets = new Set(resources.filter((r) => r.type === WIDGET).map((r) => r.name));
        return resources
            .filter((r) => r.type === GADGET)
            .filter((g) => g.read("widget").state !== "unknown" && !widgets.has(g.known("widget") as string))
            .map((g) => ({ subject: g, code: "no-widget", problem: "gadget names no widget of the stack", value: g.known("widget"), fix: "set widget to a widget's name" }));
    },
});

const widgetTable: ResourceTable = {
    type: WIDGET,
    valid: [{ props: { size: 3 } }, { props: {}, notApplicable: "skipped widget", title: "a skipped widget" }, { props: { skip: true }, notApplicable: "skipped widget" }],
    invalid: [
        { props: { size: 1 }, messages: ["res: size: size is too small (1). Fix: set size: 2."], codes: ["too-small"] },
        { name: "big", props: { size: secretWire(3) }, config: { minSize: 5 }, messages: ["big: size: size is too small (3). Fix: set size: 5."] },
    ],
    preview: [{ props: { size: UNKNOWN } }],
    remediate: [
        { props: { size: 1 }, output: { size: 2 } },
        { props: { size: 9 }, output: null },
    ],
    config: [{ config: { minSize: 0 }, errors: ["widget-size: config minSize must be ≥ 1 (got 0); using the default 2. Fix: correct it in the policy pack config."] }],
};
// The second valid case above is wrong on purpose (size is absent, so it fails); the suite below uses only the right ones.
const rightWidgetTable: ResourceTable = { ...widgetTable, valid: [widgetTable.valid[0], widgetTable.valid[2]] };

const gadgetTable: StackTable = {
    valid: [{ resources: [stackResource(WIDGET, "w", {}), stackResource(GADGET, "g", { widget: "w" })] }],
    invalid: [{ resources: [stackResource(WIDGET, "w", {}), stackResource(GADGET, "g", { widget: "x" })], messages: ['g: gadget names no widget of the stack ("x"). Fix: set widget to a widget\'s name.'], codes: ["no-widget"] }],
    preview: [{ resources: [stackResource(GADGET, "g", { widget: UNKNOWN })] }],
};

/** Whether the tester rejects a case, and with which message. */
async function rejection(policy: Parameters<typeof runCase>[0], table: ResourceTable | StackTable, kind: CaseKind, c: unknown): Promise<string> {
    try {
        await runCase(policy, table, kind, c);
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error(`the tester accepted a ${kind} case it must fail: ${JSON.stringify(c)}`);
}

testPolicy(widgetSize, rightWidgetTable);
testPolicy(gadgetWidget, gadgetTable);

describe("policy tester: fails the cases it must", () => {
    it("fails an invalid case that asserts nothing (no messages, or an empty list)", async () => {
        expect(await rejection(widgetSize, widgetTable, "invalid", { props: { size: 1 } })).to.match(/asserts nothing/);
        expect(await rejection(widgetSize, widgetTable, "invalid", { props: { size: 1 }, messages: [] })).to.match(/asserts nothing/);
    });

    it("fails an invalid case whose messages, codes or level are not exactly the policy's", async () => {
        expect(await rejection(widgetSize, widgetTable, "invalid", { props: { size: 1 }, messages: ["res: size is too small (1). Fix: set size: 2."] })).to.match(/messages/);
        expect(await rejection(widgetSize, widgetTable, "invalid", { props: { size: 1 }, messages: ["res: size: size is too small (1). Fix: set size: 2.", "res: again"] })).to.match(/messages/);
        expect(await rejection(widgetSize, widgetTable, "invalid", { props: { size: 1 }, messages: ["res: size: size is too small (1). Fix: set size: 2."], codes: ["too-big"] })).to.match(/codes/);
        expect(await rejection(widgetSize, widgetTable, "invalid", { props: { size: 1 }, messages: ["res: size: size is too small (1). Fix: set size: 2."], level: "advisory" })).to.match(/levels/);
        // A passing resource is no invalid case.
        expect(await rejection(widgetSize, widgetTable, "invalid", { props: { size: 3 }, messages: ["res: size: size is too small (3). Fix: set size: 2."] })).to.match(/messages/);
    });

    it("fails a valid case that violates, and one the policy silently does not apply to", async () => {
        expect(await rejection(widgetSize, widgetTable, "valid", { props: { size: 1 } })).to.match(/violations/);
        expect(await rejection(widgetSize, widgetTable, "valid", { props: { skip: true } })).to.match(/did not apply/);
        expect(await rejection(widgetSize, widgetTable, "valid", widgetTable.valid[1])).to.match(/violations/);
    });

    it("fails a preview case without an unknown, and one that violates", async () => {
        expect(await rejection(widgetSize, widgetTable, "preview", { props: { size: 3 } })).to.match(/must hold an unknown/);
        expect(await rejection(widgetSize, widgetTable, "preview", { props: { size: 1, other: UNKNOWN } })).to.match(/violations/);
    });

    it("fails a remediate case without an output, and one whose output differs", async () => {
        expect(await rejection(widgetSize, widgetTable, "remediate", { props: { size: 1 } })).to.match(/asserts nothing/);
        expect(await rejection(widgetSize, widgetTable, "remediate", { props: { size: 1 }, output: { size: 3 } })).to.match(/remediated props/);
        expect(await rejection(widgetSize, widgetTable, "remediate", { props: { size: 1 }, output: null })).to.match(/remediated props/);
    });

    it("fails a config case without errors, one with other errors, and a good config", async () => {
        expect(await rejection(widgetSize, widgetTable, "config", { config: { minSize: 0 }, errors: [] })).to.match(/asserts nothing/);
        expect(await rejection(widgetSize, widgetTable, "config", { config: { minSize: 0 }, errors: ["widget-size: config minSize is wrong"] })).to.match(/config errors/);
        expect(await rejection(widgetSize, widgetTable, "config", { config: { minSize: 3 }, errors: ["widget-size: config minSize must be ≥ 1 (got 3)"] })).to.match(/config errors/);
    });

    it("fails a stack case attributed to a resource the message does not name, and a resource case given to a stack policy", async () => {
        expect(await rejection(gadgetWidget, gadgetTable, "invalid", { resources: [stackResource(GADGET, "g", { widget: "x" })], messages: ["g: wrong"] })).to.match(/messages/);
        expect(await rejection(gadgetWidget, gadgetTable, "valid", { props: {} })).to.match(/stack policy's case gives resources/);
    });

    it("fails a table without a passing case, a failing case or a preview case, or missing remediate or config cases", () => {
        expect(() => checkTable(widgetSize, { ...rightWidgetTable, valid: [] })).to.throw(/no valid case/);
        expect(() => checkTable(widgetSize, { ...rightWidgetTable, invalid: [] })).to.throw(/no invalid case/);
        expect(() => checkTable(widgetSize, { ...rightWidgetTable, preview: undefined })).to.throw(/no preview case/);
        expect(() => checkTable(widgetSize, { ...rightWidgetTable, remediate: [] })).to.throw(/no remediate case/);
        expect(() => checkTable(widgetSize, { ...rightWidgetTable, config: [] })).to.throw(/no config case/);
        expect(() => checkTable(gadgetWidget, gadgetTable)).to.not.throw();
    });
});
