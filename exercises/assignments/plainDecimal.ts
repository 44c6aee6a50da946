/**
 * Numbers for LMS engines as plain decimals. JavaScript writes 1e-9 and 1.5e+21 in exponent form,
 * and some QTI engines (and Moodle's cloze parser) read "1e-9" as text, failing response processing.
 * This writes the same value (12 significant digits, enough for any tolerance or answer here)
 * with the decimal point placed by hand: 1e-9 → "0.000000001", 1.5e21 → "1500000000000000000000".
 */
export function plainDecimal(x: number, digits = 12): string {
  if (!Number.isFinite(x)) throw new Error(`Not a finite number: ${x}`);
  if (x === 0) return "0";
  // d.ddddde±N, then the digits shifted by N places.
  const [mantissa, exp] = x.toExponential(digits - 1).split("e");
  const negative = mantissa.startsWith("-");
  const allDigits = mantissa.replace(/^-/, "").replace(".", "").replace(/0+$/, "") || "0";
  const e = Number(exp);
  let text: string;
  if (e < 0) text = `0.${"0".repeat(-e - 1)}${allDigits}`;
  else if (allDigits.length <= e + 1) text = allDigits + "0".repeat(e + 1 - allDigits.length);
  else text = `${allDigits.slice(0, e + 1)}.${allDigits.slice(e + 1)}`;
  return negative ? `-${text}` : text;
}
