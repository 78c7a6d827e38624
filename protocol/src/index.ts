export * from './limits.ts';
export * from './errors.ts';
export * from './http.ts';
export * from './messages.ts';
export * from './quality.ts';
export { Invalid } from './check.ts';
export * from './survey.ts';
export * from './admin.ts';
