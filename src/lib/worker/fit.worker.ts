// Entry point of the training Worker — the only one in the project. Widgets never talk to it by
// hand: src/widgets/shared/startFit.ts starts it, acknowledges progress, pauses, resumes and stops:
//   const run = startFit(start, { onProgress });  // run.pause(), run.resume(), run.stop(), await run.done
// Vite bundles it as a separate module chunk. All logic lives in createFitHandler (tested in Node);
// this file only wires it to the worker scope.
import { createFitHandler } from "./fitHandler.ts";
import type { FromWorkerMessage, ToWorkerMessage } from "./fitProtocol.ts";

interface WorkerScope {
  postMessage(message: FromWorkerMessage, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { data: ToWorkerMessage }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const handle = createFitHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => void handle(event.data);
