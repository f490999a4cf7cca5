/** One scan result in any of the report formats: what `--format` and `--sarif/--markdown/--json/--text FILE` write. */
import { keyguardVersion } from "../policies/lib/package-info";
import { formatJson } from "./format-json";
import { formatMarkdown } from "./format-markdown";
import { formatSarif } from "./format-sarif";
import { formatText } from "./format-text";
import type { Format } from "./report";
import type { ScanResult } from "./run";

/** `artifact`: the scanned file (relative to the working directory), where SARIF points a finding without a program line. */
export function renderScan(result: ScanResult, format: Format, colour: boolean, artifact: string): string {
    switch (format) {
        case "json":
            return formatJson(result);
        case "sarif":
            return formatSarif(result, { toolVersion: keyguardVersion(), artifact });
        case "markdown":
            return formatMarkdown(result);
        case "text":
            return formatText(result, colour);
    }
}
