// The checks both sides of a webview protocol (the inspector's, the console's) make of what they receive.

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isListOf = (v: unknown, item: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(item);
export const isOneOf = (values: readonly string[]) => (x: unknown): boolean => values.includes(x as string);
