// Public surface of assignments: links, per-student variants, receipts, regrading, CSV and LMS exports.
export type { Assignment, AssignmentItem, Decoded } from "./assignment.ts";
export {
  FRAGMENT_PREFIX,
  LIMITS,
  assignmentFingerprint,
  checkAgainstRegistry,
  isCalendarDate,
  decodeAssignment,
  encodeAssignment,
  exerciseCount,
} from "./assignment.ts";
export type { ExerciseRef, Regraded } from "./exerciseRef.ts";
export { exerciseFor, findFamily, regradeRef } from "./exerciseRef.ts";
export { checksum } from "./checksum.ts";
export { KEY_SEPARATOR, accessFor, keyHash, newInstructorKey, splitInstructorKey } from "./instructorKey.ts";
export type { AssignedExercise } from "./variants.ts";
export { PREVIEW_STUDENT, assignedExercises, checkStudentId, cleanStudentId, studentKey, variantSeed } from "./variants.ts";
export type { DecodedReceipt, Receipt, ReceiptExercise, ReceiptProblem, Submission } from "./receipt.ts";
export { RECEIPT_PREFIX, decodeReceipt, encodeReceipt, findReceiptCodes, receiptFile } from "./receipt.ts";
export type { Conflict, ExerciseResult, Flag, FlagKind, Gradebook, GradebookEntry, GradingWindow, RegradedReceipt } from "./regrade.ts";
export { FLAG_BASIS, buildGradebook, continuationProblems, dueDeadline, regradeReceipt } from "./regrade.ts";
export { hasHiddenCharacters, mixesScripts, nameSkeleton, revealName, visibleName } from "./studentName.ts";
export { csvCell, exerciseColumns, gradebookCsv, gradebookRows, tableCell, toCsv } from "./csv.ts";
export type { AdjustedGrade, Adjustments } from "./adjustments.ts";
export { NO_ADJUSTMENTS, adjustedGrade } from "./adjustments.ts";
export type { ItemStats } from "./itemAnalysis.ts";
export { itemAnalysis, itemAnalysisCsv } from "./itemAnalysis.ts";
export type { ExerciseWork, SessionState } from "./session.ts";
export { mergeSessions, savedVersion } from "./sessionMerge.ts";
export {
  attemptsLeft,
  bestPoints,
  isClosed,
  newSession,
  openHint,
  parseSession,
  serializeSession,
  sessionScore,
  setDraft,
  storageKey,
  submit,
  toReceipt,
} from "./session.ts";
export type { LmsChart } from "./lms.ts";
export { acceptedLine, exerciseCharts, exportReport, lmsKind } from "./lms.ts";
export { chartAlt, plotSvg } from "./chartSvg.ts";
export { plainDecimal } from "./plainDecimal.ts";
export { moodleXml } from "./moodle.ts";
export { qtiFiles, qtiPackage } from "./qti.ts";
export { crc32, zipStore } from "./zip.ts";
export { escapeXml } from "./xml.ts";
