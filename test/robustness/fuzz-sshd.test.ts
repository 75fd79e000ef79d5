// Fixed-seed mutation fuzzing of the sshd kind (npm run fuzz runs longer).
import { registerFuzzTest } from './fuzz-lib';

registerFuzzTest('sshd');
