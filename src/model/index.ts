/** The model layer in one import: types, errors, parsers of untrusted input, validation helpers, key ranges and time ranges. */
export * from './types.js';
export * from './errors.js';
export * from './validate.js';
export * from './parse.js';
export * from './resize.js';
export * from './key-range.js';
export * from './time-range.js';
export * from './heatmap.js';
