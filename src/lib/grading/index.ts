// Public surface of grading: reading what people type, comparing with tolerances, scoring.
export type { Score, Feedback, ParseResult } from "./score.ts";
export { isFullScore } from "./score.ts";
export { parseNumber, parseInteger, formatNumber, normalizeSigns } from "./number.ts";
export { parseVector, parseMatrix, formatVector, formatMatrix } from "./matrix.ts";
export { parseExpression, evaluateAt, normalizeName } from "./expression.ts";
export type { Expression, ParseExpressionOptions } from "./expression.ts";
export { withinTolerance, toleranceWidth, toleranceInterval, formatWithin, acceptedText } from "./tolerance.ts";
export type { Tolerance } from "./tolerance.ts";
export { readAnswer, compareAnswer, checkAnswer, answerText, answerDisplay, acceptedFor, specExpecting } from "./answerSpec.ts";
export type { AnswerSpec, AnswerKind, AnswerValue, PartCheck, PlotSpec, ChoiceOption, OrderingItem } from "./answerSpec.ts";
export { gradeParts, invalidInput, validateParts } from "./grade.ts";
export type { MisconceptionSpec, PartLabels } from "./grade.ts";
