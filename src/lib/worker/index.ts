// Public surface of training in a Web Worker: the message protocol (fitProtocol.ts documents it)
// and its pure handler. The Worker entry file is ./fit.worker.ts (import it with `new URL(…, import.meta.url)`).
export { createFitHandler, tensorFromPayload, payloadFromData } from "./fitHandler.ts";
export type { Post, FitHandlerOptions } from "./fitHandler.ts";
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
} from "./fitProtocol.ts";
