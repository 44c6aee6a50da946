// Entry point of the training Worker — the only one in the project. In a page:
//   const worker = new Worker(new URL("../../lib/worker/fit.worker.ts", import.meta.url), { type: "module" });
//   worker.onmessage = (e: MessageEvent<FromWorkerMessage>) => …;  // ack each progress once drawn
//   worker.postMessage(start, [...start.x, ...start.y, ...(start.probe ?? [])].map((t) => t.buffer));
// Vite bundles it as a separate module chunk. All logic lives in createFitHandler (tested in Node);
// this file only wires it to the worker scope.
import { createFitHandler } from "./fit-handler.ts";
import type { FromWorkerMessage, ToWorkerMessage } from "./fit-protocol.ts";

interface WorkerScope {
  postMessage(message: FromWorkerMessage, transfer: ArrayBuffer[]): void;
  onmessage: ((event: { data: ToWorkerMessage }) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const handle = createFitHandler((message, transfer) => scope.postMessage(message, transfer));
scope.onmessage = (event) => void handle(event.data);
