/**
 * A small schema checker for API arguments. Unknown properties are refused (named), not
 * silently stripped, so a typo in a client surfaces at once.
 */
export type Field =
  | { kind: 'string'; min?: number; max?: number; pattern?: RegExp; optional?: boolean; nullable?: boolean }
  | { kind: 'int'; min?: number; max?: number; optional?: boolean; nullable?: boolean }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'array'; of: Field; max: number; optional?: boolean }
  | { kind: 'object'; shape: Shape; optional?: boolean };

export type Shape = Record<string, Field>;

export function checkShape(value: unknown, shape: Shape, path = 'args'): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object.`;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(key in shape)) return `${path}.${key} is not a known field.`;
  }
  for (const [key, field] of Object.entries(shape)) {
    const problem = checkField(record[key], field, `${path}.${key}`);
    if (problem !== null) return problem;
  }
  return null;
}

function checkField(value: unknown, field: Field, path: string): string | null {
  if (value === undefined) return field.optional === true ? null : `${path} is required.`;
  if (value === null) return 'nullable' in field && field.nullable === true ? null : field.optional === true && field.kind !== 'object' ? null : `${path} must not be null.`;
  switch (field.kind) {
    case 'string':
      if (typeof value !== 'string') return `${path} must be text.`;
      if (field.min !== undefined && value.length < field.min) return `${path} must be at least ${field.min} characters.`;
      if (field.max !== undefined && value.length > field.max) return `${path} must be at most ${field.max} characters.`;
      if (field.pattern !== undefined && !field.pattern.test(value)) return `${path} has an invalid format.`;
      return null;
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `${path} must be a whole number.`;
      if (field.min !== undefined && value < field.min) return `${path} must be at least ${field.min}.`;
      if (field.max !== undefined && value > field.max) return `${path} must be at most ${field.max}.`;
      return null;
    case 'enum':
      return typeof value === 'string' && field.values.includes(value) ? null : `${path} must be one of ${field.values.join(', ')}.`;
    case 'array': {
      if (!Array.isArray(value)) return `${path} must be a list.`;
      if (value.length > field.max) return `${path} has more than ${field.max} entries.`;
      for (let i = 0; i < value.length; i += 1) {
        const problem = checkField(value[i], field.of, `${path}[${i}]`);
        if (problem !== null) return problem;
      }
      return null;
    }
    case 'object':
      return checkShape(value, field.shape, path);
  }
}
