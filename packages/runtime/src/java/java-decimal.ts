/** BigDecimal's grammar: the unscaled digits and the scale, or null. */
export function parseDecimal(token: string): { unscaled: bigint; scale: number } | null {
  const m = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d{1,9}))?$/.exec(token)
  if (m === null) return null
  const intPart = m[2] ?? ''
  const frac = m[3] ?? m[4] ?? ''
  const unscaled = BigInt(`${m[1] === '-' ? '-' : ''}${intPart}${frac}` || '0')
  return { unscaled, scale: frac.length - Number(m[5] ?? '0') }
}

/** The integer value of a decimal when it has no fractional part and is not absurdly large. */
export function exactInteger(unscaled: bigint, scale: number): bigint | null {
  if (scale <= 0) return -scale > 40 ? (unscaled === 0n ? 0n : null) : unscaled * 10n ** BigInt(-scale)
  if (scale > 400) return unscaled === 0n ? 0n : null
  const divisor = 10n ** BigInt(scale)
  return unscaled % divisor === 0n ? unscaled / divisor : null
}

/** Java's `BigDecimal.toString()`. */
export function decimalToString(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString()
  const sign = negative ? '-' : ''
  const adjusted = -scale + (digits.length - 1)
  if (scale === 0) return sign + digits
  if (scale > 0 && adjusted >= -6) {
    const padded = digits.padStart(scale + 1, '0')
    return `${sign}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`
  }
  const mantissa = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits
  return `${sign}${mantissa}E${adjusted >= 0 ? '+' : ''}${String(adjusted)}`
}
