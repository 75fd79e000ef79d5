// Fixed-seed mutation fuzzing of the nginx kind (npm run fuzz runs longer).
import { registerFuzzTest } from './fuzz-lib';

registerFuzzTest('nginx');
