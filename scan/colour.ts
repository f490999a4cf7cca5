/**
 * Terminal colour, decided once for every keyguard report (scan, check, `npm start`): on a
 * terminal unless NO_COLOR says otherwise (https://no-color.org), and FORCE_COLOR wins either way,
 * as in Node itself (`FORCE_COLOR=1` colours a CI log, `FORCE_COLOR=0` never colours). The escape
 * codes are Node's own (`util.styleText`).
 */
import { styleText } from "util";

export type Style = "red" | "yellow" | "green" | "cyan" | "bold" | "dim";
export type Paint = (style: Style, text: string) => string;

export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
    const force = env.FORCE_COLOR;
    if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
    if (env.NO_COLOR) return false;
    return stream.isTTY === true && env.TERM !== "dumb";
}

export function painter(colour: boolean): Paint {
    return colour ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
