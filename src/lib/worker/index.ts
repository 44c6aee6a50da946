// Public surface of training in a Web Worker: the message protocol (fit-protocol.ts documents it)
// and its pure handler. The Worker entry file is ./fit.worker.ts (import it with `new URL(…, import.meta.url)`).
export { createFitHandler, tensorFromPayload, payloadFromData } from "./fit-handler.ts";
export type { Post, FitHandlerOptions } from "./fit-handler.ts";
export type {
  TensorPayload,
  WeightPayload,
  FitStartMessage,
  FitAckMessage,
  FitPauseMessage,
  FitResumeMessage,
  FitStopMessage,
  ToWorkerMessage,
  FitProgressMessage,
  FitDoneReason,
  FitDoneMessage,
  FitErrorMessage,
  FromWorkerMessage,
} from "./fit-protocol.ts";
