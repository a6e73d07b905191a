/** Fakes of the ports and builders, shared by the tests. */
export * from './fake-clock';
export * from './fake-directory';
export * from './fake-intune';
export * from './memory-logger';
export * from './device-builders';
export * from './flow-builder';
