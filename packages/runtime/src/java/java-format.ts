/** Java's `Double.toString(d)`: plain decimal in [1e-3, 1e7), else `d.dddE±n`; always a fraction digit. */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN'
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity'
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0'
  const abs = Math.abs(d)
  const sign = d < 0 ? '-' : ''
  return jdkIntegral(sign, abs, 53) ?? formatJava(sign, abs, abs.toExponential())
}

// JDK 17's FloatingDecimal prints an integral value beyond the significand's exact range (2^24 for a
// float, 2^53 for a double; below 2^63) from its exact integer digits, dropping only a table-given
// number of "insignificant" low digits (rounded): Float.toString(123456792f) is 1.23456792E8, not
// the shortest 1.2345679E8.
const INSIGNIFICANT_DIGITS = [
  0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
  10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14, 14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19,
]

function jdkIntegral(sign: string, abs: number, significantBits: number): string | undefined {
  if (!Number.isInteger(abs) || abs < 2 ** significantBits || abs >= 2 ** 63) return undefined
  const binExp = Math.floor(Math.log2(abs))
  const p2 = binExp - significantBits - 1
  const insignificant = binExp > significantBits && p2 > 1 ? (INSIGNIFICANT_DIGITS[p2] ?? 0) : 0
  let value = BigInt(abs)
  if (insignificant > 0) {
    const pow10 = 10n ** BigInt(insignificant)
    const residue = value % pow10
    value /= pow10
    if (residue >= pow10 / 2n) value++
  }
  const text = value.toString()
  const digits = text.replace(/0+$/, '')
  const decExponent = insignificant + text.length
  return `${sign}${digits[0] ?? '0'}.${digits.length > 1 ? digits.slice(1) : '0'}E${String(decExponent - 1)}`
}

/** Java's `Float.toString(f)`: the shortest digits that read back as the same float32 (integral values as JDK 17 prints them). */
export function javaFloatToString(f: number): string {
  if (!Number.isFinite(f) || f === 0) return javaDoubleToString(f)
  const abs = Math.abs(f)
  const integral = jdkIntegral(f < 0 ? '-' : '', abs, 24)
  if (integral !== undefined) return integral
  let text = abs.toExponential()
  for (let p = 1; p <= 9; p++) {
    const candidate = abs.toExponential(p - 1)
    if (Math.fround(Number(candidate)) === abs) {
      text = candidate
      break
    }
  }
  return formatJava(f < 0 ? '-' : '', abs, text)
}

function formatJava(sign: string, abs: number, exponential: string): string {
  const [mantissa = '0', exp = '0'] = exponential.split('e')
  const digits = mantissa.replace('.', '')
  const e = Number(exp)
  if (abs >= 1e-3 && abs < 1e7) {
    if (e >= 0) {
      const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0')
      const frac = digits.slice(e + 1)
      return `${sign}${intPart}.${frac === '' ? '0' : frac}`
    }
    return `${sign}0.${'0'.repeat(-e - 1)}${digits}`
  }
  const frac = digits.slice(1)
  return `${sign}${digits[0] ?? '0'}.${frac === '' ? '0' : frac}E${e}`
}

/** True when a number is written as a Java long (integral) rather than a double. */
export function isIntegral(n: number): boolean {
  return Number.isSafeInteger(n)
}
