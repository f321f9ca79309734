export * from './text-safety';
export * from './unsafe-text.walk';
export * from './single-line.decorator';
export * from './clean-text.decorator';
export * from './optional-not-null.decorator';
export * from './timestamp';
export * from './timestamp.decorator';
export * from './contract-validation.pipe';
