// keyguard's own policies (the repo's built dist/), served with some checks left out, to show what
// each part of keyguard costs in the pack (bench/split.ts). KEYGUARD_SPLIT says which run:
//   all             every check, as the pack itself
//   none            no check: each resource policy only matches its types (keyguard's floor)
//   only:a+b        the checks of policies whose names start with a or b; the rest only match
//   except:a+b      every check but those
//   silent          every check, its findings not handed to the SDK (what reporting costs)
//   calls           every check, each matching call timed, then the same call made again at once
//                   (the second reuses what the first warmed); SIGUSR1 writes the timings as JSON
//                   to KEYGUARD_SPLIT_OUT
// Stack policies always run (Analyze never calls them).
const fs = require("fs");
const path = require("path");
const { PolicyPack } = require("@pulumi/policy");
const root = path.resolve(__dirname, "..", "..");
const { policies } = require(path.join(root, "dist", "policies"));
const { typeMatcher } = require(path.join(root, "dist", "policies", "lib", "define"));

const split = process.env.KEYGUARD_SPLIT || "all";
const named = (prefix) => split.startsWith(prefix) ? split.slice(prefix.length).split("+").filter(Boolean) : undefined;
const only = named("only:");
const except = named("except:");
const checked = (p) => (only ? only.some((n) => p.name.startsWith(n)) : except ? !except.some((n) => p.name.startsWith(n)) : split !== "none");

const timings = new Map();
const time = (key, t0) => {
    const entry = timings.get(key) || { ns: 0, calls: 0 };
    entry.ns += Number(process.hrtime.bigint() - t0);
    entry.calls++;
    timings.set(key, entry);
};
if (split === "calls") {
    process.on("SIGUSR2", () => timings.clear());
    process.on("SIGUSR1", () => fs.writeFileSync(process.env.KEYGUARD_SPLIT_OUT, JSON.stringify(Object.fromEntries(timings))));
}

const served = policies.map((p) => {
    if (!p.validateResource) return p;
    const validate = p.validateResource;
    const matches = typeMatcher(p.keyguard.types);
    if (!checked(p)) return { ...p, validateResource: (args) => void matches(args.type) };
    if (split === "silent") return { ...p, validateResource: (args) => validate(args, () => undefined) };
    if (split !== "calls") return p;
    return {
        ...p,
        validateResource: (args, reportViolation) => {
            if (!matches(args.type)) return;
            let t0 = process.hrtime.bigint();
            validate(args, () => undefined);
            time(`${p.name}\tfirst`, t0);
            t0 = process.hrtime.bigint();
            validate(args, reportViolation);
            time(`${p.name}\tsecond`, t0);
        },
    };
});

new PolicyPack("keyguard", { policies: served });
