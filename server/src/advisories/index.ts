// Vulnerability advisories (OSV) for PyPI packages: matching, the offline folder index, the OSV API
// client with its on-disk cache, and the process-wide service the hosts configure.
export * from './version';
export * from './osv';
export * from './source';
export * from './folder';
export * from './online';
export * from './service';
