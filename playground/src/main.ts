/**
 * The playground page: editor, examples menu, Run, Share, the output and diagnostics panes.
 * Automation hooks (`data-testid`): `editor`, `run`, `output`, `diagnostics`, plus `share` and
 * `examples`.
 */
import type { EditorView } from "@codemirror/view";
import type { Diagnostic } from "../../src/compiler/index.js";
import { createEditor, setDocument } from "./editor.js";
import { EXAMPLES } from "./examples.js";
import { Runner, type RunOutcome } from "./runner.js";
import { settingsFrom } from "./settings.js";
import { shareHash, sourceFromHash } from "./share.js";

const FILENAME = "main.ml";

function byTestId<T extends HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (el === null) throw new Error(`playground: element data-testid=${id} is missing`);
  return el;
}

const editorHost = byTestId<HTMLDivElement>("editor");
const runButton = byTestId<HTMLButtonElement>("run");
const shareButton = byTestId<HTMLButtonElement>("share");
const examplesMenu = byTestId<HTMLSelectElement>("examples");
const outputPane = byTestId<HTMLPreElement>("output");
const diagnosticsPane = byTestId<HTMLUListElement>("diagnostics");
const statusLine = byTestId<HTMLSpanElement>("status");

const settings = settingsFrom(location.search);
const runner = new Runner({
  spawn: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "mljs-playground" }),
  limits: settings.limits,
  deadlineMs: settings.deadlineMs,
});

function setStatus(text: string): void {
  statusLine.textContent = text;
}

function renderDiagnostics(diagnostics: readonly Diagnostic[]): void {
  diagnosticsPane.replaceChildren(
    ...diagnostics.map((d) => {
      const li = document.createElement("li");
      li.className = `diagnostic ${d.severity}`;
      li.dataset["line"] = String(d.loc.start.line);
      const hint = d.suggestion === undefined ? "" : ` (help: ${d.suggestion})`;
      li.textContent = `line ${d.loc.start.line}, column ${d.loc.start.column}: ${d.severity}[${d.code}] ${d.message}${hint}`;
      li.title = "Go to this line";
      li.addEventListener("click", () => goTo(d.loc.start.offset));
      return li;
    }),
  );
  diagnosticsPane.dataset["count"] = String(diagnostics.length);
}

let view: EditorView;

function goTo(offset: number): void {
  const at = Math.min(offset, view.state.doc.length);
  view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
  view.focus();
}

function appendOutput(text: string, className?: string): void {
  if (text.length === 0) return;
  if (className === undefined) {
    outputPane.append(text);
    return;
  }
  const span = document.createElement("span");
  span.className = className;
  span.textContent = text;
  outputPane.append(span);
}

function showOutcome(outcome: RunOutcome): void {
  switch (outcome.kind) {
    case "answered":
      appendOutput(outcome.output);
      if (outcome.error !== null) {
        if (outcome.output.length > 0 && !outcome.output.endsWith("\n")) appendOutput("\n");
        appendOutput(`${outcome.error}\n`, outcome.errorType === "LimitError" ? "error limit" : "error");
      }
      appendOutput(outcome.error === null ? `finished in ${outcome.elapsedMs} ms\n` : `stopped after ${outcome.elapsedMs} ms\n`, "status");
      outputPane.dataset["state"] = outcome.error === null ? "done" : "error";
      break;
    case "timeout":
      appendOutput(
        `Time limit: the program did not answer within ${outcome.afterMs} ms, so it was stopped (its worker was terminated and a fresh one started).\n`,
        "error limit",
      );
      outputPane.dataset["state"] = "error";
      break;
    case "crashed":
      appendOutput(`The worker failed: ${outcome.message}. Run again to start a new worker (reload the page if it keeps failing).\n`, "error");
      outputPane.dataset["state"] = "error";
      break;
    case "cancelled":
      break;
  }
}

async function runProgram(): Promise<void> {
  const source = view.state.doc.toString();
  outputPane.replaceChildren();
  outputPane.dataset["state"] = "running";
  setStatus("running…");
  const outcome = await runner.run(source, FILENAME);
  if (outcome.kind === "cancelled") return;
  showOutcome(outcome);
  setStatus("");
}

async function share(): Promise<void> {
  const hash = shareHash(view.state.doc.toString());
  if (hash instanceof Error) {
    setStatus(`Cannot share: ${hash.message}.`);
    return;
  }
  history.replaceState(null, "", hash);
  try {
    await navigator.clipboard.writeText(location.href);
    setStatus("Link copied to the clipboard.");
  } catch {
    setStatus("Link is in the address bar.");
  }
}

/** Loads the program a `#code=` hash carries and runs it; false when the hash carries none. */
function loadFromHash(): boolean {
  const found = sourceFromHash(location.hash);
  if (found === null) return false;
  if (found instanceof Error) {
    setStatus(found.message);
    return false;
  }
  setDocument(view, found);
  examplesMenu.value = "";
  void runProgram();
  return true;
}

for (const example of EXAMPLES) {
  const option = document.createElement("option");
  option.value = example.id;
  option.textContent = example.title;
  examplesMenu.append(option);
}

view = createEditor({
  parent: editorHost,
  doc: EXAMPLES[0]!.source,
  filename: FILENAME,
  onDiagnostics: (diagnostics) => renderDiagnostics(diagnostics),
  onRun: () => void runProgram(),
});

examplesMenu.addEventListener("change", () => {
  const example = EXAMPLES.find((e) => e.id === examplesMenu.value);
  if (example === undefined) return;
  setDocument(view, example.source);
  history.replaceState(null, "", location.pathname + location.search);
  outputPane.replaceChildren();
  view.focus();
});
runButton.addEventListener("click", () => void runProgram());
shareButton.addEventListener("click", () => void share());
window.addEventListener("hashchange", () => void loadFromHash());

if (!loadFromHash()) examplesMenu.value = EXAMPLES[0]!.id;
document.body.dataset["ready"] = "true";
