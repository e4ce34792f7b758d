/**
 * A value shown in an error message, whatever the request put in it: bounded in depth and length,
 * so that a deeply nested array or a huge string cannot overflow the stack or the reply.
 */
export function shown(value: unknown, maxLength = 80): string {
  const walk = (v: unknown, depth: number): string => {
    if (typeof v === 'string') return JSON.stringify(v.length > maxLength ? `${v.slice(0, maxLength)}…` : v);
    if (v === null || typeof v !== 'object') return String(v);
    if (depth >= 3) return Array.isArray(v) ? '[…]' : '{…}';
    if (Array.isArray(v)) return `[${v.slice(0, 5).map((x) => walk(x, depth + 1)).join(',')}${v.length > 5 ? ',…' : ''}]`;
    const entries = Object.entries(v as Record<string, unknown>);
    const inner = entries.slice(0, 5).map(([k, x]) => `${JSON.stringify(k.slice(0, maxLength))}:${walk(x, depth + 1)}`);
    return `{${inner.join(',')}${entries.length > 5 ? ',…' : ''}}`;
  };
  const text = walk(value, 0);
  return text.length > maxLength * 2 ? `${text.slice(0, maxLength * 2)}…` : text;
}
